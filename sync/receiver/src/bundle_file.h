#pragma once

// The bundle's reader and writer share how they hold a file descriptor and name a system error.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace vigil::receiver::detail {

// Closes a descriptor on every way out.
class BundleFile {
public:
    explicit BundleFile(int fd) noexcept
        : fd_(fd) {}
    BundleFile(const BundleFile&) = delete;
    BundleFile& operator=(const BundleFile&) = delete;
    BundleFile(BundleFile&& other) noexcept
        : fd_(other.fd_) {
        other.fd_ = -1;
    }
    ~BundleFile() { (void)close(); }
    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] bool valid() const noexcept { return fd_ >= 0; }
    [[nodiscard]] bool close() noexcept {
        const int fd = fd_;
        fd_ = -1;
        return fd < 0 || ::close(fd) == 0;
    }

private:
    int fd_;
};

// "<what> <file>: <the system's reason>", from errno as it is now.
inline std::string systemError(std::string_view what, const std::filesystem::path& file,
                               int error = errno) {
    return std::string(what) + " " + file.string() + ": " + std::strerror(error);
}

} // namespace vigil::receiver::detail
