#pragma once

#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/statement.h"
#include "vigil/store/store_error.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace vigil::store {

// One step of a component's schema. Migrations run in version order inside one transaction
// each, and PRAGMA user_version records the last one applied. Versions start at 1 and rise.
struct Migration {
    int version;
    std::string_view sql;
};

enum class OpenMode {
    CreateIfMissing, // a new file is created only where no file exists
    MustExist,
};

struct IntegrityReport {
    bool ok = true;
    std::vector<std::string> problems; // empty when ok
};

// Vigil's one encrypted store: SQLCipher with a 256-bit raw key, WAL, synchronous=FULL.
//
// Durability contract: when a write call (run(), or transaction() returning) has returned,
// the data survives kill -9 and power loss.
//
// Open refuses, with a StoreError naming the file: a wrong key (never replacing the file with a
// fresh one), a plaintext SQLite file, a missing folder, a read-only location, and a schema
// newer than the migrations given. After opening it asserts that SQLCipher is really in use
// (cipher_version answers and the file header is not "SQLite format 3").
//
// An empty migration list opens the schema as it is, without checking its version (for tools
// that only inspect a store, such as `vigil-store check`).
//
// One Database is one connection: use it from one thread at a time.
class Database {
public:
    static constexpr std::size_t kKeyBytes = 32;

    [[nodiscard]] static Database open(const std::filesystem::path& file,
                                       const crypto::SecureBuffer& key,
                                       std::span<const Migration> migrations,
                                       OpenMode mode = OpenMode::CreateIfMissing);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] Statement prepare(std::string_view sql);
    // A statement prepared once per connection and kept for reuse (hot paths: one answer write
    // should not pay for parsing SQL). It comes back reset, with every binding cleared; it stays
    // valid as long as this Database.
    [[nodiscard]] Statement& cached(std::string_view sql);
    void exec(std::string_view sql); // one or more statements, no rows

    // BEGIN IMMEDIATE; body; COMMIT. Rolls back and rethrows if body throws. Nested calls
    // become savepoints: an inner failure that the body catches undoes only the inner part.
    void transaction(const std::function<void()>& body);

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] std::string cipherVersion() const; // SQLCipher's own, e.g. "3.4.1"
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

    // PRAGMA integrity_check plus a full read of every page, which makes SQLCipher check every
    // page's HMAC.
    [[nodiscard]] IntegrityReport checkIntegrity();

    // Folds the WAL into the main file (e.g. before a backup).
    void checkpoint();

private:
    Database(sqlite3* handle, std::filesystem::path path);
    void close() noexcept;

    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> statementCache_;
    int savepointDepth_ = 0;
};

} // namespace vigil::store
