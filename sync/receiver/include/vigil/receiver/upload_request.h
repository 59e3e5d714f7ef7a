#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/receiver/item.h"
#include "vigil/receiver/receiver_error.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::receiver {

// One upload: `POST /v1/items/{item id hex}` with the item's bytes as the body and these
// headers (sync/receiver/README.md):
//   Vigil-Centre     the centre's id
//   Vigil-Kind       kindName(kind)
//   Vigil-Timestamp  the centre's clock, milliseconds since the epoch (decimal)
//   Vigil-Nonce      16 random bytes, hex: a fresh one for every request, retries included
//   Vigil-Signature  Ed25519 by the centre's registered key over signedBytes(), hex
using Nonce = std::array<std::uint8_t, 16>;

inline constexpr std::string_view kUploadContext = "vigil/upload-request/v1";
inline constexpr std::string_view kItemsPathPrefix = "/v1/items/";
// A batch (upload_batch.h) travels in the same envelope: `POST /v1/batches/{BLAKE2b-256 of the
// body, hex}`, Vigil-Kind `batch` (the items' kinds are in the body).
inline constexpr std::string_view kBatchesPathPrefix = "/v1/batches/";
inline constexpr std::string_view kBatchKindName = "batch";

struct UploadRequest {
    std::string method = "POST";
    std::string target; // /v1/items/<item id hex>
    std::string centreId;
    ItemKind kind = ItemKind::ResultRecord; // one item's kind; unused for a batch
    bool batch = false;                     // a batch: itemId is the digest of the whole body
    ItemId itemId{};
    std::int64_t timestampMs = 0;
    Nonce nonce{};
    crypto::Signature signature{};
};

// The raw header values as received; empty when absent.
struct UploadHeaders {
    std::string_view centre;
    std::string_view kind;
    std::string_view timestamp;
    std::string_view nonce;
    std::string_view signature;
};

// What the centre signs: the context tag, then method, target, centre, kind, item id (hex),
// BLAKE2b-256 of the body (hex), timestamp (decimal) and nonce (hex), each followed by a zero
// byte. The body digest is signed apart from the id in the target, so a body swapped under a
// genuine signature fails whatever the target says.
[[nodiscard]] std::vector<std::uint8_t> signedBytes(const UploadRequest& request,
                                                    const crypto::Digest& bodyDigest);

// A centre's side: a request for these bytes, signed, with a fresh random nonce.
[[nodiscard]] UploadRequest signUpload(const crypto::SigningKeyPair& centreKeys,
                                       std::string centreId, ItemKind kind,
                                       std::span<const std::uint8_t> body,
                                       std::int64_t timestampMs);
// The same for a batch's body (encodeBatch): target /v1/batches/<its digest>, Vigil-Kind batch.
[[nodiscard]] UploadRequest signBatchUpload(const crypto::SigningKeyPair& centreKeys,
                                            std::string centreId,
                                            std::span<const std::uint8_t> batchBody,
                                            std::int64_t timestampMs);
// The header lines for a request (name, value), in the order above.
[[nodiscard]] std::vector<std::pair<std::string, std::string>>
headerLines(const UploadRequest& request);

// The receiver's side, before any key is looked up: the target is /v1/items/<64 hex> (or
// /v1/batches/<64 hex> with Vigil-Kind batch) and every header is present and of its form.
// Each refusal names the header.
[[nodiscard]] ReceiverResult<UploadRequest>
decodeUpload(std::string_view method, std::string_view target, const UploadHeaders& headers);

// How far a request's timestamp may be from the receiver's clock, either way. Nonces are kept
// at least this long (twice it, see README), so a replay is caught by its nonce inside the
// window and by its timestamp after it.
inline constexpr std::int64_t kReplayWindowMs = 5 * 60 * 1000;

// Checks in this order, each with its own error: the body hashes to the item id
// (ItemIdMismatch), the timestamp is within the window of nowMs (StaleRequest), the signature
// verifies under centreKey (BadSignature). The nonce is the store's to check (it remembers).
[[nodiscard]] ReceiverResult<ItemId> verifyUpload(const UploadRequest& request,
                                                  std::span<const std::uint8_t> body,
                                                  const crypto::SigningPublicKey& centreKey,
                                                  std::int64_t nowMs);

} // namespace vigil::receiver
