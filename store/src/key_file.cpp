#include "vigil/store/key_file.h"

#include "vigil/store/database.h"
#include "vigil/store/store_error.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sodium.h>

namespace vigil::store {

namespace {

constexpr std::size_t kHexChars = 2 * Database::kKeyBytes;
// Room for the key, a line ending and some stray blanks; anything longer is not a key file.
constexpr std::size_t kMaxFileBytes = kHexChars + 64;

} // namespace

crypto::SecureBuffer loadHexKeyFile(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw StoreError(StoreErrorCode::Io,
                         "The key file " + name + " cannot be read (" + std::strerror(errno) + ")");
    }
    crypto::SecureBuffer text(kMaxFileBytes + 1);
    in.read(reinterpret_cast<char*>(text.data()), static_cast<std::streamsize>(text.size()));
    auto length = static_cast<std::size_t>(in.gcount());
    if (length > kMaxFileBytes) {
        throw StoreError(StoreErrorCode::Misuse, "The key file " + name +
                                                     " is too long to hold "
                                                     "one store key");
    }
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
