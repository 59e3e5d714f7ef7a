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
#include <vector>

struct sqlite3;

namespace vigil::store {

// One step of a component's schema. Migrations run in version order inside one transaction
// each, and PRAGMA user_version records the last one applied.
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
    void exec(std::string_view sql); // one or more statements, no rows

    // BEGIN IMMEDIATE; body; COMMIT. Rolls back and rethrows if body throws.
    void transaction(const std::function<void()>& body);

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

    // PRAGMA integrity_check plus a full read of every page, which makes SQLCipher check every
    // page's HMAC.
    [[nodiscard]] IntegrityReport checkIntegrity();

    // Folds the WAL into the main file (e.g. before a backup).
    void checkpoint();

private:
    Database(sqlite3* handle, std::filesystem::path path);
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
};

} // namespace vigil::store
