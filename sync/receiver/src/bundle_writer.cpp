#include "vigil/receiver/bundle_writer.h"

#include "bundle_file.h"
#include "vigil/crypto/durable_file.h"

#include <fcntl.h>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <vector>

namespace vigil::receiver {

using detail::BundleFile;
using detail::systemError;

namespace {

BundleWriteFailure failure(BundleWriteError error, std::string detail) {
    return {error, std::move(detail)};
}

// A full drive and a read-only one are told apart: the coordinator's next step differs.
BundleWriteFailure systemFailure(int error, std::string detail) {
    switch (error) {
    case ENOSPC:
    case EDQUOT:
        return failure(BundleWriteError::DiskFull, std::move(detail));
    case EROFS:
    case EACCES:
    case EPERM:
        return failure(BundleWriteError::TargetNotWritable, std::move(detail));
    default:
        return failure(BundleWriteError::WriteFailed, std::move(detail));
    }
}

BundleWriteFailure systemFailure(std::string_view step, const std::filesystem::path& file) {
    const int error = errno;
    return systemFailure(error, systemError(step, file, error));
}

// Drops the file's cached pages, so reading the bundle back reads what reached the drive.
void dropCachedPages(const std::filesystem::path& file) {
    BundleFile written(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (written.valid()) {
        (void)::posix_fadvise(written.get(), 0, 0, POSIX_FADV_DONTNEED);
    }
}

// The files one writeBundle call makes, so a failure can take back every one of them.
class BundleFolderWriter {
public:
    BundleFolderWriter(std::filesystem::path folder, bool madeFolder)
        : folder_(std::move(folder))
        , madeFolder_(madeFolder) {}

    // `name` written by crypto/'s one durable writer: under a temporary name beside it
    // (O_EXCL, O_NOFOLLOW), fsynced, renamed into place, and the folder fsynced. The temporary
    // name is never an item's or the manifest's, so a reader refuses it as an extra file, and
    // the writer removes it itself when a step fails.
    [[nodiscard]] std::optional<BundleWriteFailure> write(const std::string& name,
                                                          std::span<const std::uint8_t> bytes) {
        const auto target = folder_ / name;
        // Taken back on any failure: one of the folder's fsync leaves it renamed into place.
        made_.push_back(target);
        std::string reason;
        if (!crypto::writeFileAtomically(target, bytes, 0644, &reason)) {
            const int error = errno; // the failed step's, which the writer leaves as it was
            return systemFailure(error, std::move(reason));
        }
        dropCachedPages(target);
        return std::nullopt;
    }

    [[nodiscard]] std::optional<BundleWriteFailure> syncFolder() {
        BundleFile directory(::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!directory.valid() || ::fsync(directory.get()) != 0) {
            return systemFailure("cannot flush the folder", folder_);
        }
        return std::nullopt;
    }

    // Takes back every file made (the manifest first: it is what makes a bundle), and the
    // folder when this call made it. Best effort: on a drive gone read-only nothing was made.
    void removeAll() {
        for (auto file = made_.rbegin(); file != made_.rend(); ++file) {
            (void)::unlink(file->c_str());
        }
        made_.clear();
        (void)syncFolder();
        if (madeFolder_) {
            (void)::rmdir(folder_.c_str());
        }
    }

private:
    std::filesystem::path folder_;
    bool madeFolder_ = false;
    std::vector<std::filesystem::path> made_;
};

// Makes the folder, or accepts an empty one; true in `made` when this call made it.
std::optional<BundleWriteFailure> prepareFolder(const std::filesystem::path& folder, bool& made) {
    made = false;
    if (::mkdir(folder.c_str(), 0755) == 0) {
        made = true;
        return std::nullopt;
    }
    if (errno != EEXIST) {
        return systemFailure("cannot make the folder", folder);
    }
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
        return failure(BundleWriteError::WriteFailed, folder.string() + " is not a folder");
    }
    if (!std::filesystem::is_empty(folder, error) || error) {
        return failure(BundleWriteError::TargetNotEmpty,
                       folder.string() + (error ? ": " + error.message() : std::string()));
    }
    return std::nullopt;
}

} // namespace

std::string_view describe(BundleWriteError error) noexcept {
    switch (error) {
    case BundleWriteError::ItemOverLimit:
        return "an item is bigger than a file on the drive may be (FAT32 holds under 4 GB a "
               "file); nothing was written";
    case BundleWriteError::TooManyItems:
        return "there are more items than one bundle may hold; nothing was written";
    case BundleWriteError::TargetNotEmpty:
        return "the folder for the bundle is not empty: choose an empty or new folder";
    case BundleWriteError::TargetNotWritable:
        return "the drive cannot be written (read-only or write-protected); nothing was left "
               "on it";
    case BundleWriteError::DiskFull:
        return "the drive is full; nothing was left on it: use a drive with more free space";
    case BundleWriteError::WriteFailed:
        return "the bundle could not be written; nothing was left on the drive";
    case BundleWriteError::VerifyFailed:
        return "the bundle was written but did not verify when read back (the drive may be "
               "failing); it was removed";
    }
    return "unknown bundle write error";
}

std::string describe(const BundleWriteFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

std::string BundleWritten::summary() const {
    return "written and verified: " + std::to_string(bundle.manifest.items.size()) + " items, " +
           std::to_string(bundle.itemBytes) + " bytes, in " + bundle.folder.string();
}

Checked<BundleWritten, BundleWriteFailure>
writeBundle(const std::filesystem::path& folder, const std::string& centreId,
            const crypto::SigningKeyPair& centreKeys, std::span<const BundleItem> items,
            std::int64_t createdAtMs, const BundleLimits& limits) {
    BundleManifest manifest{centreId, createdAtMs, {}};
    std::vector<std::span<const std::uint8_t>> contents;
    std::set<ItemId> seen;
    for (const auto& item : items) {
        const auto id = itemIdOf(item.bytes);
        if (item.bytes.size() > limits.maxFileBytes) {
            return failure(BundleWriteError::ItemOverLimit,
                           "item " + itemIdHex(id) + " is " + std::to_string(item.bytes.size()) +
                               " bytes; the limit is " + std::to_string(limits.maxFileBytes));
        }
        if (seen.insert(id).second) {
            manifest.items.push_back({id, item.kind, item.bytes.size()});
            contents.push_back(item.bytes);
        }
    }
    if (manifest.items.size() > limits.maxItems) {
        return failure(BundleWriteError::TooManyItems, std::to_string(manifest.items.size()) +
                                                           " items; at most " +
                                                           std::to_string(limits.maxItems));
    }
    const auto manifestBytes = signManifest(manifest, centreKeys);

    bool madeFolder = false;
    if (auto refused = prepareFolder(folder, madeFolder)) {
        return *refused;
    }
    BundleFolderWriter writer(folder, madeFolder);
    auto giveUp = [&](BundleWriteFailure failed) {
        writer.removeAll();
        return failed;
    };
    // Each file is durable (and its name in the folder) before the next is written, so the
    // manifest, written last, never names an item a power cut could lose.
    for (std::size_t i = 0; i < manifest.items.size(); ++i) {
        if (auto failed = writer.write(itemIdHex(manifest.items[i].id), contents[i])) {
            return giveUp(*failed);
        }
    }
    if (auto failed = writer.write(std::string(kBundleManifestFileName), manifestBytes)) {
        return giveUp(*failed);
    }

    const auto readBack = readBundle(
        folder,
        [&](std::string_view centre) -> std::optional<crypto::SigningPublicKey> {
            if (centre != centreId) {
                return std::nullopt;
            }
            return centreKeys.publicKey;
        },
        limits);
    if (!readBack) {
        return giveUp(failure(BundleWriteError::VerifyFailed, describe(readBack.error())));
    }
    if (readBack.value().manifest != manifest) {
        return giveUp(failure(BundleWriteError::VerifyFailed,
                              "the manifest read back lists other items than were written"));
    }
    return BundleWritten{readBack.value()};
}

} // namespace vigil::receiver
