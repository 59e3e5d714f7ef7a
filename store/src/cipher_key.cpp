#include "cipher_key.h"

#include "sqlite_errors.h"
#include "vigil/store/database.h"

#include <sodium.h>
#include <sqlite3.h>
#include <string>

namespace vigil::store {

void applyRawKey(sqlite3* db, const crypto::SecureBuffer& key) {
    if (key.size() != Database::kKeyBytes) {
        throw StoreError(StoreErrorCode::Misuse, "A store key must be " +
                                                     std::to_string(Database::kKeyBytes) +
                                                     " bytes, not " + std::to_string(key.size()));
    }
    constexpr std::size_t kHexChars = 2 * Database::kKeyBytes;
    // x ' <hex> ' ; sodium_bin2hex also writes a terminator, which the closing quote replaces.
    crypto::SecureBuffer text(kHexChars + 3);
    auto* chars = reinterpret_cast<char*>(text.data());
    chars[0] = 'x';
    chars[1] = '\'';
    sodium_bin2hex(chars + 2, kHexChars + 1, key.data(), key.size()); // constant time
    chars[kHexChars + 2] = '\'';
    const int rc = sqlite3_key(db, text.data(), static_cast<int>(text.size()));
    if (rc != SQLITE_OK) {
        throwSqliteError(db, rc, "set key");
    }
}

} // namespace vigil::store
