#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"

#include <filesystem>

namespace vigil::crypto {

// Key files are small tagged binary files: "VGLK" magic, a version byte, a kind byte, the key
// bytes, and a BLAKE2b checksum so a damaged file is named as such rather than misread.
// Secret key files are written 0600 (created with that mode, never chmod'ed afterwards) and
// refused on load when group or others can read them.
[[nodiscard]] Status saveSigningKeyPair(const std::filesystem::path& secretPath,
                                        const SigningKeyPair& keys);
[[nodiscard]] Result<SigningKeyPair> loadSigningKeyPair(const std::filesystem::path& secretPath);
[[nodiscard]] Status saveSigningPublicKey(const std::filesystem::path& path,
                                          const SigningPublicKey& key);
[[nodiscard]] Result<SigningPublicKey> loadSigningPublicKey(const std::filesystem::path& path);

[[nodiscard]] Status saveBoxKeyPair(const std::filesystem::path& secretPath,
                                    const BoxKeyPair& keys);
[[nodiscard]] Result<BoxKeyPair> loadBoxKeyPair(const std::filesystem::path& secretPath);
[[nodiscard]] Status saveBoxPublicKey(const std::filesystem::path& path, const BoxPublicKey& key);
[[nodiscard]] Result<BoxPublicKey> loadBoxPublicKey(const std::filesystem::path& path);

} // namespace vigil::crypto
