#include "vigil/console/console_data_dir.h"

#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"
#include "vigil/store/database.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace vigil::console {

namespace {

ConsoleFailure unusable(const std::filesystem::path& file, const std::string& why) {
    return refusal(ConsoleError::DataFolderUnusable, file.string() + ": " + why);
}

// 1 present, 0 absent, -1 cannot tell (errno set).
int presence(const std::filesystem::path& file) {
    struct stat info {};
    if (::lstat(file.c_str(), &info) == 0) {
        return 1;
    }
    return errno == ENOENT ? 0 : -1;
}

} // namespace

std::filesystem::path ConsoleDataDir::defaultRoot() {
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
        return std::filesystem::path(data) / "vigil-console";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".local/share/vigil-console";
}

ConsoleResult<crypto::SecureBuffer> ConsoleDataDir::openStoreKey() const {
    struct stat info {};
    if (::stat(root_.c_str(), &info) != 0) {
        if (errno != ENOENT || ::mkdir(root_.c_str(), 0700) != 0) {
            return unusable(root_,
                            std::string("cannot create the data folder: ") + std::strerror(errno));
        }
    } else if (!S_ISDIR(info.st_mode)) {
        return unusable(root_, "is not a folder");
    } else if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return unusable(root_, "is writable by other users; it must be mode 0700");
    }

    const auto key = keyFile();
    const auto store = storeFile();
    const int keyPresent = presence(key);
    const int storePresent = presence(store);
    const int logPresent = presence(store.string() + "-wal");
    if (keyPresent < 0 || storePresent < 0 || logPresent < 0) {
        return unusable(root_, std::strerror(errno));
    }
    if (keyPresent == 0) {
        if (storePresent == 1 || logPresent == 1) {
            // A store without its key can never be read again: a new key would hide that loss.
            return unusable(key, "is missing but " + store.filename().string() +
                                     " exists; restore the key from the centre's backup");
        }
        const auto fresh = crypto::SecureBuffer::random(store::Database::kKeyBytes);
        if (std::string reason; !crypto::writeFileAtomically(key, fresh.span(), 0600, &reason)) {
            return unusable(key, "cannot create the store key: " + reason);
        }
    }
    auto read =
        crypto::readSecretFile(key, crypto::SecretFileRule::exactly(store::Database::kKeyBytes));
    if (!read) {
        switch (read.error().error) {
        case crypto::FileReadError::ReadableByOthers:
            return unusable(key, "is readable by other users; it must be mode 0600");
        case crypto::FileReadError::TooLarge:
        case crypto::FileReadError::TooSmall:
            return unusable(key, "is damaged (it must hold exactly 32 bytes)");
        default:
            return unusable(key, "cannot read the store key: " + read.error().detail);
        }
    }
    return std::move(read).value();
}

} // namespace vigil::console
