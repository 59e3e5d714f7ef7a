#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/signing.h"
#include "vigil/receiver/item.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::receiver {

// The USB bundle (docs/usb-bundle.md): what a centre offline for days carries to the awarding
// body. A folder holding one file per item, named by its id (64 lower-case hex digits), and
// `manifest.vbm`, which lists the centre, when the bundle was made and each item's id, kind and
// size, signed by the centre's registered Ed25519 key in Vigil's signed-file frame
// (exam/signed_file.h) under the magic kBundleManifestMagic, its context tag.
inline constexpr std::string_view kBundleManifestMagic = "vigil/bundle-manifest";
inline constexpr std::uint16_t kBundleManifestVersion = 1;
inline constexpr std::string_view kBundleManifestFileName = "manifest.vbm";
// FAT32 holds no file of 4 GiB or more: the default limit on every file of a bundle.
inline constexpr std::uint64_t kFat32MaxFileBytes = 0xFFFF'FFFFull;
inline constexpr std::size_t kMaxBundleManifestBodyBytes = 32u * 1024 * 1024;

struct BundleLimits {
    // No file of the bundle may be bigger: FAT32's limit by default; the importer passes the
    // receiver's upload body limit, so a bundle holds nothing an upload would be refused.
    std::uint64_t maxFileBytes = kFat32MaxFileBytes;
    std::size_t maxItems = 100'000;
};

struct BundleEntry {
    ItemId id{};
    ItemKind kind = ItemKind::ResultRecord;
    std::uint64_t size = 0;

    friend bool operator==(const BundleEntry&, const BundleEntry&) = default;
};

struct BundleManifest {
    std::string centreId;
    std::int64_t createdAtMs = 0;
    std::vector<BundleEntry> items; // no id twice

    friend bool operator==(const BundleManifest&, const BundleManifest&) = default;
};

// Every way a bundle can be refused, reading or importing it. describe() gives the sentence.
enum class BundleError {
    NotABundle,          // no folder, or no manifest.vbm in it (a bundle whose writing stopped)
    Unreadable,          // a file or the folder could not be read (I/O)
    ManifestMalformed,   // not a manifest, a version this build does not read, cut short, or
                         // a body that breaks the schema (detail names the field)
    UnknownCentre,       // the manifest names a centre not registered with the receiver
    SignedByAnotherKey,  // the manifest is signed by another key than the centre's registered
    BadSignature,        // the manifest is not what the centre signed (altered)
    MissingItem,         // an item the manifest lists has no file
    ExtraFile,           // the folder holds something the manifest does not list
    UnsafeEntry,         // an item's name is a link, a folder or a device, not a plain file
    ItemOverLimit,       // an item is bigger than the limit on a file
    SizeMismatch,        // an item's file is not the size the manifest gives
    ItemIdMismatch,      // an item's bytes do not hash to its id (altered)
    ItemOfAnotherCentre, // import: an item with these bytes is held for another centre
    StoreUnavailable,    // import: the receiver's database did not answer
};

struct BundleFailure {
    BundleError error = BundleError::ManifestMalformed;
    std::string detail; // which file, field or item, and what was found; may be empty
};

[[nodiscard]] std::string_view describe(BundleError error) noexcept;
// describe(error) followed by ": detail" when there is one.
[[nodiscard]] std::string describe(const BundleFailure& failure);
// Stable machine code: "item-id-mismatch", "extra-file", ...
[[nodiscard]] std::string_view code(BundleError error) noexcept;

template <class T> using BundleResult = Checked<T, BundleFailure>;

// The manifest's body: compact JSON with sorted keys,
// {"centre":…,"createdAt":<ms>,"items":[{"id":"<hex>","kind":"…","size":<bytes>},…]}.
[[nodiscard]] std::vector<std::uint8_t> encodeManifestBody(const BundleManifest& manifest);
// Strict: exactly these keys, every value of its form, no id twice, at most limits.maxItems
// items, none over limits.maxFileBytes (ItemOverLimit naming it); ManifestMalformed otherwise.
[[nodiscard]] BundleResult<BundleManifest> decodeManifestBody(std::span<const std::uint8_t> body,
                                                              const BundleLimits& limits);

// The registered key of a centre, or nullopt when it is not registered.
using CentreKeyLookup =
    std::function<std::optional<crypto::SigningPublicKey>(std::string_view centreId)>;

// manifest.vbm's bytes: the signed frame around encodeManifestBody.
[[nodiscard]] std::vector<std::uint8_t> signManifest(const BundleManifest& manifest,
                                                     const crypto::SigningKeyPair& centreKeys);
// The frame, then the body's schema, then the key of the centre it names (the centre selects
// the key; nothing else of the body is returned before the signature verifies), then the
// signer's key id and the signature.
[[nodiscard]] BundleResult<BundleManifest> readManifest(std::span<const std::uint8_t> bytes,
                                                        const CentreKeyLookup& keyOf,
                                                        const BundleLimits& limits);

} // namespace vigil::receiver
