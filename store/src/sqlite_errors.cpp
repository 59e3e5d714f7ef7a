#include "sqlite_errors.h"

#include <sqlite3.h>

#include <string>

namespace vigil::store {

StoreErrorCode storeErrorCodeFor(int resultCode) noexcept {
    switch (resultCode & 0xff) {
    case SQLITE_FULL:
        return StoreErrorCode::DiskFull;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return StoreErrorCode::ReadOnly;
    case SQLITE_CORRUPT:
        return StoreErrorCode::Corrupt;
    case SQLITE_NOTADB:
        return StoreErrorCode::WrongKey;
    case SQLITE_CONSTRAINT:
        return StoreErrorCode::Constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StoreErrorCode::Busy;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        return StoreErrorCode::Io;
    default:
        return StoreErrorCode::Misuse;
    }
}

void throwSqliteError(sqlite3* db, int resultCode, std::string_view what) {
    std::string message(what);
    message += " failed: ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(resultCode);
    if (db) {
        if (const char* file = sqlite3_db_filename(db, "main"); file && *file) {
            message += " (";
            message += file;
            message += ")";
        }
    }
    throw StoreError(storeErrorCodeFor(resultCode), message);
}

} // namespace vigil::store
