#include "vigil/crypto/durable_file.h"

#include "file_descriptor.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::crypto {

using detail::FileDescriptor;

namespace {

bool writeAll(int fd, std::span<const std::uint8_t> bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        bytes = bytes.subspan(static_cast<std::size_t>(written));
    }
    return true;
}

// Error::Io, with the step, file and errno in `reason` when the caller asked for it.
Status failed(std::string* reason, const char* step, const std::filesystem::path& file) {
    if (reason) {
        *reason = std::string(step) + " " + file.string() + ": " + std::strerror(errno);
    }
    return Error::Io;
}

} // namespace

Status writeFileAtomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                           unsigned mode, std::string* reason) {
    std::array<std::uint8_t, 8> suffix{};
    fillRandom(suffix);
    std::filesystem::path temporary = path;
    temporary += ".tmp-" + toHex(suffix);

    FileDescriptor file(::open(temporary.c_str(),
                               O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW,
                               static_cast<mode_t>(mode)));
    if (!file.valid()) {
        return failed(reason, "cannot create", temporary);
    }
    if (!writeAll(file.get(), bytes)) {
        const auto result = failed(reason, "cannot write", temporary);
        ::unlink(temporary.c_str());
        return result;
    }
    if (::fsync(file.get()) != 0 || !file.close()) {
        const auto result = failed(reason, "cannot flush", temporary);
        ::unlink(temporary.c_str());
        return result;
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const auto result = failed(reason, "cannot rename into place", path);
        ::unlink(temporary.c_str());
        return result;
    }
    const std::filesystem::path folder =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!directory.valid() || ::fsync(directory.get()) != 0) {
        // Renamed, but the rename itself may not survive a power cut.
        return failed(reason, "cannot flush the folder of", path);
    }
    return Done{};
}

} // namespace vigil::crypto
