#include "vigil/store/key_file.h"

#include "vigil/crypto/file_read.h"
#include "vigil/store/database.h"
#include "vigil/store/store_error.h"

#include <cctype>
#include <sodium.h>

namespace vigil::store {

namespace {

constexpr std::size_t kHexChars = 2 * Database::kKeyBytes;
// Room for the key, a line ending and some stray blanks; anything longer is not a key file.
constexpr std::size_t kMaxFileBytes = kHexChars + 64;

} // namespace

crypto::SecureBuffer loadHexKeyFile(const std::filesystem::path& file) {
    const std::string name = file.string();
    // Operators keep this file for vigil-store; its mode is theirs to choose.
    auto read = crypto::readSecretFile(file, crypto::SecretFileRule::atMost(kMaxFileBytes, false));
    if (!read) {
        if (read.error().error == crypto::FileReadError::TooLarge) {
            throw StoreError(StoreErrorCode::Misuse,
                             "The key file " + name + " is too long to hold one store key");
        }
        throw StoreError(StoreErrorCode::Io,
                         "The key file " + name + " cannot be read (" + read.error().detail + ")");
    }
    const crypto::SecureBuffer& text = read.value();
    auto length = text.size();
    while (length > 0 && std::isspace(text.data()[length - 1]) != 0) {
        --length;
    }
    crypto::SecureBuffer key(Database::kKeyBytes);
    std::size_t decoded = 0;
    const char* end = nullptr;
    if (length != kHexChars ||
        sodium_hex2bin(key.data(), key.size(), reinterpret_cast<const char*>(text.data()), length,
                       nullptr, &decoded, &end) != 0 ||
        decoded != key.size()) {
        throw StoreError(StoreErrorCode::Misuse, "The key file " + name + " must hold exactly " +
                                                     std::to_string(kHexChars) +
                                                     " hexadecimal characters (a 256-bit key)");
    }
    return key;
}

} // namespace vigil::store
