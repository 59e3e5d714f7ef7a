#include "vigil/receiver/receipt.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace vigil::receiver {

namespace {

void appendReceiptPart(std::vector<std::uint8_t>& out, std::string_view part) {
    out.insert(out.end(), part.begin(), part.end());
    out.push_back(0);
}

constexpr std::int64_t kMaxReceiptInteger = (std::int64_t(1) << 53) - 1;

ReceiverFailure badField(const char* field) {
    return {ReceiverError::MalformedRequest, std::string("Receipt.") + field};
}

} // namespace

std::vector<std::uint8_t> signedBytes(const Receipt& receipt) {
    std::vector<std::uint8_t> out;
    appendReceiptPart(out, kReceiptContext);
    appendReceiptPart(out, receipt.centreId);
    appendReceiptPart(out, itemIdHex(receipt.itemId));
    appendReceiptPart(out, std::to_string(receipt.receivedAtMs));
    return out;
}

Receipt signReceipt(const crypto::SigningKeyPair& receiverKeys, std::string centreId,
                    const ItemId& itemId, std::int64_t receivedAtMs) {
    Receipt receipt{std::move(centreId), itemId, receivedAtMs, {}};
    receipt.signature = crypto::sign(receiverKeys, signedBytes(receipt));
    return receipt;
}

bool verifyReceipt(const crypto::SigningPublicKey& receiverKey, const Receipt& receipt) noexcept {
    try {
        return crypto::verifySignature(receiverKey, signedBytes(receipt), receipt.signature);
    } catch (...) { // allocation only
        return false;
    }
}

std::string encodeReceipt(const Receipt& receipt) {
    QJsonObject object;
    object.insert(QStringLiteral("centre"), QString::fromStdString(receipt.centreId));
    object.insert(QStringLiteral("item"), QString::fromStdString(itemIdHex(receipt.itemId)));
    object.insert(QStringLiteral("receivedAt"), static_cast<double>(receipt.receivedAtMs));
    object.insert(QStringLiteral("signature"),
                  QString::fromStdString(crypto::toHex(receipt.signature)));
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

ReceiverResult<Receipt> decodeReceipt(std::string_view json) {
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(
        QByteArray(json.data(), static_cast<qsizetype>(json.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return ReceiverFailure{ReceiverError::MalformedRequest, "Receipt: not a JSON object"};
    }
    const auto object = document.object();
    Receipt receipt;
    const auto centre = object.value(QStringLiteral("centre"));
    if (!centre.isString() || centre.toString().isEmpty()) {
        return badField("centre");
    }
    receipt.centreId = centre.toString().toStdString();
    const auto item = parseItemId(object.value(QStringLiteral("item")).toString().toStdString());
    if (!item) {
        return badField("item");
    }
    receipt.itemId = *item;
    const auto receivedAt = object.value(QStringLiteral("receivedAt"));
    const double millis = receivedAt.toDouble(-1);
    if (!receivedAt.isDouble() || millis < 0 || millis > double(kMaxReceiptInteger) ||
        std::floor(millis) != millis) {
        return badField("receivedAt");
    }
    receipt.receivedAtMs = static_cast<std::int64_t>(millis);
    if (!crypto::fromHex(object.value(QStringLiteral("signature")).toString().toStdString(),
                         receipt.signature)) {
        return badField("signature");
    }
    return receipt;
}

} // namespace vigil::receiver
