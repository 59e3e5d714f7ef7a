#pragma once

#include "vigil/crypto/secure_buffer.h"

#include <filesystem>
#include <stdexcept>

namespace vigil::kiosk {

// Thrown when the kiosk's data directory or its key cannot be used; what() names the file and
// says what to do.
class DataDirError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The kiosk's data directory (default /var/lib/vigil-kiosk), mode 0700:
//   store.key   32 random bytes, created 0600 on first run, refused if others can read it
//   kiosk.db    the encrypted store: sitting journals, incidents, login throttle
// Nothing else is ever written here: no content, no credentials, no QML cache.
class DataDir {
public:
    static constexpr const char* kDefaultPath = "/var/lib/vigil-kiosk";

    // Creates the directory (0700) when missing; its parent must exist.
    explicit DataDir(std::filesystem::path root);

    [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }
    [[nodiscard]] std::filesystem::path keyFile() const { return root_ / "store.key"; }
    [[nodiscard]] std::filesystem::path storeFile() const { return root_ / "kiosk.db"; }

    // Reads the store key, creating it first when this is the first run.
    [[nodiscard]] crypto::SecureBuffer loadOrCreateStoreKey() const;

private:
    std::filesystem::path root_;
};

} // namespace vigil::kiosk
