#pragma once

#include "vigil/crypto/key_files.h"

#include <string>

namespace vigil::pack {

// Key file loading with the file named in the error: throws KeyFileError.
class KeyFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

crypto::SigningKeyPair loadSigningSecret(const std::string& path);
crypto::SigningPublicKey loadSigningPublic(const std::string& path);
crypto::BoxKeyPair loadBoxSecret(const std::string& path);
crypto::BoxPublicKey loadBoxPublic(const std::string& path);

} // namespace vigil::pack
