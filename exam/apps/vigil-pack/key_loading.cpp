#include "key_loading.h"

namespace vigil::pack {

namespace {

template <class T> T orThrow(crypto::Result<T> result, const std::string& path) {
    if (!result) {
        throw KeyFileError("cannot load key " + path + ": " +
                           std::string(crypto::describe(result.error())));
    }
    return std::move(result).value();
}

} // namespace

crypto::SigningKeyPair loadSigningSecret(const std::string& path) {
    return orThrow(crypto::loadSigningKeyPair(path), path);
}
crypto::SigningPublicKey loadSigningPublic(const std::string& path) {
    return orThrow(crypto::loadSigningPublicKey(path), path);
}
crypto::BoxKeyPair loadBoxSecret(const std::string& path) {
    return orThrow(crypto::loadBoxKeyPair(path), path);
}
crypto::BoxPublicKey loadBoxPublic(const std::string& path) {
    return orThrow(crypto::loadBoxPublicKey(path), path);
}

} // namespace vigil::pack
