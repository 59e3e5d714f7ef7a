#include "sqlite_errors.h"

#include <cerrno>
#include <sqlite3.h>
#include <string>

namespace vigil::store {

StoreErrorCode storeErrorCodeFor(int resultCode, sqlite3* db) noexcept {
    switch (resultCode & 0xff) {
    case SQLITE_FULL:
        return StoreErrorCode::DiskFull;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return StoreErrorCode::ReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: // past open, a page that fails to decrypt is damage, not a wrong key
        return StoreErrorCode::Corrupt;
    case SQLITE_CONSTRAINT:
        return StoreErrorCode::Constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return StoreErrorCode::Busy;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: {
        // SQLite reports a failed write() as SQLITE_IOERR_WRITE unless the write was short;
        // the errno tells a full disk apart from a failing one.
        const int systemError = db ? sqlite3_system_errno(db) : 0;
        if (systemError == ENOSPC || systemError == EDQUOT || systemError == EFBIG) {
            return StoreErrorCode::DiskFull;
        }
        if (systemError == EROFS || systemError == EACCES) {
            return StoreErrorCode::ReadOnly;
        }
        return StoreErrorCode::Io;
    }
    default:
        return StoreErrorCode::Misuse;
    }
}

std::string describeStoreError(StoreErrorCode code, std::string_view file) {
    const std::string name = file.empty() ? std::string("the database") : std::string(file);
    switch (code) {
    case StoreErrorCode::WrongKey:
        return name + " cannot be opened with this key (wrong key, or not a Vigil store)";
    case StoreErrorCode::NotEncrypted:
        return name + " is not encrypted";
    case StoreErrorCode::MissingDirectory:
        return "The folder for " + name + " does not exist";
    case StoreErrorCode::ReadOnly:
        return name + " cannot be written: the file or its folder is read-only";
    case StoreErrorCode::DiskFull:
        return "The disk holding " + name + " is full: the change was not saved";
    case StoreErrorCode::Corrupt:
        return name + " is damaged or has been tampered with";
    case StoreErrorCode::NewerSchema:
        return name + " was written by a newer version of Vigil";
    case StoreErrorCode::Constraint:
        return "The change to " + name + " was refused by a constraint";
    case StoreErrorCode::Busy:
        return name + " is busy in another process";
    case StoreErrorCode::Io:
        return "Reading or writing " + name + " failed";
    case StoreErrorCode::Misuse:
        return "A store call on " + name + " was invalid";
    }
    return "A store call on " + name + " failed";
}

StoreError sqliteError(sqlite3* db, int resultCode, std::string_view what) {
    const StoreErrorCode code = storeErrorCodeFor(resultCode, db);
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    std::string message = describeStoreError(code, file ? file : "");
    message += " (";
    message += what;
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(resultCode);
    message += ")";
    return StoreError(code, message);
}

void throwSqliteError(sqlite3* db, int resultCode, std::string_view what) {
    throw sqliteError(db, resultCode, what);
}

} // namespace vigil::store
