#include "open_checks.h"

#include "sqlite_errors.h"

#include <array>
#include <cstring>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace vigil::store {

namespace fs = std::filesystem;

namespace {

bool writable(const fs::path& path) {
    return ::access(path.c_str(), W_OK) == 0;
}

} // namespace

bool hasPlaintextSqliteHeader(const fs::path& file) {
    static constexpr char kHeader[] = "SQLite format 3"; // 16 bytes with its terminator
    std::array<char, sizeof(kHeader)> start{};
    std::ifstream in(file, std::ios::binary);
    if (!in.read(start.data(), start.size())) {
        return false;
    }
    return std::memcmp(start.data(), kHeader, sizeof(kHeader)) == 0;
}

bool checkLocationBeforeOpen(const fs::path& file, OpenMode mode) {
    const std::string name = file.string();
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::error_code error;
    const fs::file_status folderStatus = fs::status(folder, error);
    if (!fs::exists(folderStatus)) {
        throw StoreError(StoreErrorCode::MissingDirectory, "The folder " + folder.string() +
                                                               " for the database " + name +
                                                               " does not exist");
    }
    if (!fs::is_directory(folderStatus)) {
        throw StoreError(StoreErrorCode::MissingDirectory, folder.string() +
                                                               ", where the database " + name +
                                                               " should be, is not a folder");
    }

    const fs::file_status fileStatus = fs::status(file, error);
    const bool exists = fs::exists(fileStatus);
    if (exists && fs::is_directory(fileStatus)) {
        throw StoreError(StoreErrorCode::Io, name + " is a folder, not a database file");
    }
    if (!exists) {
        if (mode == OpenMode::MustExist) {
            throw StoreError(StoreErrorCode::Io, "The database " + name + " does not exist");
        }
        if (!writable(folder)) {
            throw StoreError(StoreErrorCode::ReadOnly, "The database " + name +
                                                           " cannot be created: the folder " +
                                                           folder.string() + " is read-only");
        }
        return false;
    }

    if (::access(file.c_str(), R_OK) != 0) {
        throw StoreError(StoreErrorCode::Io,
                         "The database " + name + " cannot be read (" + std::strerror(errno) + ")");
    }
    if (hasPlaintextSqliteHeader(file)) {
        throw StoreError(StoreErrorCode::NotEncrypted,
                         name + " is a plain, unencrypted SQLite file: Vigil stores only "
                                "encrypted data and will not use it");
    }
    // The folder too: WAL mode keeps its -wal and -shm files beside the database.
    if (!writable(file) || !writable(folder)) {
        throw StoreError(StoreErrorCode::ReadOnly,
                         describeStoreError(StoreErrorCode::ReadOnly, name));
    }
    return true;
}

} // namespace vigil::store
