#include "vigil/receiver/upload_batch.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::receiver {

namespace {

void putU32(std::vector<std::uint8_t>& out, std::size_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xff));
    }
}

// Reads the body front to back; every read checks what is left first.
class BatchReader {
public:
    explicit BatchReader(std::span<const std::uint8_t> body)
        : body_(body) {}

    [[nodiscard]] bool take(std::size_t count, std::span<const std::uint8_t>& out) {
        if (body_.size() - offset_ < count) {
            return false;
        }
        out = body_.subspan(offset_, count);
        offset_ += count;
        return true;
    }
    [[nodiscard]] bool u8(std::size_t& out) {
        std::span<const std::uint8_t> byte;
        if (!take(1, byte)) {
            return false;
        }
        out = byte[0];
        return true;
    }
    [[nodiscard]] bool u32(std::size_t& out) {
        std::span<const std::uint8_t> bytes;
        if (!take(4, bytes)) {
            return false;
        }
        out = (std::size_t(bytes[0]) << 24) | (std::size_t(bytes[1]) << 16) |
              (std::size_t(bytes[2]) << 8) | std::size_t(bytes[3]);
        return true;
    }
    [[nodiscard]] bool atEnd() const noexcept { return offset_ == body_.size(); }

private:
    std::span<const std::uint8_t> body_;
    std::size_t offset_ = 0;
};

ReceiverFailure malformedItem(std::size_t index, const char* what) {
    return {ReceiverError::MalformedRequest,
            "batch item " + std::to_string(index + 1) + ": " + what};
}

} // namespace

std::vector<std::uint8_t> encodeBatch(std::span<const BatchItem> items) {
    std::vector<std::uint8_t> out(kBatchMagic.begin(), kBatchMagic.end());
    putU32(out, items.size());
    for (const auto& item : items) {
        const auto kind = kindName(item.kind);
        out.push_back(static_cast<std::uint8_t>(kind.size()));
        out.insert(out.end(), kind.begin(), kind.end());
        putU32(out, item.bytes.size());
        out.insert(out.end(), item.bytes.begin(), item.bytes.end());
    }
    return out;
}

ReceiverResult<std::vector<BatchItem>> decodeBatch(std::span<const std::uint8_t> body) {
    BatchReader reader(body);
    std::span<const std::uint8_t> magic;
    if (!reader.take(kBatchMagic.size(), magic) ||
        !std::equal(magic.begin(), magic.end(), kBatchMagic.begin())) {
        return ReceiverFailure{ReceiverError::MalformedRequest,
                               "the body is not a batch (VIGILBT1)"};
    }
    std::size_t count = 0;
    if (!reader.u32(count) || count == 0 || count > kMaxBatchItems) {
        return ReceiverFailure{ReceiverError::MalformedRequest,
                               "a batch holds 1 to " + std::to_string(kMaxBatchItems) + " items"};
    }
    std::vector<BatchItem> items;
    items.reserve(count);
    for (std::size_t index = 0; index < count; ++index) {
        std::size_t kindLength = 0;
        std::span<const std::uint8_t> kindText;
        if (!reader.u8(kindLength) || !reader.take(kindLength, kindText)) {
            return malformedItem(index, "its kind runs past the body");
        }
        const std::string_view kindView(reinterpret_cast<const char*>(kindText.data()),
                                        kindText.size());
        const auto kind = parseKind(kindView);
        if (!kind) {
            return ReceiverFailure{ReceiverError::UnknownItemKind,
                                   "batch item " + std::to_string(index + 1) + ": " +
                                       std::string(kindView.substr(0, 64))};
        }
        std::size_t length = 0;
        std::span<const std::uint8_t> bytes;
        if (!reader.u32(length) || length == 0 || !reader.take(length, bytes)) {
            return malformedItem(index, "empty, or its bytes run past the body");
        }
        items.push_back({*kind, bytes});
    }
    if (!reader.atEnd()) {
        return ReceiverFailure{ReceiverError::MalformedRequest,
                               "bytes after the batch's last item"};
    }
    return items;
}

std::string encodeBatchAnswer(std::span<const BatchItemAnswer> answers) {
    std::string out = R"({"answers":[)";
    for (std::size_t i = 0; i < answers.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += answers[i] ? encodeReceipt(answers[i].value()) : encodeRefusal(answers[i].error());
    }
    out += "]}";
    return out;
}

ReceiverResult<std::vector<BatchItemAnswer>> decodeBatchAnswer(std::string_view json) {
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(
        QByteArray(json.data(), static_cast<qsizetype>(json.size())), &parseError);
    const auto answers = document.object().value(QStringLiteral("answers"));
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        !answers.isArray()) {
        return ReceiverFailure{ReceiverError::MalformedRequest,
                               "batch answer: not an object with an answers array"};
    }
    std::vector<BatchItemAnswer> out;
    for (const auto& entry : answers.toArray()) {
        const auto object = entry.toObject();
        if (object.contains(QStringLiteral("error"))) {
            const auto text = object.value(QStringLiteral("error")).toString().toStdString();
            const auto detail = object.value(QStringLiteral("detail")).toString().toStdString();
            const auto error = errorOfCode(text);
            out.emplace_back(error ? ReceiverFailure{*error, detail}
                                   : ReceiverFailure{ReceiverError::MalformedRequest,
                                                     "unknown refusal '" + text + "': " + detail});
            continue;
        }
        auto receipt =
            decodeReceipt(QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString());
        if (!receipt) {
            return receipt.error();
        }
        out.emplace_back(std::move(receipt).value());
    }
    return out;
}

} // namespace vigil::receiver
