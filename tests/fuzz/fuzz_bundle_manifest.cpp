// What a USB bundle brings to the receiver, and its answer back to the console: any bytes as
// manifest.vbm (the signed frame, the body's schema, the centre's key, the signature) and as a
// manifest body alone; and the same bytes as a receipts file. The centre's and the receiver's
// keys come from fixed seeds that seed_writer.cpp signs with, so the checks after the
// signature are reached. What is accepted must be within the limits and encode and decode to
// itself.
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/usb_bundle.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>

using namespace vigil;
using namespace vigil::receiver;

namespace {

const crypto::SigningKeyPair& keysFrom(std::uint8_t fill) {
    static std::array<std::optional<crypto::SigningKeyPair>, 256> keys;
    auto& slot = keys[fill];
    if (!slot) {
        std::array<std::uint8_t, 32> seed{};
        seed.fill(fill);
        slot.emplace(std::move(crypto::signingKeyPairFromSeed(seed).value()));
    }
    return *slot;
}

// A limit small enough for the fuzzer to reach: at most 8 items of at most 1 MiB.
constexpr BundleLimits kLimits{.maxFileBytes = 1024 * 1024, .maxItems = 8};

void checkAccepted(const BundleManifest& manifest) {
    std::set<ItemId> ids;
    if (manifest.items.size() > kLimits.maxItems || manifest.centreId.empty()) {
        std::abort(); // past a limit
    }
    for (const auto& entry : manifest.items) {
        if (entry.size > kLimits.maxFileBytes || !ids.insert(entry.id).second) {
            std::abort(); // an item over the limit, or listed twice
        }
    }
    const auto again = decodeManifestBody(encodeManifestBody(manifest), kLimits);
    if (!again || !(again.value() == manifest)) {
        std::abort(); // a manifest that does not survive its own encoding
    }
}

void fuzzManifest(std::span<const std::uint8_t> bytes) {
    const auto centre = keysFrom(7).publicKey;
    const auto read = readManifest(
        bytes,
        [&](std::string_view id) -> std::optional<crypto::SigningPublicKey> {
            if (id != "C0451") {
                return std::nullopt;
            }
            return centre;
        },
        kLimits);
    if (read) {
        checkAccepted(read.value());
    }
    const auto body = decodeManifestBody(bytes, kLimits);
    if (body) {
        checkAccepted(body.value());
    }
}

void fuzzReceipts(std::span<const std::uint8_t> bytes) {
    const auto& receiver = keysFrom(9);
    const auto read = readBundleReceipts(bytes, receiver.publicKey);
    if (!read) {
        return;
    }
    for (const auto& receipt : read.value().receipts) {
        if (receipt.centreId != read.value().centreId ||
            !verifyReceipt(receiver.publicKey, receipt)) {
            std::abort(); // handed the console a receipt it must not trust
        }
    }
    const auto again =
        readBundleReceipts(signBundleReceipts(read.value(), receiver), receiver.publicKey);
    if (!again || !(again.value() == read.value())) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    fuzzManifest(bytes);
    fuzzReceipts(bytes);
    return 0;
}
