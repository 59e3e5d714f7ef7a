#pragma once

#include "vigil/crypto/secure_buffer.h"

#include <filesystem>
#include <stdexcept>

namespace vigil::kiosk {

// What is wrong with the data directory or the store key, so the Out of service screen can say
// what to do without reading the message.
enum class DataDirFailure {
    FolderUnusable,      // the data folder: missing parent, not a folder, writable by everyone
    KeyMissing,          // store.key is missing but the store (kiosk.db*) exists
    KeyReadableByOthers, // store.key is not 0600
    KeyDamaged,          // store.key is not 32 bytes, or cannot be read
    KeyCannotBeCreated,  // the first start cannot write store.key
    StoreMissing,        // store.key exists but kiosk.db does not
    StoreAndKeyMissing,  // both are gone, but kiosk-signing.key says this kiosk has run before
    StoreLogMissing,     // kiosk.db-shm exists without kiosk.db-wal: committed writes are gone
};

// Thrown when the kiosk's data directory or its key cannot be used; what() names the file and
// the reason.
class DataDirError : public std::runtime_error {
public:
    DataDirError(DataDirFailure failure, std::filesystem::path file, const std::string& what)
        : std::runtime_error(file.string() + ": " + what)
        , failure_(failure)
        , file_(std::move(file)) {}
    [[nodiscard]] DataDirFailure failure() const noexcept { return failure_; }
    [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }

private:
    DataDirFailure failure_;
    std::filesystem::path file_;
};

// The kiosk's data directory (default /var/lib/vigil-kiosk). The installer makes it
// root:vigil-kiosk 1770 (the kiosk creates its own files; the sticky bit keeps it from renaming
// root's trust/ and seat.conf); a development run owns it, 0700. Never writable by every user:
//   store.key          32 random bytes, created 0600 on first run, refused if others can read it
//   kiosk.db           the encrypted store: sitting journals, incidents, login throttle
//   kiosk.db-wal, -shm SQLite's write-ahead log beside it (present after a crash)
//   kiosk-signing.key  this kiosk's signing key, created when the kiosk first opens its seat
// Nothing else is ever written here: no content, no credentials, no QML cache.
//
// The store and its key belong together: one without the other is damage or tampering, never a
// reason to start afresh. Only a first start (none of store.key, kiosk.db*, kiosk-signing.key)
// creates them; a start interrupted between writing store.key and creating kiosk.db (no signing
// key yet, so no sitting can have happened) finishes creating the store.
class DataDir {
public:
    static constexpr const char* kDefaultPath = "/var/lib/vigil-kiosk";

    // Creates the directory (0700) when missing; its parent must exist.
    explicit DataDir(std::filesystem::path root);

    [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }
    [[nodiscard]] std::filesystem::path keyFile() const { return root_ / "store.key"; }
    [[nodiscard]] std::filesystem::path storeFile() const { return root_ / "kiosk.db"; }
    [[nodiscard]] std::filesystem::path kioskSigningKeyFile() const {
        return root_ / "kiosk-signing.key";
    }

    struct StoreKey {
        crypto::SecureBuffer key;
        bool storeExists = false; // open kiosk.db as an existing store (never create it)
    };
    // Checks that the store and its key belong together, reads the key, and creates it first
    // when this is the first start. Throws DataDirError.
    [[nodiscard]] StoreKey openStoreKey() const;
    [[nodiscard]] crypto::SecureBuffer loadOrCreateStoreKey() const { return openStoreKey().key; }

private:
    std::filesystem::path root_;
};

} // namespace vigil::kiosk
