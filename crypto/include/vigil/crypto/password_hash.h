#pragma once

#include "vigil/crypto/error.h"

#include <string>
#include <string_view>

namespace vigil::crypto {

// Argon2id PIN and password hashing (crypto_pwhash_str). The parameters are fixed in
// password_hash.cpp, with the measurement that justifies them.
struct PasswordHashParameters {
    unsigned long long opsLimit;
    std::size_t memLimit;
};
[[nodiscard]] PasswordHashParameters passwordHashParameters() noexcept;

// Returns the self-describing "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string.
[[nodiscard]] Result<std::string> hashPassword(std::string_view secret);
// Constant-time verify; false for a wrong secret or a malformed hash string.
[[nodiscard]] bool verifyPassword(std::string_view storedHash, std::string_view secret) noexcept;
// True when the stored hash was made with weaker or different parameters than today's.
[[nodiscard]] bool passwordNeedsRehash(std::string_view storedHash) noexcept;

} // namespace vigil::crypto
