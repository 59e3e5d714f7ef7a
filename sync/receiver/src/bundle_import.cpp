#include "vigil/receiver/bundle_import.h"

#include <optional>

namespace vigil::receiver {

BundleResult<BundleImported> importBundle(const std::filesystem::path& folder, ReceiverStore& store,
                                          const crypto::SigningKeyPair& receiverKeys,
                                          const BundleLimits& limits, UploadService::Clock clock) {
    BundleResult<VerifiedBundle> verified = BundleFailure{};
    try {
        verified = readBundle(
            folder,
            [&](std::string_view centreId) -> std::optional<crypto::SigningPublicKey> {
                const auto centre = store.findCentre(centreId);
                if (!centre) {
                    return std::nullopt;
                }
                return centre->signingKey;
            },
            limits);
    } catch (const StoreUnavailableError& error) {
        return BundleFailure{BundleError::StoreUnavailable, error.what()};
    }
    if (!verified) {
        return verified.error();
    }
    const auto& bundle = verified.value();
    // The time the service signs a new receipt with: a receipt of another time was held.
    std::int64_t signedAt = -1;
    UploadService service(store, receiverKeys, [&] { return signedAt = clock(); });
    BundleImported imported;
    imported.createdAtMs = bundle.manifest.createdAtMs;
    imported.receipts.centreId = bundle.manifest.centreId;
    imported.receipts.manifestDigest = bundle.manifestDigest;
    for (const auto& entry : bundle.manifest.items) {
        const auto bytes = readBundleItem(bundle, entry);
        if (!bytes) {
            return bytes.error(); // changed on the drive since it verified
        }
        const auto receipt =
            service.accept(bundle.manifest.centreId, entry.kind, entry.id, bytes.value());
        if (!receipt) {
            const auto& refusal = receipt.error();
            if (refusal.error == ReceiverError::StoreUnavailable) {
                return BundleFailure{BundleError::StoreUnavailable, refusal.detail};
            }
            imported.receipts.refused.push_back(
                {entry.id, std::string(code(refusal.error)), describe(refusal)});
            continue;
        }
        ++(receipt.value().receivedAtMs == signedAt ? imported.newlyStored : imported.alreadyHeld);
        imported.receipts.receipts.push_back(receipt.value());
    }
    return imported;
}

} // namespace vigil::receiver
