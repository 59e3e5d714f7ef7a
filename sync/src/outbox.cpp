#include "vigil/sync/outbox.h"

#include "vigil/crypto/hash.h"

#include <cstring>

namespace vigil::sync {

namespace {

receiver::ItemId idOf(const std::vector<std::uint8_t>& blob) {
    receiver::ItemId id{};
    if (blob.size() == id.size()) {
        std::memcpy(id.data(), blob.data(), id.size());
    }
    return id;
}

receiver::ItemKind kindOf(const std::string& name) {
    return receiver::parseKind(name).value_or(receiver::ItemKind::ResultRecord);
}

constexpr std::string_view kItemColumns =
    "id, kind, label, queued_at_ms, attempts, last_error, last_attempt_ms";

OutboxItem itemAt(store::Statement& row) {
    return {idOf(row.blob(0)),
            kindOf(row.text(1)),
            row.text(2),
            row.int64(3),
            static_cast<int>(row.int64(4)),
            row.text(5),
            row.int64(6)};
}

std::vector<OutboxItem> itemsOf(store::Statement& rows) {
    std::vector<OutboxItem> items;
    while (rows.step()) {
        items.push_back(itemAt(rows));
    }
    return items;
}

constexpr std::string_view kReceiptColumns =
    "centre, item_id, received_at_ms, signature, kind, label, stored_at_ms";

StoredReceipt receiptAt(store::Statement& row) {
    StoredReceipt stored;
    stored.receipt.centreId = row.text(0);
    stored.receipt.itemId = idOf(row.blob(1));
    stored.receipt.receivedAtMs = row.int64(2);
    const auto signature = row.blob(3);
    if (signature.size() == stored.receipt.signature.size()) {
        std::memcpy(stored.receipt.signature.data(), signature.data(), signature.size());
    }
    stored.kind = kindOf(row.text(4));
    stored.label = row.text(5);
    stored.storedAtMs = row.int64(6);
    return stored;
}

} // namespace

std::string_view describe(ReceiptRefusal refusal) noexcept {
    switch (refusal) {
    case ReceiptRefusal::BadSignature:
        return "the receipt is not signed by the awarding body's receiver key this centre pins";
    case ReceiptRefusal::OtherCentre:
        return "the receipt names another centre";
    case ReceiptRefusal::NotWaiting:
        return "the receipt names no item waiting in the outbox";
    }
    return "unknown receipt refusal";
}

std::string describe(const ReceiptBatchRefusal& refusal) {
    return "receipt " + std::to_string(refusal.index + 1) + " (item " +
           receiver::itemIdHex(refusal.itemId) + "): " + std::string(describe(refusal.refusal));
}

std::string_view Outbox::schemaSql() noexcept {
    // Receipts keep no item bytes: once the awarding body has signed for an item, the centre
    // keeps its word for it (the receipt), not a second copy of the item.
    return R"sql(
CREATE TABLE outbox_items (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    bytes BLOB NOT NULL,
    label TEXT NOT NULL,
    queued_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    last_attempt_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_items_by_age ON outbox_items (queued_at_ms);
CREATE TABLE outbox_receipts (
    item_id BLOB PRIMARY KEY,
    centre TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL,
    signature BLOB NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    stored_at_ms INTEGER NOT NULL
);
CREATE INDEX outbox_receipts_by_time ON outbox_receipts (stored_at_ms);
)sql";
}

Outbox::Outbox(store::Database& db, std::string centreId,
               const crypto::SigningPublicKey& receiverKey)
    : db_(db)
    , centreId_(std::move(centreId))
    , receiverKey_(receiverKey) {}

receiver::ItemId Outbox::add(receiver::ItemKind kind, std::span<const std::uint8_t> bytes,
                             const std::string& label, std::int64_t nowMs) {
    const auto id = receiver::itemIdOf(bytes);
    db_.transaction([&] {
        auto delivered = db_.prepare("SELECT 1 FROM outbox_receipts WHERE item_id = ?");
        delivered.bindBlob(1, id);
        if (delivered.step()) {
            return;
        }
        db_.prepare("INSERT OR IGNORE INTO outbox_items (id, kind, bytes, label, queued_at_ms) "
                    "VALUES (?, ?, ?, ?, ?)")
            .bindBlob(1, id)
            .bind(2, receiver::kindName(kind))
            .bindBlob(3, bytes)
            .bind(4, label)
            .bind(5, nowMs)
            .run();
    });
    return id;
}

std::vector<OutboxItem> Outbox::waiting() {
    auto rows = db_.prepare("SELECT " + std::string(kItemColumns) +
                            " FROM outbox_items ORDER BY queued_at_ms, id");
    return itemsOf(rows);
}

std::size_t Outbox::waitingCount() {
    auto count = db_.prepare("SELECT COUNT(*) FROM outbox_items");
    return count.step() ? static_cast<std::size_t>(count.int64(0)) : 0;
}

std::optional<std::vector<std::uint8_t>> Outbox::bytesOf(const receiver::ItemId& id) {
    auto row = db_.prepare("SELECT bytes FROM outbox_items WHERE id = ?");
    row.bindBlob(1, id);
    if (!row.step()) {
        return std::nullopt;
    }
    return row.blob(0);
}

bool Outbox::isWaiting(const receiver::ItemId& id) {
    auto row = db_.prepare("SELECT 1 FROM outbox_items WHERE id = ?");
    row.bindBlob(1, id);
    return row.step();
}

std::optional<std::int64_t> Outbox::oldestAgeMs(std::int64_t nowMs) {
    auto oldest = db_.prepare("SELECT MIN(queued_at_ms) FROM outbox_items");
    if (!oldest.step() || oldest.isNull(0)) {
        return std::nullopt;
    }
    return nowMs - oldest.int64(0);
}

std::vector<OutboxItem> Outbox::waitingOverADay(std::int64_t nowMs) {
    auto rows = db_.prepare("SELECT " + std::string(kItemColumns) +
                            " FROM outbox_items WHERE queued_at_ms < ? ORDER BY queued_at_ms, id");
    rows.bind(1, nowMs - kOutboxWarningAgeMs);
    return itemsOf(rows);
}

Checked<Delivered, ReceiptRefusal> Outbox::acceptReceipt(const receiver::Receipt& receipt,
                                                         std::int64_t nowMs) {
    if (!receiver::verifyReceipt(receiverKey_, receipt)) {
        return ReceiptRefusal::BadSignature;
    }
    if (receipt.centreId != centreId_) {
        return ReceiptRefusal::OtherCentre;
    }
    bool cleared = false;
    db_.transaction([&] { cleared = clearWithReceipt(receipt, nowMs); });
    if (!cleared) {
        return ReceiptRefusal::NotWaiting;
    }
    return Delivered{};
}

Checked<ReceiptsAccepted, ReceiptBatchRefusal>
Outbox::acceptReceipts(std::span<const receiver::Receipt> receipts, std::int64_t nowMs) {
    // Checked whole before anything changes. An item found neither waiting nor receipted here
    // was never sent by this outbox; one that leaves the outbox between the check and the
    // transaction can only have left with its receipt (acceptReceipt), so it counts as held.
    for (std::size_t i = 0; i < receipts.size(); ++i) {
        const auto& receipt = receipts[i];
        if (!receiver::verifyReceipt(receiverKey_, receipt)) {
            return ReceiptBatchRefusal{i, receipt.itemId, ReceiptRefusal::BadSignature};
        }
        if (receipt.centreId != centreId_) {
            return ReceiptBatchRefusal{i, receipt.itemId, ReceiptRefusal::OtherCentre};
        }
        if (!isWaiting(receipt.itemId) && !receiptFor(receipt.itemId)) {
            return ReceiptBatchRefusal{i, receipt.itemId, ReceiptRefusal::NotWaiting};
        }
    }
    ReceiptsAccepted accepted;
    db_.transaction([&] {
        accepted = {};
        for (const auto& receipt : receipts) {
            if (clearWithReceipt(receipt, nowMs)) {
                ++accepted.cleared;
            } else {
                ++accepted.alreadyHeld;
            }
        }
    });
    return accepted;
}

void Outbox::recordFailure(const receiver::ItemId& id, const std::string& error,
                           std::int64_t nowMs) {
    db_.prepare("UPDATE outbox_items SET attempts = attempts + 1, last_error = ?, "
                "last_attempt_ms = ? WHERE id = ?")
        .bind(1, error)
        .bind(2, nowMs)
        .bindBlob(3, id)
        .run();
}

std::optional<StoredReceipt> Outbox::lastReceipt() {
    auto row = db_.prepare("SELECT " + std::string(kReceiptColumns) +
                           " FROM outbox_receipts ORDER BY stored_at_ms DESC, rowid DESC LIMIT 1");
    if (!row.step()) {
        return std::nullopt;
    }
    return receiptAt(row);
}

std::optional<StoredReceipt> Outbox::receiptFor(const receiver::ItemId& id) {
    auto row = db_.prepare("SELECT " + std::string(kReceiptColumns) +
                           " FROM outbox_receipts WHERE item_id = ?");
    row.bindBlob(1, id);
    if (!row.step()) {
        return std::nullopt;
    }
    return receiptAt(row);
}

std::size_t Outbox::receiptCount() {
    auto count = db_.prepare("SELECT COUNT(*) FROM outbox_receipts");
    return count.step() ? static_cast<std::size_t>(count.int64(0)) : 0;
}

bool Outbox::clearWithReceipt(const receiver::Receipt& receipt, std::int64_t nowMs) {
    auto item = db_.prepare("SELECT kind, label FROM outbox_items WHERE id = ?");
    item.bindBlob(1, receipt.itemId);
    if (!item.step()) {
        return false;
    }
    db_.prepare("INSERT INTO outbox_receipts (item_id, centre, received_at_ms, signature, kind, "
                "label, stored_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bindBlob(1, receipt.itemId)
        .bind(2, receipt.centreId)
        .bind(3, receipt.receivedAtMs)
        .bindBlob(4, receipt.signature)
        .bind(5, item.text(0))
        .bind(6, item.text(1))
        .bind(7, nowMs)
        .run();
    db_.prepare("DELETE FROM outbox_items WHERE id = ?").bindBlob(1, receipt.itemId).run();
    return true;
}

} // namespace vigil::sync
