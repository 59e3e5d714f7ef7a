#pragma once

// Helpers shared by the store tests: keys, file bytes, and scratch file systems for the paths
// (read-only, full disk) that need a real file system in that state.

#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/database.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <unistd.h>

namespace vigil::store::test {

inline crypto::SecureBuffer randomKey() {
    return crypto::SecureBuffer::random(Database::kKeyBytes);
}

inline QByteArray fileBytes(const std::filesystem::path& file) {
    QFile in(QString::fromStdString(file.string()));
    return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
}

inline bool fileExists(const std::filesystem::path& file) {
    return std::filesystem::exists(file);
}

inline std::filesystem::path companion(const std::filesystem::path& db, const char* suffix) {
    return db.string() + suffix;
}

// Flips one bit at `offset` of the file.
inline void flipBit(const std::filesystem::path& file, qint64 offset) {
    QFile io(QString::fromStdString(file.string()));
    if (!io.open(QIODevice::ReadWrite) || !io.seek(offset)) {
        qFatal("cannot open %s to flip a bit", file.c_str());
    }
    char byte = 0;
    io.getChar(&byte);
    io.seek(offset);
    io.putChar(static_cast<char>(byte ^ 0x10));
}

inline bool runningAsRoot() {
    return ::geteuid() == 0;
}

// A tmpfs of a chosen size, mounted on a folder for the test and gone when the test ends. The
// test process first moves into a private mount namespace of its own, so nothing leaks to the
// machine even if the test crashes. Root only: for root, chmod does not stop writes, so a real
// read-only or full file system is the only honest way to test those paths.
class ScratchFileSystem {
public:
    // Why a scratch file system cannot be had here; empty when it can.
    static QString unavailableReason() {
        static const QString reason = [] {
            if (!runningAsRoot()) {
                return QStringLiteral("mounting a scratch tmpfs needs root");
            }
            if (::unshare(CLONE_NEWNS) != 0) {
                return QStringLiteral("unshare(CLONE_NEWNS) failed: ") +
                       QString::fromLocal8Bit(std::strerror(errno));
            }
            if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
                return QStringLiteral("cannot make mounts private: ") +
                       QString::fromLocal8Bit(std::strerror(errno));
            }
            return QString();
        }();
        return reason;
    }

    ScratchFileSystem(const std::filesystem::path& folder, std::size_t bytes)
        : folder_(folder) {
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
        mounted_ = ::mount("tmpfs", folder_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ScratchFileSystem(const ScratchFileSystem&) = delete;
    ScratchFileSystem& operator=(const ScratchFileSystem&) = delete;
    ~ScratchFileSystem() {
        if (mounted_) {
            ::umount2(folder_.c_str(), MNT_DETACH);
        }
    }

    [[nodiscard]] bool mounted() const { return mounted_; }

    bool remount(std::size_t bytes, bool readOnly) {
        const std::string options = "size=" + std::to_string(bytes);
        const unsigned long flags = readOnly ? MS_REMOUNT | MS_RDONLY : MS_REMOUNT;
        return ::mount("tmpfs", folder_.c_str(), "tmpfs", flags, options.c_str()) == 0;
    }

private:
    std::filesystem::path folder_;
    bool mounted_ = false;
};

} // namespace vigil::store::test
