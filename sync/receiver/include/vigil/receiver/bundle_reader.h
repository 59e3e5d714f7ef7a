#pragma once

#include "vigil/receiver/usb_bundle.h"

#include <filesystem>

namespace vigil::receiver {

// A bundle whose manifest verified under its centre's registered key and whose every item file
// was there, a plain file of the listed size whose bytes hash to its id.
struct VerifiedBundle {
    std::filesystem::path folder;
    BundleManifest manifest;
    crypto::Digest manifestDigest{}; // BLAKE2b-256 of manifest.vbm: names this bundle
    std::uint64_t itemBytes = 0;     // all items together
};

// Checks, in this order, each refusal typed (usb_bundle.h): the folder and its manifest
// (NotABundle), the manifest (readManifest: frame, schema, centre, key, signature), every entry
// of the folder is the manifest or a listed item (ExtraFile), every listed item is present
// (MissingItem) and a plain file (UnsafeEntry: links are never followed), of the listed size
// (SizeMismatch) within the limit (ItemOverLimit), and hashes to its id (ItemIdMismatch). Item
// names are made from parsed ids, never taken from the manifest's text or the folder, so no
// name can reach outside the folder. Items are hashed as they are read, never held whole.
[[nodiscard]] BundleResult<VerifiedBundle> readBundle(const std::filesystem::path& folder,
                                                      const CentreKeyLookup& keyOf,
                                                      const BundleLimits& limits = {});

// One item's bytes, read again and checked again (size and id), for a store that needs them:
// a file changed since readBundle is refused as it would have been then.
[[nodiscard]] BundleResult<std::vector<std::uint8_t>> readBundleItem(const VerifiedBundle& bundle,
                                                                     const BundleEntry& entry);

} // namespace vigil::receiver
