#include "vigil/exam/durable_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::exam {

namespace {

std::string systemError(const std::string& what, const std::filesystem::path& path) {
    return what + " " + path.string() + ": " + std::strerror(errno);
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    [[nodiscard]] int get() const noexcept { return fd_; }
    // Closes now so the caller can see the error close reports.
    [[nodiscard]] bool close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0;
    }

private:
    int fd_;
};

// Reads until `into` is full or the file ends; the bytes read, or -1 on an error (errno set).
ssize_t readFully(int fd, std::span<std::uint8_t> into) {
    std::size_t done = 0;
    while (done < into.size()) {
        const auto got = ::read(fd, into.data() + done, into.size() - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return -1;
        }
        if (got == 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    return static_cast<ssize_t>(done);
}

} // namespace

std::variant<std::vector<std::uint8_t>, std::string>
readWholeFile(const std::filesystem::path& path, std::size_t maxBytes) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        return systemError("cannot open", path);
    }
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) {
        return systemError("cannot read", path);
    }
    if (!S_ISREG(status.st_mode)) {
        return path.string() + " is not a regular file";
    }
    if (static_cast<std::uint64_t>(status.st_size) > maxBytes) {
        return path.string() + " is larger than " + std::to_string(maxBytes) + " bytes";
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(status.st_size));
    const auto done = readFully(file.get(), bytes);
    if (done < 0) {
        return systemError("cannot read", path);
    }
    bytes.resize(static_cast<std::size_t>(done)); // the file may have shrunk while being read
    return bytes;
}

std::variant<crypto::SecureBuffer, std::string> readSecretFile(const std::filesystem::path& path,
                                                               std::size_t size) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        return systemError("cannot open", path);
    }
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) {
        return systemError("cannot read", path);
    }
    if (!S_ISREG(status.st_mode) || static_cast<std::uint64_t>(status.st_size) != size) {
        return path.string() + " is not a file of exactly " + std::to_string(size) + " bytes";
    }
    crypto::SecureBuffer secret(size);
    const auto done = readFully(file.get(), secret.span());
    if (done < 0) {
        return systemError("cannot read", path);
    }
    if (static_cast<std::size_t>(done) != size) {
        return path.string() + " shrank while being read";
    }
    return secret;
}

} // namespace vigil::exam
