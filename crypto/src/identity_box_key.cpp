#include "vigil/crypto/identity_box_key.h"

#include "sodium_required.h"

#include <sodium.h>

namespace vigil::crypto {

Result<BoxPublicKey> boxPublicKeyOf(const SigningPublicKey& identity) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    BoxPublicKey converted{};
    if (crypto_sign_ed25519_pk_to_curve25519(converted.data(), identity.data()) != 0) {
        return Error::InvalidArgument;
    }
    return converted;
}

Result<BoxKeyPair> boxKeyPairOf(const SigningKeyPair& identity) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (identity.secretKey.size() != crypto_sign_SECRETKEYBYTES) {
        return Error::InvalidArgument;
    }
    auto publicKey = boxPublicKeyOf(identity.publicKey);
    if (!publicKey) {
        return publicKey.error();
    }
    BoxKeyPair keys{publicKey.value(), SecureBuffer(crypto_box_SECRETKEYBYTES)};
    if (crypto_sign_ed25519_sk_to_curve25519(keys.secretKey.data(), identity.secretKey.data()) !=
        0) {
        return Error::InvalidArgument;
    }
    // The secret key's own public half must be the one derived from the identity's public key:
    // a key pair whose halves do not belong together is refused, not silently half-used.
    BoxPublicKey check{};
    if (crypto_scalarmult_base(check.data(), keys.secretKey.data()) != 0 ||
        sodium_memcmp(check.data(), keys.publicKey.data(), check.size()) != 0) {
        return Error::InvalidArgument;
    }
    return keys;
}

} // namespace vigil::crypto
