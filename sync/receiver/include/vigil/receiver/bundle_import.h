#pragma once

#include "vigil/receiver/bundle_reader.h"
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/receiver_store.h"
#include "vigil/receiver/upload_service.h"

#include <cstddef>
#include <filesystem>

namespace vigil::receiver {

struct BundleImported {
    BundleReceipts receipts; // what the receipts file holds, signed by signBundleReceipts
    std::size_t newlyStored = 0;
    std::size_t alreadyHeld = 0; // by an earlier import or upload: its first receipt answered
    std::int64_t createdAtMs = 0;
};

// `vigil-syncd import-bundle`: verifies the whole bundle first (readBundle, under the key the
// store holds for the centre it names), so a refused bundle stores nothing; then stores each
// item exactly as an upload does (UploadService::accept: same id, same store call, same
// receipt), so importing a bundle twice, or a bundle and then the same items by upload, changes
// nothing and answers each item's first receipt. An item held for another centre is refused
// alone (in receipts.refused), as its upload would be. A store that stops answering part-way
// fails with StoreUnavailable: what was stored stays, and importing again finishes the job.
[[nodiscard]] BundleResult<BundleImported>
importBundle(const std::filesystem::path& folder, ReceiverStore& store,
             const crypto::SigningKeyPair& receiverKeys, const BundleLimits& limits = {},
             UploadService::Clock clock = UploadService::systemClockMs);

} // namespace vigil::receiver
