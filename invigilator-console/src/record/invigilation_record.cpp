#include "vigil/console/invigilation_record.h"

#include "vigil/console/incident.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace vigil::console {
namespace {

constexpr auto kRecordFormat = "vigil-invigilation-record";

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::string str(const QJsonValue& value) {
    return value.toString().toStdString();
}

QString hex(std::span<const std::uint8_t> bytes) {
    return QString::fromStdString(crypto::toHex(bytes));
}

template <std::size_t N>
bool fromHexField(const QJsonObject& object, const char* key, std::array<std::uint8_t, N>& out) {
    const auto value = object.value(QLatin1String(key));
    return value.isString() && crypto::fromHex(value.toString().toStdString(), out);
}

QByteArray compact(const QJsonObject& object) {
    // QJsonObject keeps its keys sorted, so the compact form is canonical.
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::vector<std::uint8_t> signedBytesOf(const QByteArray& canonicalContent) {
    std::vector<std::uint8_t> bytes;
    const auto tagLength = static_cast<std::uint32_t>(kRecordContext.size());
    for (std::size_t byte = 0; byte < 4; ++byte) {
        bytes.push_back(static_cast<std::uint8_t>(tagLength >> (8 * byte)));
    }
    bytes.insert(bytes.end(), kRecordContext.begin(), kRecordContext.end());
    bytes.insert(bytes.end(), canonicalContent.begin(), canonicalContent.end());
    return bytes;
}

QJsonObject contentOf(const RecordData& data) {
    const auto& facts = data.session;
    QJsonArray invigilators;
    for (const auto& invigilator : data.invigilators) {
        invigilators.append(QJsonObject{{"name", qs(invigilator.name)},
                                        {"pinReference", qs(invigilator.pinReference)}});
    }
    QJsonArray plan;
    for (const auto& row : data.seatingPlan) {
        QJsonArray cells;
        for (const auto& cell : row) {
            cells.append(QJsonObject{{"pc", qs(cell.pc)},
                                     {"name", qs(cell.candidateName)},
                                     {"registration", qs(cell.registration)},
                                     {"assessment", qs(cell.assessment)}});
        }
        plan.append(cells);
    }
    QJsonArray candidates;
    for (const auto& candidate : data.candidates) {
        QJsonObject row{{"name", qs(candidate.name)},
                        {"registration", qs(candidate.registration)},
                        {"assessment", qs(candidate.assessment)},
                        {"pc", qs(candidate.pc)},
                        {"start", qs(candidate.start)},
                        {"end", qs(candidate.end)},
                        {"outcome", qs(candidate.outcome)}};
        if (!candidate.referenceMaterial.empty()) {
            row.insert("referenceMaterial", qs(candidate.referenceMaterial));
        }
        candidates.append(row);
    }
    crypto::Digest head{};
    if (!data.incidents.empty()) {
        head = crypto::entryHash(data.incidents.back());
    }
    return QJsonObject{
        {"session", QJsonObject{{"centreId", qs(facts.centreId)},
                                {"centreName", qs(facts.centreName)},
                                {"sessionId", qs(facts.sessionId)},
                                {"room", qs(facts.room)},
                                {"date", qs(facts.date)},
                                {"startTime", qs(facts.startTime)},
                                {"endTime", qs(facts.endTime)},
                                {"timeZone", qs(facts.timeZone)}}},
        {"invigilators", invigilators},
        {"seatingPlan", plan},
        {"candidates", candidates},
        {"incidentChain",
         QJsonObject{{"count", static_cast<qint64>(data.incidents.size())}, {"head", hex(head)}}},
    };
}

RecordData dataFrom(const QJsonObject& content) {
    RecordData data;
    const auto facts = content.value("session").toObject();
    data.session = {str(facts.value("centreId")),  str(facts.value("centreName")),
                    str(facts.value("sessionId")), str(facts.value("room")),
                    str(facts.value("date")),      str(facts.value("startTime")),
                    str(facts.value("endTime")),   str(facts.value("timeZone"))};
    for (const auto& value : content.value("invigilators").toArray()) {
        const auto object = value.toObject();
        data.invigilators.push_back({str(object.value("name")), str(object.value("pinReference"))});
    }
    for (const auto& row : content.value("seatingPlan").toArray()) {
        auto& cells = data.seatingPlan.emplace_back();
        for (const auto& value : row.toArray()) {
            const auto cell = value.toObject();
            cells.push_back({str(cell.value("pc")), str(cell.value("name")),
                             str(cell.value("registration")), str(cell.value("assessment"))});
        }
    }
    for (const auto& value : content.value("candidates").toArray()) {
        const auto row = value.toObject();
        data.candidates.push_back({str(row.value("name")), str(row.value("registration")),
                                   str(row.value("assessment")), str(row.value("pc")),
                                   str(row.value("start")), str(row.value("end")),
                                   str(row.value("outcome")), str(row.value("referenceMaterial"))});
    }
    return data;
}

QJsonObject entryJson(const crypto::ChainEntry& entry, const QJsonObject& payload) {
    return QJsonObject{{"sequence", static_cast<qint64>(entry.sequence)},
                       {"timeMs", static_cast<qint64>(entry.timeMs)},
                       {"signer", hex(entry.signerKeyId)},
                       {"previousHash", hex(entry.previousHash)},
                       {"payload", payload},
                       {"signature", hex(entry.signature)}};
}

std::optional<crypto::ChainEntry> entryFrom(const QJsonValue& value) {
    const auto object = value.toObject();
    const auto sequence = object.value("sequence").toInteger(-1);
    const auto payload = object.value("payload");
    if (sequence < 0 || !object.value("timeMs").isDouble() || !payload.isObject()) {
        return std::nullopt;
    }
    crypto::ChainEntry entry;
    entry.sequence = static_cast<std::uint64_t>(sequence);
    entry.timeMs = object.value("timeMs").toInteger();
    if (!fromHexField(object, "signer", entry.signerKeyId) ||
        !fromHexField(object, "previousHash", entry.previousHash) ||
        !fromHexField(object, "signature", entry.signature)) {
        return std::nullopt;
    }
    const auto bytes = compact(payload.toObject());
    entry.payload.assign(bytes.begin(), bytes.end());
    return entry;
}

std::string position(std::size_t index, const crypto::ChainEntry& entry) {
    auto text = "incident entry " + std::to_string(index);
    if (entry.sequence != index) {
        text += " (which says it is entry " + std::to_string(entry.sequence) + ")";
    }
    return text;
}

} // namespace

RecordResult<SignedRecord> signRecord(const RecordData& data,
                                      const crypto::SigningKeyPair& consoleKeys) {
    const auto verdict = crypto::verifyChain(data.incidents, consoleKeys.publicKey);
    if (!verdict.intact) {
        const auto at = verdict.firstBrokenSequence.value_or(0);
        return RecordFailure(RecordError::BrokenChain, at,
                             "the session's incident log does not verify at entry " +
                                 std::to_string(at) + " (" + verdict.reason +
                                 "): the record is not signed");
    }
    QJsonArray incidents;
    for (const auto& entry : data.incidents) {
        const auto payload =
            QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(entry.payload.data()),
                                               static_cast<qsizetype>(entry.payload.size())));
        // The file holds each payload as JSON and re-serialises it to verify: only canonical
        // payloads survive that, which is what incidentPayload writes.
        const auto canonical = payload.isObject() ? compact(payload.object()) : QByteArray();
        if (!payload.isObject() ||
            std::vector<std::uint8_t>(canonical.begin(), canonical.end()) != entry.payload) {
            return RecordFailure(RecordError::MalformedEntry, entry.sequence);
        }
        // Sign nothing verifyRecord would refuse: each entry an incident of this session.
        const auto decoded = decodeIncidentPayload(entry.payload);
        if (!decoded || decoded.value().sessionId != data.session.sessionId) {
            return RecordFailure(RecordError::MalformedEntry, entry.sequence,
                                 "incident entry " + std::to_string(entry.sequence) +
                                     " is not an incident of session " + data.session.sessionId +
                                     ": the record is not signed");
        }
        incidents.append(entryJson(entry, payload.object()));
    }
    const auto content = contentOf(data);
    const auto signedBytes = signedBytesOf(compact(content));
    const auto signature = crypto::sign(consoleKeys, signedBytes);
    SignedRecord record;
    record.digest = crypto::blake2b(signedBytes);
    const QJsonObject file{
        {"format", kRecordFormat},
        {"version", kRecordVersion},
        {"content", content},
        {"incidents", incidents},
        {"consoleKeyId", hex(crypto::keyIdOf(consoleKeys.publicKey))},
        {"signature", hex(signature)},
        {"digest", hex(record.digest)},
    };
    const auto bytes = QJsonDocument(file).toJson(QJsonDocument::Indented);
    record.bytes.assign(bytes.begin(), bytes.end());
    return record;
}

RecordResult<VerifiedRecord> verifyRecord(std::span<const std::uint8_t> bytes,
                                          const crypto::SigningPublicKey& consoleKey) {
    QJsonParseError parseError{};
    const auto document =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(bytes.data()),
                                           static_cast<qsizetype>(bytes.size())),
                                &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return RecordFailure(RecordError::NotARecord);
    }
    const auto file = document.object();
    if (file.value("format").toString() != QLatin1String(kRecordFormat)) {
        return RecordFailure(RecordError::NotARecord);
    }
    const auto version = file.value("version").toInt(-1);
    if (version > kRecordVersion) {
        return RecordFailure(RecordError::UnsupportedVersion);
    }
    if (version != kRecordVersion || !file.value("content").isObject() ||
        !file.value("incidents").isArray()) {
        return RecordFailure(RecordError::NotARecord);
    }
    const auto content = file.value("content").toObject();
    const auto sessionId = str(content.value("session").toObject().value("sessionId"));

    std::vector<crypto::ChainEntry> entries;
    const auto incidents = file.value("incidents").toArray();
    for (qsizetype index = 0; index < incidents.size(); ++index) {
        auto entry = entryFrom(incidents.at(index));
        const auto at = static_cast<std::uint64_t>(index);
        if (!entry) {
            return RecordFailure(RecordError::MalformedEntry, at,
                                 "incident entry " + std::to_string(at) +
                                     " lacks a field or has one of the wrong form");
        }
        entries.push_back(std::move(*entry));
    }
    const auto verdict = crypto::verifyChain(entries, consoleKey);
    if (!verdict.intact) {
        const auto at = static_cast<std::size_t>(verdict.firstBrokenSequence.value_or(0));
        return RecordFailure(RecordError::EntryBroken, at,
                             "the record's incident " + verdict.reason);
    }
    for (std::size_t index = 0; index < entries.size(); ++index) {
        const auto decoded = decodeIncidentPayload(entries[index].payload);
        if (!decoded || decoded.value().sessionId != sessionId) {
            return RecordFailure(RecordError::MalformedEntry, index,
                                 position(index, entries[index]) +
                                     " is not an incident of this session");
        }
    }
    const auto chain = content.value("incidentChain").toObject();
    const auto count = chain.value("count").toInteger(-1);
    crypto::Digest head{};
    if (count < 0 || !fromHexField(chain, "head", head)) {
        return RecordFailure(RecordError::NotARecord);
    }
    const auto signedCount = static_cast<std::size_t>(count);
    if (entries.size() < signedCount) {
        return RecordFailure(RecordError::EntryMissing, entries.size(),
                             "incident entry " + std::to_string(entries.size()) +
                                 " is missing: the record was signed with " +
                                 std::to_string(signedCount) + " entries, the file holds " +
                                 std::to_string(entries.size()));
    }
    if (entries.size() > signedCount) {
        return RecordFailure(RecordError::EntryBroken, signedCount,
                             "incident entry " + std::to_string(signedCount) +
                                 " was added after the record was signed");
    }
    const crypto::Digest actualHead =
        entries.empty() ? crypto::Digest{} : crypto::entryHash(entries.back());
    if (actualHead != head) {
        return RecordFailure(RecordError::EntryBroken, std::nullopt,
                             "the incident log is not the one the record was signed with");
    }
    crypto::KeyId keyId{};
    if (!fromHexField(file, "consoleKeyId", keyId) || keyId != crypto::keyIdOf(consoleKey)) {
        return RecordFailure(RecordError::WrongSigner);
    }
    crypto::Signature signature{};
    const auto signedBytes = signedBytesOf(compact(content));
    if (!fromHexField(file, "signature", signature) ||
        !crypto::verifySignature(consoleKey, signedBytes, signature)) {
        return RecordFailure(RecordError::BadSignature);
    }
    VerifiedRecord verified;
    verified.digest = crypto::blake2b(signedBytes);
    crypto::Digest written{};
    if (!fromHexField(file, "digest", written) || written != verified.digest) {
        return RecordFailure(RecordError::BadSignature, std::nullopt,
                             "the digest written in the record is not the record's own");
    }
    verified.data = dataFrom(content);
    verified.data.incidents = std::move(entries);
    return verified;
}

} // namespace vigil::console
