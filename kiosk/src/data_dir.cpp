#include "vigil/kiosk/data_dir.h"

#include "vigil/crypto/secure_buffer.h"
#include "vigil/exam/durable_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::kiosk {

namespace {

constexpr std::size_t kKeyBytes = 32;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
    throw DataDirError(file.string() + ": " + what);
}

void createKeyFile(const std::filesystem::path& file) {
    // Written under a temporary name and renamed, so a crash never leaves a short key file.
    const auto key = crypto::SecureBuffer::random(kKeyBytes);
    if (const auto reason = exam::writeFileAtomically(file, key.span(), 0600); !reason.empty()) {
        fail(file, "cannot create the store key: " + reason);
    }
}

} // namespace

DataDir::DataDir(std::filesystem::path root)
    : root_(std::move(root)) {
    struct stat info {};
    if (::stat(root_.c_str(), &info) != 0) {
        if (errno != ENOENT) {
            fail(root_, std::strerror(errno));
        }
        if (::mkdir(root_.c_str(), 0700) != 0) {
            fail(root_, std::string("cannot create the data directory: ") + std::strerror(errno));
        }
        return;
    }
    if (!S_ISDIR(info.st_mode)) {
        fail(root_, "is not a directory");
    }
    if ((info.st_mode & S_IWOTH) != 0) {
        fail(root_, "is writable by every user; it must be owned by the kiosk user, mode 0700");
    }
}

crypto::SecureBuffer DataDir::loadOrCreateStoreKey() const {
    const auto file = keyFile();
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) {
        if (errno != ENOENT) {
            fail(file, std::strerror(errno));
        }
        if (std::filesystem::exists(storeFile())) {
            // A store without its key can never be read again: creating a new key would hide
            // that loss, so say so instead.
            fail(file, "is missing but " + storeFile().filename().string() +
                           " exists; restore the key from the centre's backup");
        }
        createKeyFile(file);
        if (::stat(file.c_str(), &info) != 0) {
            fail(file, std::strerror(errno));
        }
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        fail(file, "is readable by other users; it must be mode 0600");
    }
    if (static_cast<std::size_t>(info.st_size) != kKeyBytes) {
        fail(file, "is damaged (it must hold exactly 32 bytes)");
    }
    auto key = exam::readSecretFile(file, kKeyBytes);
    if (auto* reason = std::get_if<std::string>(&key)) {
        fail(file, "cannot read the store key: " + *reason);
    }
    return std::move(std::get<crypto::SecureBuffer>(key));
}

} // namespace vigil::kiosk
