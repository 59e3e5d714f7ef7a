#pragma once

#include "vigil/receiver/item.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/receiver_error.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Many items in one upload (`POST /v1/batches/<body digest>`, sync/receiver/README.md,
// "Batches"): the outbox's waiting items sent, signed, verified and stored together, so the
// receiver pays one signature check, one nonce and one database commit for the lot. Each item
// keeps its own id and gets its own receipt, exactly as if it had been uploaded alone.
//
// The body, all integers big-endian:
//   "VIGILBT1"                      8 bytes, the format and its version
//   count                           u32, 1..kMaxBatchItems
//   count times:
//     kind name length, kind name   u8, then kindName(kind) ("result-record", ...)
//     item length, item bytes       u32 (at least 1), then the item as it would be uploaded
// and nothing after the last item.
namespace vigil::receiver {

inline constexpr std::string_view kBatchMagic = "VIGILBT1";
inline constexpr std::size_t kMaxBatchItems = 1000;
// What a centre puts in one batch at most (the items' bytes): well under the receiver's 4 MiB
// body limit, so a batch is never refused for its size. An item larger than this goes alone.
inline constexpr std::size_t kMaxBatchItemBytes = 2 * 1024 * 1024;

struct BatchItem {
    ItemKind kind = ItemKind::ResultRecord;
    std::span<const std::uint8_t> bytes; // points into the caller's (or the body's) buffer
};

[[nodiscard]] std::vector<std::uint8_t> encodeBatch(std::span<const BatchItem> items);
// Strict: the magic, a count in range, every kind known, every length inside the body, nothing
// left over (MalformedRequest or UnknownItemKind naming the item). The items point into body.
[[nodiscard]] ReceiverResult<std::vector<BatchItem>>
decodeBatch(std::span<const std::uint8_t> body);

// What the receiver answers for each item of a batch, in the batch's order: its receipt, or why
// that one item was refused (ItemOfAnotherCentre; StoreUnavailable never comes item by item:
// a store that does not answer refuses the whole batch with 503).
using BatchItemAnswer = ReceiverResult<Receipt>;

// The answer body: compact JSON {"answers":[<receipt object> | {"error":…,"detail":…}, …]}.
[[nodiscard]] std::string encodeBatchAnswer(std::span<const BatchItemAnswer> answers);
// Strict: an object with an "answers" array whose every entry is a receipt (decodeReceipt's
// checks) or a refusal with a known or unknown code (an unknown one comes back as
// MalformedRequest with the code in its detail). Does not verify any signature.
[[nodiscard]] ReceiverResult<std::vector<BatchItemAnswer>> decodeBatchAnswer(std::string_view json);

} // namespace vigil::receiver
