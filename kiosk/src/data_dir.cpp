#include "vigil/kiosk/data_dir.h"

#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"
#include "vigil/crypto/secure_buffer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::kiosk {

namespace {

constexpr std::size_t kKeyBytes = 32;

[[noreturn]] void fail(DataDirFailure failure, const std::filesystem::path& file,
                       const std::string& what) {
    throw DataDirError(failure, file, what);
}

// True when `file` exists; any error but "no such file" is the data folder's problem.
bool present(const std::filesystem::path& file) {
    struct stat info {};
    if (::lstat(file.c_str(), &info) == 0) {
        return true;
    }
    if (errno != ENOENT) {
        fail(DataDirFailure::FolderUnusable, file, std::strerror(errno));
    }
    return false;
}

std::filesystem::path withSuffix(const std::filesystem::path& file, const char* suffix) {
    return file.string() + suffix;
}

void createKeyFile(const std::filesystem::path& file) {
    // Written under a temporary name and renamed, so a crash never leaves a short key file.
    const auto key = crypto::SecureBuffer::random(kKeyBytes);
    if (std::string reason; !crypto::writeFileAtomically(file, key.span(), 0600, &reason)) {
        fail(DataDirFailure::KeyCannotBeCreated, file, "cannot create the store key: " + reason);
    }
}

} // namespace

DataDir::DataDir(std::filesystem::path root)
    : root_(std::move(root)) {
    struct stat info {};
    if (::stat(root_.c_str(), &info) != 0) {
        if (errno != ENOENT) {
            fail(DataDirFailure::FolderUnusable, root_, std::strerror(errno));
        }
        if (::mkdir(root_.c_str(), 0700) != 0) {
            fail(DataDirFailure::FolderUnusable, root_,
                 std::string("cannot create the data directory: ") + std::strerror(errno));
        }
        return;
    }
    if (!S_ISDIR(info.st_mode)) {
        fail(DataDirFailure::FolderUnusable, root_, "is not a directory");
    }
    if ((info.st_mode & S_IWOTH) != 0) {
        fail(DataDirFailure::FolderUnusable, root_,
             "is writable by every user; the installer makes it root:vigil-kiosk, mode 1770");
    }
}

DataDir::StoreKey DataDir::openStoreKey() const {
    const auto file = keyFile();
    const auto store = storeFile();
    const auto wal = withSuffix(store, "-wal");
    const auto shm = withSuffix(store, "-shm");
    const bool keyPresent = present(file);
    const bool storePresent = present(store);
    const bool logPresent = present(wal) || present(shm);
    const bool hasRunBefore = present(kioskSigningKeyFile());
    if (!keyPresent) {
        if (storePresent || logPresent) {
            // A store without its key can never be read again: creating a new key would hide
            // that loss, so say so instead.
            fail(DataDirFailure::KeyMissing, file,
                 "is missing but " + store.filename().string() +
                     " exists; restore the key from the centre's backup");
        }
        if (hasRunBefore) {
            fail(DataDirFailure::StoreAndKeyMissing, store,
                 "the store and its key are missing, but this kiosk has run before (" +
                     kioskSigningKeyFile().filename().string() + " exists)");
        }
        createKeyFile(file); // the first start
    } else if (!storePresent && (logPresent || hasRunBefore)) {
        // The key outlived its store: deleted or moved away, never a reason to start afresh
        // (the same seat assignment could be sat again).
        fail(DataDirFailure::StoreMissing, store,
             "is missing but its key " + file.filename().string() + " exists");
    }
    if (storePresent && present(shm) && !present(wal)) {
        // SQLite removes the -shm file before the log, so a -shm without its log means the log
        // (the latest committed writes) was deleted.
        fail(DataDirFailure::StoreLogMissing, wal,
             "is missing but " + shm.filename().string() +
                 " exists: the latest writes to the store are gone");
    }
    auto key = crypto::readSecretFile(file, crypto::SecretFileRule::exactly(kKeyBytes));
    if (!key) {
        switch (key.error().error) {
        case crypto::FileReadError::ReadableByOthers:
            fail(DataDirFailure::KeyReadableByOthers, file,
                 "is readable by other users; it must be mode 0600");
        case crypto::FileReadError::TooLarge:
        case crypto::FileReadError::TooSmall:
            fail(DataDirFailure::KeyDamaged, file, "is damaged (it must hold exactly 32 bytes)");
        default:
            fail(DataDirFailure::KeyDamaged, file,
                 "cannot read the store key: " + key.error().detail);
        }
    }
    return {std::move(key).value(), storePresent};
}

} // namespace vigil::kiosk
