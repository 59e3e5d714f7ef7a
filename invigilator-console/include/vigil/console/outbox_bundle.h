#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/signing.h"
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/bundle_writer.h"
#include "vigil/sync/outbox.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

// The outbox carried on a removable drive (docs/usb-bundle.md): everything waiting written as
// one signed bundle, read back and verified, and the receipts file vigil-syncd import-bundle
// wrote taken back to clear exactly the items it receipts.
namespace vigil::console {

// The bundle's folder inside the folder the coordinator chose (the drive):
// "<centre>-<yyyyMMdd-HHmmss UTC>", so bundles written on other days never meet.
[[nodiscard]] std::filesystem::path bundleFolderIn(const std::filesystem::path& drive,
                                                   const std::string& centreId, std::int64_t nowMs);

// Writes every waiting item into `folder` (receiver::writeBundle: a file per item, the signed
// manifest last, every file under 4 GiB, read back and verified). Nothing leaves the outbox:
// the items wait until their receipts come back. Refuses an empty outbox (NothingWaiting).
struct NothingWaiting {};
using OutboxBundleFailure = std::variant<NothingWaiting, receiver::BundleWriteFailure>;
[[nodiscard]] std::string describe(const OutboxBundleFailure& failure);
[[nodiscard]] Checked<receiver::BundleWritten, OutboxBundleFailure>
writeOutboxBundle(sync::Outbox& outbox, const std::filesystem::path& folder,
                  const std::string& centreId, const crypto::SigningKeyPair& centreKeys,
                  std::int64_t nowMs);

// What importing a receipts file did.
struct ReceiptsImported {
    std::size_t cleared = 0;     // items that left the outbox
    std::size_t alreadyHeld = 0; // receipted before (the same file imported again)
    std::size_t refused = 0;     // items the receiver refused (kept, the reason on each)
};

// The file's frame and signature under the pinned receiver key, every receipt inside
// (readBundleReceiptsFile), then every receipt against this outbox (Outbox::acceptReceipts:
// for an item it holds or has receipted), all or nothing. The items the receiver refused stay,
// each with the receiver's reason as its last error.
using ReceiptsImportFailure =
    std::variant<receiver::BundleReceiptsFailure, sync::ReceiptBatchRefusal>;
[[nodiscard]] std::string describe(const ReceiptsImportFailure& failure);
[[nodiscard]] Checked<ReceiptsImported, ReceiptsImportFailure>
importBundleReceipts(sync::Outbox& outbox, const std::filesystem::path& file,
                     const crypto::SigningPublicKey& receiverKey, std::int64_t nowMs);

} // namespace vigil::console
