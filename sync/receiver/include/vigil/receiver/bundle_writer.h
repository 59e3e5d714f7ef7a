#pragma once

#include "vigil/receiver/bundle_reader.h"
#include "vigil/receiver/usb_bundle.h"

#include <filesystem>
#include <span>
#include <string>

namespace vigil::receiver {

// One item to carry: its kind and its canonical bytes (the id is their BLAKE2b-256).
struct BundleItem {
    ItemKind kind = ItemKind::ResultRecord;
    std::span<const std::uint8_t> bytes;
};

enum class BundleWriteError {
    ItemOverLimit,     // an item is bigger than a file of the bundle may be (nothing written)
    TooManyItems,      // more items than a manifest may list (nothing written)
    TargetNotEmpty,    // the folder holds files already: a bundle is never written over another
    TargetNotWritable, // a read-only drive, or no permission to write there
    DiskFull,          // the drive filled up
    WriteFailed,       // any other failure to write (detail: step, file, the system's reason)
    VerifyFailed,      // written, but reading it back did not verify (detail: what failed)
};

struct BundleWriteFailure {
    BundleWriteError error = BundleWriteError::WriteFailed;
    std::string detail;
};

[[nodiscard]] std::string_view describe(BundleWriteError error) noexcept;
[[nodiscard]] std::string describe(const BundleWriteFailure& failure);

// What the console tells the coordinator: "written and verified: N items, B bytes".
struct BundleWritten {
    VerifiedBundle bundle; // as read back
    [[nodiscard]] std::string summary() const;
};

// Writes a bundle into `folder` (made if missing; it must be empty) for `centreId`, signed by
// its key, then reads every file back and verifies it as the receiver will (readBundle, with
// the centre's public key), and says so. Each item and then the manifest is written by
// crypto/'s durable writer (durable_file.h: a temporary name, fsync, rename, the folder
// fsynced); the manifest comes last, so a bundle whose writing stopped has none and no reader
// takes it for a bundle. On any failure every file this call made is removed (and the folder,
// when it made it), and the failure names what went wrong.
// The same item given twice is written once.
[[nodiscard]] Checked<BundleWritten, BundleWriteFailure>
writeBundle(const std::filesystem::path& folder, const std::string& centreId,
            const crypto::SigningKeyPair& centreKeys, std::span<const BundleItem> items,
            std::int64_t createdAtMs, const BundleLimits& limits = {});

} // namespace vigil::receiver
