#include "vigil/console/outbox_bundle.h"

#include <QDateTime>
#include <QTimeZone>
#include <vector>

namespace vigil::console {

std::filesystem::path bundleFolderIn(const std::filesystem::path& drive,
                                     const std::string& centreId, std::int64_t nowMs) {
    const auto stamp = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc())
                           .toString(QStringLiteral("yyyyMMdd-HHmmss"))
                           .toStdString();
    return drive / (centreId + "-" + stamp);
}

std::string describe(const OutboxBundleFailure& failure) {
    if (std::holds_alternative<NothingWaiting>(failure)) {
        return "nothing is waiting in the outbox: there is nothing to write";
    }
    return receiver::describe(std::get<receiver::BundleWriteFailure>(failure));
}

Checked<receiver::BundleWritten, OutboxBundleFailure>
writeOutboxBundle(sync::Outbox& outbox, const std::filesystem::path& folder,
                  const std::string& centreId, const crypto::SigningKeyPair& centreKeys,
                  std::int64_t nowMs) {
    std::vector<std::vector<std::uint8_t>> held;
    std::vector<receiver::BundleItem> items;
    const auto waiting = outbox.waiting();
    held.reserve(waiting.size());
    for (const auto& item : waiting) {
        auto bytes = outbox.bytesOf(item.id);
        if (!bytes) {
            continue; // delivered by a send running meanwhile
        }
        held.push_back(std::move(*bytes));
        items.push_back({item.kind, held.back()});
    }
    if (items.empty()) {
        return OutboxBundleFailure{NothingWaiting{}};
    }
    auto written = receiver::writeBundle(folder, centreId, centreKeys, items, nowMs);
    if (!written) {
        return OutboxBundleFailure{written.error()};
    }
    return std::move(written).value();
}

std::string describe(const ReceiptsImportFailure& failure) {
    if (const auto* file = std::get_if<receiver::BundleReceiptsFailure>(&failure)) {
        return receiver::describe(*file);
    }
    return sync::describe(std::get<sync::ReceiptBatchRefusal>(failure));
}

Checked<ReceiptsImported, ReceiptsImportFailure>
importBundleReceipts(sync::Outbox& outbox, const std::filesystem::path& file,
                     const crypto::SigningPublicKey& receiverKey, std::int64_t nowMs) {
    auto read = receiver::readBundleReceiptsFile(file, receiverKey);
    if (!read) {
        return ReceiptsImportFailure{read.error()};
    }
    const auto& receipts = read.value();
    auto accepted = outbox.acceptReceipts(receipts.receipts, nowMs);
    if (!accepted) {
        return ReceiptsImportFailure{accepted.error()};
    }
    ReceiptsImported imported{accepted.value().cleared, accepted.value().alreadyHeld, 0};
    for (const auto& refused : receipts.refused) {
        outbox.recordFailure(
            refused.itemId,
            "refused by the awarding body (" + refused.code + "): " + refused.detail, nowMs);
        ++imported.refused;
    }
    return imported;
}

} // namespace vigil::console
