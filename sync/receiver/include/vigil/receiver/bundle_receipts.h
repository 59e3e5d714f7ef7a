#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/signing.h"
#include "vigil/receiver/receipt.h"

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace vigil::receiver {

// The receipts file `vigil-syncd import-bundle` writes and the console imports to clear its
// outbox (docs/usb-bundle.md): for one bundle, one receipt per item held for its centre, each
// exactly the receipt an upload of that item gets (receipt.h: same fields, same signature), and
// the items refused. The whole file is signed by the receiver's key in Vigil's signed-file
// frame under the magic kBundleReceiptsMagic, its context tag.
inline constexpr std::string_view kBundleReceiptsMagic = "vigil/bundle-receipts";
inline constexpr std::uint16_t kBundleReceiptsVersion = 1;
inline constexpr std::size_t kMaxBundleReceiptsBodyBytes = 64u * 1024 * 1024;

struct RefusedBundleItem {
    ItemId itemId{};
    std::string code;   // receiver_error.h's code, e.g. "item-of-another-centre"
    std::string detail; // the sentence

    friend bool operator==(const RefusedBundleItem&, const RefusedBundleItem&) = default;
};

struct BundleReceipts {
    std::string centreId;
    crypto::Digest manifestDigest{}; // BLAKE2b-256 of the bundle's manifest.vbm
    std::vector<Receipt> receipts;   // in the manifest's order
    std::vector<RefusedBundleItem> refused;

    friend bool operator==(const BundleReceipts&, const BundleReceipts&) = default;
};

enum class BundleReceiptsError {
    Unreadable,         // the file cannot be read
    NotReceipts,        // another kind of file, a version this build does not read, cut short
    Malformed,          // the body breaks the schema (detail names the field)
    SignedByAnotherKey, // not signed by the receiver key the console pins
    BadSignature,       // altered after the receiver signed it
    BadReceipt,         // a receipt inside that does not verify or names another centre
};

struct BundleReceiptsFailure {
    BundleReceiptsError error = BundleReceiptsError::Malformed;
    std::string detail;
};

[[nodiscard]] std::string_view describe(BundleReceiptsError error) noexcept;
[[nodiscard]] std::string describe(const BundleReceiptsFailure& failure);

template <class T> using BundleReceiptsResult = Checked<T, BundleReceiptsFailure>;

// The file's bytes: compact JSON {"centre","manifest","receipts":[encodeReceipt objects],
// "refused":[{"item","error","detail"}]} in the signed frame.
[[nodiscard]] std::vector<std::uint8_t>
signBundleReceipts(const BundleReceipts& receipts, const crypto::SigningKeyPair& receiverKeys);

// The console's side: the frame and signature under the pinned receiver key, the schema, then
// every receipt's own signature under that key and its centre (the file's). Only receipts that
// pass all of it are returned; one that does not refuses the whole file (BadReceipt).
[[nodiscard]] BundleReceiptsResult<BundleReceipts>
readBundleReceipts(std::span<const std::uint8_t> bytes,
                   const crypto::SigningPublicKey& receiverKey);
[[nodiscard]] BundleReceiptsResult<BundleReceipts>
readBundleReceiptsFile(const std::filesystem::path& file,
                       const crypto::SigningPublicKey& receiverKey);

} // namespace vigil::receiver
