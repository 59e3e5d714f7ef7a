#pragma once

#include "vigil/store/store_error.h"

#include <string>
#include <string_view>

struct sqlite3;

namespace vigil::store {

// Maps a SQLite result code (and the connection's message) to the StoreErrorCode a caller can
// act on, and throws. `what` names the operation, e.g. "prepare" or "commit".
[[noreturn]] void throwSqliteError(sqlite3* db, int resultCode, std::string_view what);

// The same error, built but not thrown (to capture the connection's message before a reset).
[[nodiscard]] StoreError sqliteError(sqlite3* db, int resultCode, std::string_view what);

// The code for a result; with a connection, a system error behind an I/O failure (no space,
// quota, file size limit) refines it to DiskFull.
[[nodiscard]] StoreErrorCode storeErrorCodeFor(int resultCode, sqlite3* db = nullptr) noexcept;

// The sentence a person reads for an error of this code on this file.
[[nodiscard]] std::string describeStoreError(StoreErrorCode code, std::string_view file);

} // namespace vigil::store
