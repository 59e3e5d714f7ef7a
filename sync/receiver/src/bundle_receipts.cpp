#include "vigil/receiver/bundle_receipts.h"

#include "vigil/exam/signed_file.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>
#include <fstream>
#include <iterator>

namespace vigil::receiver {

namespace {

constexpr std::array<std::uint16_t, 1> kReceiptsVersions{kBundleReceiptsVersion};
constexpr exam::SignedFileFormat kReceiptsFile{.magic = kBundleReceiptsMagic,
                                               .versions = kReceiptsVersions,
                                               .lengthBytes = 4,
                                               .maxBodyBytes = kMaxBundleReceiptsBodyBytes};

BundleReceiptsFailure failure(BundleReceiptsError error, std::string detail) {
    return {error, std::move(detail)};
}

BundleReceiptsFailure malformedReceipts(std::string detail) {
    return failure(BundleReceiptsError::Malformed, std::move(detail));
}

BundleReceiptsFailure receiptsFailureFrom(const exam::SignedFileFailure& f) {
    switch (f.error) {
    case exam::SignedFileError::SignedByAnotherKey:
        return failure(BundleReceiptsError::SignedByAnotherKey, f.detail);
    case exam::SignedFileError::BadSignature:
        return failure(BundleReceiptsError::BadSignature, f.detail);
    case exam::SignedFileError::WrongMagic:
    case exam::SignedFileError::UnsupportedVersion:
    case exam::SignedFileError::Truncated:
    case exam::SignedFileError::Malformed:
        break;
    }
    return failure(BundleReceiptsError::NotReceipts, exam::describe(f));
}

QJsonObject receiptObject(const Receipt& receipt) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(encodeReceipt(receipt))).object();
}

BundleReceiptsResult<RefusedBundleItem> decodeRefused(const QJsonValue& value, qsizetype index) {
    const auto where = "refused[" + std::to_string(index) + "]";
    const auto object = value.toObject();
    if (!value.isObject() || object.size() != 3) {
        return malformedReceipts(where + ": not an object of exactly item, error and detail");
    }
    const auto item = parseItemId(object.value(QStringLiteral("item")).toString().toStdString());
    const auto error = object.value(QStringLiteral("error"));
    const auto detail = object.value(QStringLiteral("detail"));
    if (!item || !error.isString() || !detail.isString()) {
        return malformedReceipts(where + ": not an object of exactly item, error and detail");
    }
    return RefusedBundleItem{*item, error.toString().toStdString(),
                             detail.toString().toStdString()};
}

BundleReceiptsResult<BundleReceipts> decodeBody(std::span<const std::uint8_t> body) {
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(body.data()), static_cast<qsizetype>(body.size())),
        &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return malformedReceipts("the body is not a JSON object");
    }
    const auto object = document.object();
    const auto centre = object.value(QStringLiteral("centre"));
    const auto receipts = object.value(QStringLiteral("receipts"));
    const auto refused = object.value(QStringLiteral("refused"));
    if (object.size() != 4 || !centre.isString() || centre.toString().isEmpty() ||
        !receipts.isArray() || !refused.isArray()) {
        return malformedReceipts("the body is not exactly centre, manifest, receipts and refused");
    }
    BundleReceipts file;
    file.centreId = centre.toString().toStdString();
    if (!crypto::fromHex(object.value(QStringLiteral("manifest")).toString().toStdString(),
                         file.manifestDigest)) {
        return malformedReceipts("manifest: not 64 hex digits");
    }
    const auto receiptList = receipts.toArray();
    for (qsizetype i = 0; i < receiptList.size(); ++i) {
        const auto json =
            QJsonDocument(receiptList.at(i).toObject()).toJson(QJsonDocument::Compact);
        auto receipt = decodeReceipt(json.toStdString());
        if (!receiptList.at(i).isObject() || !receipt) {
            return malformedReceipts(
                "receipts[" + std::to_string(i) +
                "]: " + (receipt ? std::string("not an object") : describe(receipt.error())));
        }
        file.receipts.push_back(std::move(receipt.value()));
    }
    const auto refusedList = refused.toArray();
    for (qsizetype i = 0; i < refusedList.size(); ++i) {
        auto item = decodeRefused(refusedList.at(i), i);
        if (!item) {
            return item.error();
        }
        file.refused.push_back(std::move(item.value()));
    }
    return file;
}

} // namespace

std::string_view describe(BundleReceiptsError error) noexcept {
    switch (error) {
    case BundleReceiptsError::Unreadable:
        return "the receipts file cannot be read";
    case BundleReceiptsError::NotReceipts:
        return "this is not a bundle's receipts file, or not of a version this build reads";
    case BundleReceiptsError::Malformed:
        return "the receipts file is damaged";
    case BundleReceiptsError::SignedByAnotherKey:
        return "the receipts file is not signed by the awarding body's receiver key";
    case BundleReceiptsError::BadSignature:
        return "the receipts file was altered after the receiver signed it";
    case BundleReceiptsError::BadReceipt:
        return "a receipt in the file is not the receiver's, or is for another centre";
    }
    return "unknown receipts file error";
}

std::string describe(const BundleReceiptsFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

std::vector<std::uint8_t> signBundleReceipts(const BundleReceipts& receipts,
                                             const crypto::SigningKeyPair& receiverKeys) {
    QJsonArray receiptList;
    for (const auto& receipt : receipts.receipts) {
        receiptList.append(receiptObject(receipt));
    }
    QJsonArray refusedList;
    for (const auto& item : receipts.refused) {
        QJsonObject refused;
        refused.insert(QStringLiteral("item"), QString::fromStdString(itemIdHex(item.itemId)));
        refused.insert(QStringLiteral("error"), QString::fromStdString(item.code));
        refused.insert(QStringLiteral("detail"), QString::fromStdString(item.detail));
        refusedList.append(refused);
    }
    QJsonObject object;
    object.insert(QStringLiteral("centre"), QString::fromStdString(receipts.centreId));
    object.insert(QStringLiteral("manifest"),
                  QString::fromStdString(crypto::toHex(receipts.manifestDigest)));
    object.insert(QStringLiteral("receipts"), receiptList);
    object.insert(QStringLiteral("refused"), refusedList);
    const auto json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return exam::writeSignedFile(kReceiptsFile,
                                 std::span(reinterpret_cast<const std::uint8_t*>(json.data()),
                                           static_cast<std::size_t>(json.size())),
                                 receiverKeys);
}

BundleReceiptsResult<BundleReceipts>
readBundleReceipts(std::span<const std::uint8_t> bytes,
                   const crypto::SigningPublicKey& receiverKey) {
    const auto verified = exam::readSignedFile(bytes, kReceiptsFile, receiverKey);
    if (!verified) {
        return receiptsFailureFrom(verified.error());
    }
    auto file = decodeBody(verified.value().body);
    if (!file) {
        return file.error();
    }
    for (const auto& receipt : file.value().receipts) {
        if (receipt.centreId != file.value().centreId) {
            return failure(BundleReceiptsError::BadReceipt, "item " + itemIdHex(receipt.itemId) +
                                                                " names centre " +
                                                                receipt.centreId);
        }
        if (!verifyReceipt(receiverKey, receipt)) {
            return failure(BundleReceiptsError::BadReceipt, "item " + itemIdHex(receipt.itemId));
        }
    }
    return file;
}

BundleReceiptsResult<BundleReceipts>
readBundleReceiptsFile(const std::filesystem::path& file,
                       const crypto::SigningPublicKey& receiverKey) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return failure(BundleReceiptsError::Unreadable, file.string());
    }
    // No more than the largest file the frame allows, plus one byte to see it is too long.
    std::vector<std::uint8_t> bytes;
    const std::size_t cap = kMaxBundleReceiptsBodyBytes + 256;
    std::array<char, 64 * 1024> chunk{};
    while (in && bytes.size() <= cap) {
        in.read(chunk.data(), chunk.size());
        bytes.insert(bytes.end(), chunk.data(), chunk.data() + in.gcount());
    }
    if (in.bad()) {
        return failure(BundleReceiptsError::Unreadable, file.string());
    }
    return readBundleReceipts(bytes, receiverKey);
}

} // namespace vigil::receiver
