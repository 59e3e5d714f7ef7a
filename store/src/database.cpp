#include "vigil/store/database.h"

#include "cipher_key.h"
#include "migrations.h"
#include "open_checks.h"
#include "sqlite_errors.h"

#include <sqlite3.h>
#include <string>
#include <system_error>
#include <utility>

namespace vigil::store {

namespace fs = std::filesystem;

namespace {

constexpr int kBusyTimeoutMs = 5000;

struct CloseConnection {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, CloseConnection>;

// The first column of the first row, as text; empty when the statement gives no row.
std::string firstText(sqlite3* db, const char* sql) {
    Statement statement(db, sql);
    return statement.step() ? statement.text(0) : std::string();
}

void execute(sqlite3* db, std::string_view sql) {
    const char* cursor = sql.data();
    const char* const end = sql.data() + sql.size();
    while (cursor < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int prepared =
            sqlite3_prepare_v2(db, cursor, static_cast<int>(end - cursor), &raw, &tail);
        if (prepared != SQLITE_OK) {
            throwSqliteError(db, prepared, "prepare");
        }
        if (raw == nullptr) { // only whitespace or comments left
            break;
        }
        int rc = SQLITE_ROW;
        while (rc == SQLITE_ROW) {
            rc = sqlite3_step(raw);
        }
        if (rc != SQLITE_DONE) {
            StoreError error = sqliteError(db, rc, "exec");
            sqlite3_finalize(raw);
            throw error;
        }
        sqlite3_finalize(raw);
        cursor = tail;
    }
}

// A process that links libsqlite3 ahead of libsqlcipher silently ignores the key and writes
// plaintext: refuse to go on unless SQLCipher itself answers.
void requireSqlCipher(sqlite3* db, const std::string& name) {
    if (firstText(db, "PRAGMA cipher_version").empty()) {
        throw StoreError(StoreErrorCode::NotEncrypted,
                         "SQLCipher is not in use in this process (PRAGMA cipher_version has no "
                         "answer): refusing to open " +
                             name + " without encryption");
    }
}

// SQLCipher accepts any key; the first page read is what tells a wrong key.
void requireKeyOpensFile(sqlite3* db, const std::string& name) {
    const int rc =
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_NOTADB) {
        throw StoreError(StoreErrorCode::WrongKey,
                         describeStoreError(StoreErrorCode::WrongKey, name));
    }
    if (rc != SQLITE_OK) {
        throwSqliteError(db, rc, "first read");
    }
}

void setPragma(sqlite3* db, const std::string& name, const char* assignment, const char* query,
               const char* expected, const char* what) {
    execute(db, assignment);
    if (const std::string answer = firstText(db, query); answer != expected) {
        throw StoreError(StoreErrorCode::Io, "Could not set " + std::string(what) + " on " + name +
                                                 " (the database answered \"" + answer + "\")");
    }
}

void configure(sqlite3* db, const std::string& name) {
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // Sorts and temporary tables stay in memory: SQLCipher's own pages are the only bytes on disk.
    setPragma(db, name, "PRAGMA temp_store = MEMORY", "PRAGMA temp_store", "2",
              "in-memory temporary storage");
    setPragma(db, name, "PRAGMA journal_mode = WAL", "PRAGMA journal_mode", "wal",
              "write-ahead logging");
    // FULL in WAL mode syncs the log at every commit: a returned write survives power loss.
    setPragma(db, name, "PRAGMA synchronous = FULL", "PRAGMA synchronous", "2", "synchronous=FULL");
    setPragma(db, name, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1",
              "foreign key checks");
}

void removeCreatedFiles(const fs::path& file) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        fs::remove(file.string() + suffix, ignored);
    }
}

} // namespace

Database Database::open(const fs::path& file, const crypto::SecureBuffer& key,
                        std::span<const Migration> migrations, OpenMode mode) {
    const std::string name = file.string();
    const bool existed = checkLocationBeforeOpen(file, mode);
    // An existing file is only ever opened, never created: a wrong key must not end in a
    // fresh empty store where the candidates' answers were.
    const int flags = SQLITE_OPEN_READWRITE | (existed ? 0 : SQLITE_OPEN_CREATE);
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    Connection connection(raw);
    if (opened != SQLITE_OK) {
        throwSqliteError(raw, opened, "open");
    }
    if (sqlite3_db_readonly(raw, "main") == 1) {
        throw StoreError(StoreErrorCode::ReadOnly,
                         describeStoreError(StoreErrorCode::ReadOnly, name));
    }
    try {
        requireSqlCipher(raw, name);
        applyRawKey(raw, key);
        requireKeyOpensFile(raw, name);
        configure(raw, name);
        if (hasPlaintextSqliteHeader(file)) {
            throw StoreError(StoreErrorCode::NotEncrypted,
                             name + " was written without encryption: SQLCipher is not in use");
        }
        Database db(connection.release(), file);
        applyMigrations(db, migrations);
        return db;
    } catch (...) {
        connection.reset();
        if (!existed) {
            removeCreatedFiles(file);
        }
        throw;
    }
}

Database::Database(sqlite3* handle, fs::path path)
    : db_(handle)
    , path_(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr))
    , path_(std::move(other.path_))
    , statementCache_(std::move(other.statementCache_))
    , savepointDepth_(std::exchange(other.savepointDepth_, 0)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        statementCache_ = std::move(other.statementCache_);
        savepointDepth_ = std::exchange(other.savepointDepth_, 0);
    }
    return *this;
}

Database::~Database() {
    close();
}

void Database::close() noexcept {
    statementCache_.clear();
    // close_v2 waits for statements a caller still holds, so their destructors stay valid.
    sqlite3_close_v2(db_);
    db_ = nullptr;
}

Statement Database::prepare(std::string_view sql) {
    return Statement(db_, sql);
}

Statement& Database::cached(std::string_view sql) {
    auto found = statementCache_.find(std::string(sql));
    if (found == statementCache_.end()) {
        found =
            statementCache_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
    }
    Statement& statement = *found->second;
    statement.reset();
    statement.clearBindings();
    return statement;
}

void Database::exec(std::string_view sql) {
    execute(db_, sql);
}

void Database::transaction(const std::function<void()>& body) {
    if (savepointDepth_ > 0 || sqlite3_get_autocommit(db_) == 0) {
        // Already inside a transaction: nest as a savepoint.
        const std::string savepoint = "vigil_nested_" + std::to_string(savepointDepth_);
        execute(db_, "SAVEPOINT " + savepoint);
        ++savepointDepth_;
        try {
            body();
        } catch (...) {
            --savepointDepth_;
            sqlite3_exec(db_, ("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint).c_str(),
                         nullptr, nullptr, nullptr);
            throw;
        }
        --savepointDepth_;
        execute(db_, "RELEASE " + savepoint);
        return;
    }

    // IMMEDIATE takes the write lock now, so a transaction never fails half-way for a lock.
    execute(db_, "BEGIN IMMEDIATE");
    ++savepointDepth_;
    const auto rollBack = [this] {
        --savepointDepth_;
        // SQLite has already rolled back after some errors (a full disk, an I/O error).
        if (sqlite3_get_autocommit(db_) == 0) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    };
    try {
        body();
    } catch (...) {
        rollBack();
        throw;
    }
    const int committed = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (committed != SQLITE_OK) {
        StoreError error = sqliteError(db_, committed, "commit");
        rollBack();
        throw error;
    }
    --savepointDepth_;
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
    return sqlite3_changes(db_);
}

int Database::schemaVersion() const {
    Statement statement(db_, "PRAGMA user_version");
    return statement.step() ? static_cast<int>(statement.int64(0)) : 0;
}

std::string Database::cipherVersion() const {
    return firstText(db_, "PRAGMA cipher_version");
}

void Database::checkpoint() {
    const int rc =
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        throwSqliteError(db_, rc, "checkpoint");
    }
}

} // namespace vigil::store
