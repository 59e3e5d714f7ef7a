#include "vigil/exam/result_record.h"

#include "json_fields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <algorithm>
#include <array>

namespace vigil::exam {

namespace {

using detail::corrupt;
using detail::hexField;
using detail::qs;

constexpr std::array<std::uint8_t, 4> kMagic{'V', 'G', 'L', 'R'};
constexpr std::uint8_t kVersion = 2;
constexpr std::size_t kEnvelopeHeaderBytes = 4 + 1 + 8 + 64;

} // namespace

std::string canonicalResultJson(const ResultRecord& record) {
    QJsonArray responses;
    for (const auto& response : record.responses) {
        QJsonArray chosen;
        for (const auto& id : response.chosen) {
            chosen.append(qs(id));
        }
        responses.append(QJsonObject{{"item", qs(response.itemId)},
                                     {"chosen", chosen},
                                     {"score", response.score},
                                     {"maxScore", response.maxScore}});
    }
    const QJsonObject object{
        {"format", "vigil-result"},
        {"version", kVersion},
        {"sittingId", qs(record.sittingId)},
        {"candidate", qs(record.candidateRegistration)},
        {"centre", qs(record.centreId)},
        {"session", qs(record.sessionId)},
        {"seat", qs(record.seat)},
        {"assessmentId", qs(record.assessmentId)},
        {"assessmentVersion", qs(record.assessmentVersion)},
        {"startedWallMs", static_cast<qint64>(record.startedWallMs)},
        {"submittedWallMs", static_cast<qint64>(record.submittedWallMs)},
        {"timeUsedMs", static_cast<qint64>(record.timeUsedMs)},
        {"timedOut", record.timedOut},
        {"score", record.score},
        {"maxScore", record.maxScore},
        {"percentage", record.percentage},
        {"passed", record.passed},
        {"responses", responses},
        {"incidents", record.incidents},
        {"journalSequence", static_cast<qint64>(record.journalSequence)},
        {"journalHead", qs(crypto::toHex(record.journalHead))},
        {"assignmentDigest", qs(crypto::toHex(record.assignmentDigest))},
        {"packageDigest", qs(crypto::toHex(record.packageDigest))},
        {"kioskKeyId", qs(crypto::toHex(record.kioskKeyId))},
    };
    QJsonObject withReference = object; // QJsonDocument writes keys sorted: still canonical
    if (!record.referenceMaterial.empty()) {
        QJsonArray material;
        for (const auto& id : record.referenceMaterial) {
            material.append(qs(id));
        }
        withReference.insert("referenceMaterial", material);
    }
    return QJsonDocument(withReference).toJson(QJsonDocument::Compact).toStdString();
}

std::vector<std::uint8_t> resultSignedBytes(std::string_view canonicalJson) {
    std::vector<std::uint8_t> bytes;
    const auto tagLength = static_cast<std::uint32_t>(kResultRecordContext.size());
    for (std::size_t byte = 0; byte < 4; ++byte) {
        bytes.push_back(static_cast<std::uint8_t>(tagLength >> (8 * byte)));
    }
    bytes.insert(bytes.end(), kResultRecordContext.begin(), kResultRecordContext.end());
    bytes.insert(bytes.end(), canonicalJson.begin(), canonicalJson.end());
    return bytes;
}

crypto::Result<ResultRecord> parseResultJson(std::string_view json) {
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(
        QByteArray(json.data(), static_cast<qsizetype>(json.size())), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return crypto::Error::UnknownFormat;
    }
    const auto object = document.object();
    if (object.value("format").toString() != QLatin1String("vigil-result") ||
        object.value("version").toInt() != kVersion) {
        return crypto::Error::UnknownFormat;
    }
    ResultRecord record;
    record.sittingId = object.value("sittingId").toString().toStdString();
    record.candidateRegistration = object.value("candidate").toString().toStdString();
    record.centreId = object.value("centre").toString().toStdString();
    record.sessionId = object.value("session").toString().toStdString();
    record.seat = object.value("seat").toString().toStdString();
    record.assessmentId = object.value("assessmentId").toString().toStdString();
    record.assessmentVersion = object.value("assessmentVersion").toString().toStdString();
    record.startedWallMs = object.value("startedWallMs").toInteger();
    record.submittedWallMs = object.value("submittedWallMs").toInteger();
    record.timeUsedMs = object.value("timeUsedMs").toInteger();
    record.timedOut = object.value("timedOut").toBool();
    record.score = object.value("score").toDouble();
    record.maxScore = object.value("maxScore").toDouble();
    record.percentage = object.value("percentage").toDouble();
    record.passed = object.value("passed").toBool();
    record.incidents = object.value("incidents").toInt();
    for (const auto& element : object.value("responses").toArray()) {
        const auto response = element.toObject();
        ItemResponse item{response.value("item").toString().toStdString(),
                          {},
                          response.value("score").toDouble(),
                          response.value("maxScore").toDouble()};
        for (const auto& id : response.value("chosen").toArray()) {
            item.chosen.push_back(id.toString().toStdString());
        }
        record.responses.push_back(std::move(item));
    }
    for (const auto& id : object.value("referenceMaterial").toArray()) {
        record.referenceMaterial.push_back(id.toString().toStdString());
    }
    record.journalSequence = object.value("journalSequence").toInteger(-1);
    if (record.sittingId.empty() || record.journalSequence < 0 ||
        !hexField(object, "journalHead", record.journalHead) ||
        !hexField(object, "assignmentDigest", record.assignmentDigest) ||
        !hexField(object, "packageDigest", record.packageDigest) ||
        !hexField(object, "kioskKeyId", record.kioskKeyId)) {
        return crypto::Error::UnknownFormat;
    }
    return record;
}

std::vector<std::uint8_t> sealResultRecord(ResultRecord record,
                                           const crypto::SigningKeyPair& kioskKeys,
                                           const crypto::BoxPublicKey& awardingBody) {
    record.kioskKeyId = crypto::keyIdOf(kioskKeys.publicKey);
    const auto json = canonicalResultJson(record);
    const std::span<const std::uint8_t> body(reinterpret_cast<const std::uint8_t*>(json.data()),
                                             json.size());
    const auto signature = crypto::sign(kioskKeys, resultSignedBytes(json));
    std::vector<std::uint8_t> envelope(kMagic.begin(), kMagic.end());
    envelope.push_back(kVersion);
    envelope.insert(envelope.end(), record.kioskKeyId.begin(), record.kioskKeyId.end());
    envelope.insert(envelope.end(), signature.begin(), signature.end());
    envelope.insert(envelope.end(), body.begin(), body.end());
    return crypto::sealTo(awardingBody, envelope);
}

crypto::Result<SignedResult> openSealedResult(std::span<const std::uint8_t> sealed,
                                              const crypto::BoxKeyPair& awardingBody) {
    auto opened = crypto::openSealed(awardingBody, sealed);
    if (!opened) {
        return opened.error();
    }
    const auto bytes = opened.value().span();
    if (bytes.size() < kEnvelopeHeaderBytes) {
        return crypto::Error::Truncated;
    }
    if (!std::equal(kMagic.begin(), kMagic.end(), bytes.begin()) || bytes[4] != kVersion) {
        return crypto::Error::UnknownFormat;
    }
    SignedResult result;
    std::copy_n(bytes.begin() + 5, result.kioskKeyId.size(), result.kioskKeyId.begin());
    std::copy_n(bytes.begin() + 13, result.signature.size(), result.signature.begin());
    result.json.assign(reinterpret_cast<const char*>(bytes.data()) + kEnvelopeHeaderBytes,
                       bytes.size() - kEnvelopeHeaderBytes);
    return result;
}

crypto::Result<ResultRecord> verifySignedResult(const SignedResult& signedResult,
                                                const crypto::SigningPublicKey& kiosk) {
    if (signedResult.kioskKeyId != crypto::keyIdOf(kiosk)) {
        return crypto::Error::KeyMismatch;
    }
    if (!crypto::verifySignature(kiosk, resultSignedBytes(signedResult.json),
                                 signedResult.signature)) {
        return crypto::Error::BadSignature;
    }
    auto record = parseResultJson(signedResult.json);
    if (record && record.value().kioskKeyId != signedResult.kioskKeyId) {
        return crypto::Error::KeyMismatch;
    }
    return record;
}

crypto::Result<ResultRecord> openResultRecord(std::span<const std::uint8_t> sealed,
                                              const crypto::BoxKeyPair& awardingBody,
                                              const crypto::SigningPublicKey& kiosk) {
    auto signedResult = openSealedResult(sealed, awardingBody);
    if (!signedResult) {
        return signedResult.error();
    }
    return verifySignedResult(signedResult.value(), kiosk);
}

} // namespace vigil::exam
