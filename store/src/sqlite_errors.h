#pragma once

#include "vigil/store/store_error.h"

#include <string_view>

struct sqlite3;

namespace vigil::store {

// Maps a SQLite result code (and the connection's message) to the StoreErrorCode a caller can
// act on, and throws. `what` names the operation, e.g. "prepare" or "commit".
[[noreturn]] void throwSqliteError(sqlite3* db, int resultCode, std::string_view what);

[[nodiscard]] StoreErrorCode storeErrorCodeFor(int resultCode) noexcept;

} // namespace vigil::store
