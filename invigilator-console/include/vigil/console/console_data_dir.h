#pragma once

#include "vigil/console/console_error.h"
#include "vigil/crypto/secure_buffer.h"

#include <filesystem>

namespace vigil::console {

// The console's data folder (default ~/.local/share/vigil-console, or --data-dir). Never
// writable by other users; it holds only:
//   store.key          32 random bytes, created 0600 on the first run, refused if others can
//                      read it
//   console.db         the one encrypted store (ConsoleStore): centre, users, sessions, seating,
//                      incidents, the link's tables
//   console.db-wal/-shm SQLite's write-ahead log beside it
// The store and its key belong together: a store without its key is refused (a new key would
// hide the loss), never started afresh. The same rules as the kiosk's data folder, written with
// the same shared pieces (crypto::writeFileAtomically, crypto::readSecretFile).
class ConsoleDataDir {
public:
    // Does not touch the disk: openStoreKey does.
    explicit ConsoleDataDir(std::filesystem::path root)
        : root_(std::move(root)) {}

    [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }
    [[nodiscard]] std::filesystem::path keyFile() const { return root_ / "store.key"; }
    [[nodiscard]] std::filesystem::path storeFile() const { return root_ / "console.db"; }

    // Creates the folder (0700, its parent must exist) and the key on the first run, checks
    // both on every later one. DataFolderUnusable naming the file and the reason otherwise.
    [[nodiscard]] ConsoleResult<crypto::SecureBuffer> openStoreKey() const;

    // Where the console keeps its data when no --data-dir is given.
    [[nodiscard]] static std::filesystem::path defaultRoot();

private:
    std::filesystem::path root_;
};

} // namespace vigil::console
