#pragma once

#include "vigil/sync/outbox.h"
#include "vigil/sync/reconnect_backoff.h"
#include "vigil/sync/upload_client.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// Sends what waits in the outbox through an UploadClient, many items to a request (a batch,
// receiver/upload_batch.h), and clears an item only through Outbox::acceptReceipt (its own
// receipt verified under the pinned key, then stored).
namespace vigil::sync {

enum class SendOutcome {
    Delivered,       // the receipt verified and is stored; the item left the outbox
    Refused,         // the receiver refused it for good (the item stays; the reason is kept)
    ReceiptRejected, // an answer came, but its receipt did not verify: nothing was cleared
    NotSent,         // the receiver could not be reached within this run's attempts
};

struct ItemOutcome {
    receiver::ItemId id{};
    receiver::ItemKind kind = receiver::ItemKind::ResultRecord;
    std::string label;
    SendOutcome outcome = SendOutcome::NotSent;
    std::string detail;                       // the failure's sentence; empty when delivered
    std::optional<receiver::Receipt> receipt; // Delivered
};

struct SendReport {
    std::vector<ItemOutcome> items; // one per item waiting when the run started, in order
    std::size_t delivered = 0;
    std::size_t stillWaiting = 0;
    // The waits taken between attempts in this run (the back-off, growing while the receiver
    // stays unreachable).
    std::vector<std::chrono::milliseconds> waits;
};

struct SenderOptions {
    // Attempts for one item (its batch) in one run, the first included, while the failure is
    // retryable.
    int attemptsPerItem = 4;
    // The items' bytes in one request at most; an item larger than this goes alone.
    std::size_t batchBytes = receiver::kMaxBatchItemBytes;
    // Waits between attempts; the back-off's failures carry over from run to run until an
    // item is delivered.
    std::chrono::milliseconds firstWait{500};
    std::chrono::milliseconds maxWait{60'000};
    ReconnectBackoff::Uniform uniform; // crypto::randomUniform by default
    // How a wait is taken: std::this_thread::sleep_for by default (tests record them instead).
    std::function<void(std::chrono::milliseconds)> sleep;
    std::function<std::int64_t()> nowMs; // the centre's clock, for the outbox's records
    // Which waiting items this run sends (every one when empty); the others stay as they are
    // and are not in the report.
    std::function<bool(const OutboxItem&)> select;
};

class OutboxSender {
public:
    // outbox and client must outlive the sender.
    OutboxSender(Outbox& outbox, UploadClient& client, SenderOptions options = {});

    // Sends every item waiting now, oldest first, in batches of consecutive items (one item
    // alone goes as one upload). A retryable failure is retried after the back-off's wait up to
    // attemptsPerItem times; when a batch still cannot reach the receiver, the run stops there
    // (the rest would fail alike) and they stay NotSent. A batch refused for its form (its size,
    // its route: a receiver from before batches) is sent again item by item, so each item gets
    // its own verdict; a refusal of the centre (unknown, a bad signature) refuses every item of
    // the batch at once. progress(done, total) after each batch.
    SendReport sendNow(const std::function<void(std::size_t, std::size_t)>& progress = {});

    // How long to wait before the next run should try (the back-off's next wait), for a
    // caller that retries on its own; zero after a run that reached the receiver.
    [[nodiscard]] std::chrono::milliseconds suggestedWait() const noexcept { return nextWait_; }

private:
    // One request's items (indexes into report.items, their bytes) until answered; false when
    // the receiver could not be reached within the attempts.
    bool send(const std::vector<std::size_t>& indexes,
              const std::vector<std::vector<std::uint8_t>>& bytes, SendReport& report);
    UploadResult<std::vector<receiver::BatchItemAnswer>> uploadOne(const receiver::BatchItem& item);
    // Clears the item with its receipt when the receipt verifies; records why not otherwise.
    void settle(ItemOutcome& outcome, const receiver::BatchItemAnswer& answer, SendReport& report);

    Outbox& outbox_;
    UploadClient& client_;
    SenderOptions options_;
    ReconnectBackoff backoff_;
    std::chrono::milliseconds nextWait_{0};
};

[[nodiscard]] std::string_view describe(SendOutcome outcome) noexcept;

} // namespace vigil::sync
