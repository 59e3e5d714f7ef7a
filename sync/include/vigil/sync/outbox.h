#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/signing.h"
#include "vigil/receiver/item.h"
#include "vigil/receiver/receipt.h"
#include "vigil/store/database.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The centre's outbox: what must reach the awarding body (result records as kiosks sealed
// them, each sitting's journal head, invigilation records, problem and malpractice reports),
// kept in the console's encrypted store until the receiver's signed receipt for it has been
// verified under the pinned receiver key and stored. An item's id is receiver::itemIdOf its
// bytes, exactly the id the receiver computes, so the same bytes are one item here and there.
namespace vigil::sync {

struct OutboxItem {
    receiver::ItemId id{};
    receiver::ItemKind kind = receiver::ItemKind::ResultRecord;
    std::string label; // for a person: "invigilation record S-2026-11-23-1", "result of PC07"
    std::int64_t queuedAtMs = 0;
    int attempts = 0;      // uploads tried and failed
    std::string lastError; // the last failure's sentence; empty before any
    std::int64_t lastAttemptMs = 0;
};

struct StoredReceipt {
    receiver::Receipt receipt;
    receiver::ItemKind kind = receiver::ItemKind::ResultRecord;
    std::string label;
    std::int64_t storedAtMs = 0; // the centre's clock when it was stored
};

// Why a receipt cleared nothing.
enum class ReceiptRefusal {
    BadSignature, // not signed by the pinned receiver key (forged, or another receiver)
    OtherCentre,  // names another centre
    NotWaiting,   // names no item waiting in this outbox
};
[[nodiscard]] std::string_view describe(ReceiptRefusal refusal) noexcept;

struct Delivered {};

// Why a batch of receipts (the receipts file of a USB bundle) cleared nothing.
struct ReceiptBatchRefusal {
    std::size_t index = 0; // the first receipt refused, in the batch's order
    receiver::ItemId itemId{};
    ReceiptRefusal refusal = ReceiptRefusal::NotWaiting;
};
[[nodiscard]] std::string describe(const ReceiptBatchRefusal& refusal);

struct ReceiptsAccepted {
    std::size_t cleared = 0;     // items that left the outbox with their receipt
    std::size_t alreadyHeld = 0; // receipts for items already cleared (a file imported twice)
};

inline constexpr std::int64_t kOutboxWarningAgeMs = 24LL * 60 * 60 * 1000; // one day

class Outbox {
public:
    // SQL for the console's store migrations (tables outbox_items, outbox_receipts).
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    // db must outlive the outbox; receipts must verify under receiverKey.
    Outbox(store::Database& db, std::string centreId, const crypto::SigningPublicKey& receiverKey);

    // Queues an item; its id. The same bytes again (a record exported twice) queue nothing new,
    // nor do bytes whose receipt is already held.
    receiver::ItemId add(receiver::ItemKind kind, std::span<const std::uint8_t> bytes,
                         const std::string& label, std::int64_t nowMs);

    // What is waiting, oldest first.
    [[nodiscard]] std::vector<OutboxItem> waiting();
    [[nodiscard]] std::size_t waitingCount();
    [[nodiscard]] std::optional<std::vector<std::uint8_t>> bytesOf(const receiver::ItemId& id);
    // How long the oldest waiting item has waited; nullopt when nothing waits.
    [[nodiscard]] std::optional<std::int64_t> oldestAgeMs(std::int64_t nowMs);
    // The items waiting longer than kOutboxWarningAgeMs (the console warns of them).
    [[nodiscard]] std::vector<OutboxItem> waitingOverADay(std::int64_t nowMs);

    // The receiver's answer for an item: verified (pinned key, this centre, an item waiting),
    // then the receipt stored and the item removed in one transaction. Nothing changes
    // otherwise.
    [[nodiscard]] Checked<Delivered, ReceiptRefusal> acceptReceipt(const receiver::Receipt& receipt,
                                                                   std::int64_t nowMs);
    // A batch of receipts, all or nothing: each verified (pinned key, this centre) and naming
    // an item that waits here or whose receipt is already stored (counted, changing nothing);
    // then every receipt stored and its item removed in one transaction. The first receipt
    // refused refuses the batch and nothing changes.
    [[nodiscard]] Checked<ReceiptsAccepted, ReceiptBatchRefusal>
    acceptReceipts(std::span<const receiver::Receipt> receipts, std::int64_t nowMs);
    // A failed upload, kept on the item (attempts, last error, when).
    void recordFailure(const receiver::ItemId& id, const std::string& error, std::int64_t nowMs);

    [[nodiscard]] std::optional<StoredReceipt> lastReceipt();
    [[nodiscard]] std::optional<StoredReceipt> receiptFor(const receiver::ItemId& id);
    [[nodiscard]] std::size_t receiptCount();

private:
    [[nodiscard]] bool isWaiting(const receiver::ItemId& id);
    // Inside a transaction: stores the receipt and takes its item out of the waiting list;
    // false (nothing changed) when the item is not waiting.
    bool clearWithReceipt(const receiver::Receipt& receipt, std::int64_t nowMs);

    store::Database& db_;
    std::string centreId_;
    crypto::SigningPublicKey receiverKey_;
};

} // namespace vigil::sync
