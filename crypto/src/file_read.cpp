#include "vigil/crypto/file_read.h"

#include "file_descriptor.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <span>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::crypto {

using detail::FileDescriptor;

namespace {

FileReadFailure systemFailure(const std::filesystem::path& path, const char* step) {
    const int error = errno;
    const auto kind = step == std::string_view("open") && (error == ENOENT || error == ENOTDIR)
                          ? FileReadError::NotFound
                          : FileReadError::Io;
    return {kind, path, std::string("cannot ") + step + ": " + std::strerror(error)};
}

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

// The file opened and its size checked against [minBytes, maxBytes]; the size it has.
FileReadResult<std::size_t> openChecked(FileDescriptor& file, const std::filesystem::path& path,
                                        std::size_t minBytes, std::size_t maxBytes,
                                        bool ownerOnly) {
    if (!file.valid()) {
        return systemFailure(path, "open");
    }
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) {
        return systemFailure(path, "read");
    }
    if (!S_ISREG(status.st_mode)) {
        return FileReadFailure{FileReadError::NotARegularFile, path, "not a regular file"};
    }
    // Checked on the open descriptor before a byte is read.
    if (ownerOnly && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        return FileReadFailure{FileReadError::ReadableByOthers, path,
                               "readable by other users; it must be mode 0600"};
    }
    const auto size = static_cast<std::uint64_t>(status.st_size);
    if (size > maxBytes) {
        return FileReadFailure{FileReadError::TooLarge, path,
                               "larger than " + std::to_string(maxBytes) + " bytes"};
    }
    if (size < minBytes) {
        return FileReadFailure{FileReadError::TooSmall, path,
                               std::to_string(size) + " bytes, fewer than " +
                                   std::to_string(minBytes)};
    }
    return static_cast<std::size_t>(size);
}

} // namespace

std::string FileReadFailure::describe() const {
    return file.string() + ": " + detail;
}

FileReadResult<std::vector<std::uint8_t>> readFileBytes(const std::filesystem::path& path,
                                                        std::size_t maxBytes) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    auto size = openChecked(file, path, 0, maxBytes, false);
    if (!size) {
        return size.error();
    }
    std::vector<std::uint8_t> bytes(size.value());
    const auto done = readFully(file.get(), bytes);
    if (done < 0) {
        return systemFailure(path, "read");
    }
    bytes.resize(static_cast<std::size_t>(done)); // the file may have shrunk while being read
    return bytes;
}

FileReadResult<SecureBuffer> readSecretFile(const std::filesystem::path& path,
                                            SecretFileRule rule) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    auto size = openChecked(file, path, rule.minBytes, rule.maxBytes, rule.ownerOnly);
    if (!size) {
        return size.error();
    }
    SecureBuffer secret(size.value());
    const auto done = readFully(file.get(), secret.span());
    if (done < 0) {
        return systemFailure(path, "read");
    }
    if (static_cast<std::size_t>(done) != secret.size()) {
        return FileReadFailure{FileReadError::Io, path, "changed while being read"};
    }
    return secret;
}

} // namespace vigil::crypto
