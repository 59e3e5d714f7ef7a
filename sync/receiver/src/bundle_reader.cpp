#include "vigil/receiver/bundle_reader.h"

#include "bundle_file.h"

#include <array>
#include <fcntl.h>
#include <limits>
#include <set>
#include <sys/stat.h>

namespace vigil::receiver {

using detail::BundleFile;
using detail::systemError;

namespace {

constexpr std::size_t kReadChunkBytes = 64 * 1024;
// The manifest's frame around its body: magic, version, flags, key id, length, signature.
constexpr std::size_t kMaxManifestFileBytes = kMaxBundleManifestBodyBytes + 256;

BundleFailure failure(BundleError error, std::string detail) {
    return {error, std::move(detail)};
}

// Opens a file of the bundle without following a link or blocking on a pipe, and checks it is
// a plain file; its size in `size`.
BundleResult<BundleFile> openPlainFile(const std::filesystem::path& file, std::string_view name,
                                       BundleError whenAbsent, std::uint64_t& size) {
    BundleFile fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT) {
            return failure(whenAbsent, std::string(name));
        }
        if (errno == ELOOP) {
            return failure(BundleError::UnsafeEntry, std::string(name) + " is a link");
        }
        return failure(BundleError::Unreadable, systemError("cannot open", file));
    }
    struct stat status {};
    if (::fstat(fd.get(), &status) != 0) {
        return failure(BundleError::Unreadable, systemError("cannot read", file));
    }
    if (!S_ISREG(status.st_mode)) {
        return failure(BundleError::UnsafeEntry, std::string(name));
    }
    size = static_cast<std::uint64_t>(status.st_size);
    return fd;
}

// Reads to the end, giving each chunk to `take`; false (with the reason) on a read error.
template <class Take>
bool readChunks(int fd, const std::filesystem::path& file, Take&& take, std::string& reason) {
    std::array<std::uint8_t, kReadChunkBytes> chunk{};
    for (;;) {
        const ssize_t got = ::read(fd, chunk.data(), chunk.size());
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            reason = systemError("cannot read", file);
            return false;
        }
        if (got == 0) {
            return true;
        }
        take(std::span<const std::uint8_t>(chunk.data(), static_cast<std::size_t>(got)));
    }
}

BundleResult<std::vector<std::uint8_t>> readManifestFile(const std::filesystem::path& folder) {
    const auto file = folder / kBundleManifestFileName;
    std::uint64_t size = 0;
    auto fd = openPlainFile(file, kBundleManifestFileName, BundleError::NotABundle, size);
    if (!fd) {
        if (fd.error().error == BundleError::NotABundle) {
            return failure(BundleError::NotABundle, "no " + file.string());
        }
        return fd.error();
    }
    if (size > kMaxManifestFileBytes) {
        return failure(BundleError::ManifestMalformed,
                       "manifest.vbm is " + std::to_string(size) + " bytes");
    }
    std::vector<std::uint8_t> bytes;
    std::string reason;
    if (!readChunks(
            fd.value().get(), file,
            [&](std::span<const std::uint8_t> part) {
                bytes.insert(bytes.end(), part.begin(), part.end());
            },
            reason)) {
        return failure(BundleError::Unreadable, reason);
    }
    return bytes;
}

// Everything in the folder is the manifest or a listed item; nothing else, hidden or not.
BundleResult<bool> checkNoExtraFiles(const VerifiedBundle& bundle) {
    std::set<std::string> expected{std::string(kBundleManifestFileName)};
    for (const auto& entry : bundle.manifest.items) {
        expected.insert(itemIdHex(entry.id));
    }
    std::error_code error;
    std::filesystem::directory_iterator listing(bundle.folder, error);
    for (; !error && listing != std::filesystem::directory_iterator(); listing.increment(error)) {
        const auto name = listing->path().filename().string();
        if (!expected.contains(name)) {
            return failure(BundleError::ExtraFile, name);
        }
    }
    if (error) {
        return failure(BundleError::Unreadable,
                       "cannot list " + bundle.folder.string() + ": " + error.message());
    }
    return true;
}

// Opens a listed item and checks its size against the manifest and the limit.
BundleResult<BundleFile> openItem(const VerifiedBundle& bundle, const BundleEntry& entry,
                                  std::uint64_t maxFileBytes) {
    const auto name = itemIdHex(entry.id);
    std::uint64_t size = 0;
    auto fd = openPlainFile(bundle.folder / name, name, BundleError::MissingItem, size);
    if (!fd) {
        return fd.error();
    }
    if (size > maxFileBytes) {
        return failure(BundleError::ItemOverLimit, "item " + name + " is " + std::to_string(size) +
                                                       " bytes; the limit is " +
                                                       std::to_string(maxFileBytes));
    }
    if (size != entry.size) {
        return failure(BundleError::SizeMismatch, "item " + name + " is " + std::to_string(size) +
                                                      " bytes; the manifest says " +
                                                      std::to_string(entry.size));
    }
    return fd;
}

BundleFailure idMismatch(const BundleEntry& entry) {
    return failure(BundleError::ItemIdMismatch, "item " + itemIdHex(entry.id));
}

} // namespace

BundleResult<VerifiedBundle> readBundle(const std::filesystem::path& folder,
                                        const CentreKeyLookup& keyOf, const BundleLimits& limits) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
        return failure(BundleError::NotABundle, "no folder " + folder.string());
    }
    const auto manifestBytes = readManifestFile(folder);
    if (!manifestBytes) {
        return manifestBytes.error();
    }
    auto manifest = readManifest(manifestBytes.value(), keyOf, limits);
    if (!manifest) {
        return manifest.error();
    }
    VerifiedBundle bundle{folder, std::move(manifest.value()),
                          crypto::blake2b(manifestBytes.value()), 0};
    if (const auto extra = checkNoExtraFiles(bundle); !extra) {
        return extra.error();
    }
    // Every file is there and of its size before any is hashed, so a missing file is named as
    // such however large the others are.
    for (const auto& entry : bundle.manifest.items) {
        if (const auto fd = openItem(bundle, entry, limits.maxFileBytes); !fd) {
            return fd.error();
        }
    }
    for (const auto& entry : bundle.manifest.items) {
        auto fd = openItem(bundle, entry, limits.maxFileBytes);
        if (!fd) {
            return fd.error();
        }
        crypto::Blake2bState hash;
        std::uint64_t read = 0;
        std::string reason;
        const auto file = folder / itemIdHex(entry.id);
        if (!readChunks(
                fd.value().get(), file,
                [&](std::span<const std::uint8_t> part) {
                    hash.update(part);
                    read += part.size();
                },
                reason)) {
            return failure(BundleError::Unreadable, reason);
        }
        if (read != entry.size) {
            return failure(BundleError::SizeMismatch,
                           "item " + itemIdHex(entry.id) + " changed size while it was read");
        }
        if (hash.finish() != entry.id) {
            return idMismatch(entry);
        }
        bundle.itemBytes += entry.size;
    }
    return bundle;
}

BundleResult<std::vector<std::uint8_t>> readBundleItem(const VerifiedBundle& bundle,
                                                       const BundleEntry& entry) {
    // No limit but the listed size: a file grown since it verified is a size mismatch.
    auto fd = openItem(bundle, entry, std::numeric_limits<std::uint64_t>::max());
    if (!fd) {
        return fd.error();
    }
    std::vector<std::uint8_t> bytes;
    bytes.reserve(static_cast<std::size_t>(entry.size));
    std::string reason;
    if (!readChunks(
            fd.value().get(), bundle.folder / itemIdHex(entry.id),
            [&](std::span<const std::uint8_t> part) {
                bytes.insert(bytes.end(), part.begin(), part.end());
            },
            reason)) {
        return failure(BundleError::Unreadable, reason);
    }
    if (bytes.size() != entry.size || itemIdOf(bytes) != entry.id) {
        return idMismatch(entry);
    }
    return bytes;
}

} // namespace vigil::receiver
