#include "record_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cctype>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::fixture;

namespace {

QJsonObject parse(const std::vector<std::uint8_t>& bytes) {
    return QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<qsizetype>(bytes.size())))
        .object();
}

std::vector<std::uint8_t> bytesOf(const QJsonObject& file) {
    const auto json = QJsonDocument(file).toJson(QJsonDocument::Indented);
    return {json.begin(), json.end()};
}

// The record file with its incidents array changed by `edit`.
template <class Edit>
std::vector<std::uint8_t> withIncidents(const SignedRecord& record, Edit edit) {
    auto file = parse(record.bytes);
    auto incidents = file.value("incidents").toArray();
    edit(incidents);
    file.insert("incidents", incidents);
    return bytesOf(file);
}

QString hex(std::span<const std::uint8_t> bytes) {
    return QString::fromStdString(crypto::toHex(bytes));
}

// An entry as the record file holds it.
QJsonObject entryJson(const crypto::ChainEntry& entry) {
    const auto payload =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(entry.payload.data()),
                                           static_cast<qsizetype>(entry.payload.size())));
    return QJsonObject{{"sequence", static_cast<qint64>(entry.sequence)},
                       {"timeMs", static_cast<qint64>(entry.timeMs)},
                       {"signer", hex(entry.signerKeyId)},
                       {"previousHash", hex(entry.previousHash)},
                       {"payload", payload.object()},
                       {"signature", hex(entry.signature)}};
}

std::vector<std::uint8_t> replaced(std::vector<std::uint8_t> bytes, const std::string& from,
                                   const std::string& to) {
    const auto at = std::search(bytes.begin(), bytes.end(), from.begin(), from.end());
    if (at == bytes.end()) {
        qFatal("'%s' is not in the record", from.c_str());
    }
    std::copy(to.begin(), to.end(), at);
    return bytes;
}

} // namespace

class RecordVerifyTest : public QObject {
    Q_OBJECT

private:
    void expectBroken(const RecordResult<VerifiedRecord>& verdict, RecordError error,
                      std::optional<std::uint64_t> entry) {
        QVERIFY2(!verdict.ok(), "the altered record verified");
        QCOMPARE(verdict.error().error, error);
        QCOMPARE(verdict.error().entry, entry);
        QVERIFY(!verdict.error().detail.empty());
        if (entry) {
            QVERIFY2(verdict.error().detail.find("entry " + std::to_string(*entry)) !=
                         std::string::npos,
                     verdict.error().detail.c_str());
        }
    }

private slots:
    void anIntactRecordVerifiesAndReadsBack() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto signed_ = signRecord(data, fixture.console);
        QVERIFY(signed_.ok());
        const auto verified = verifyRecord(signed_.value().bytes, fixture.console.publicKey);
        QVERIFY2(verified.ok(), verified.ok() ? "" : verified.error().detail.c_str());
        QCOMPARE(verified.value().digest, signed_.value().digest);
        QCOMPARE(verified.value().data.session, data.session);
        QCOMPARE(verified.value().data.invigilators, data.invigilators);
        QCOMPARE(verified.value().data.seatingPlan, data.seatingPlan);
        QCOMPARE(verified.value().data.candidates, data.candidates);
        QCOMPARE(verified.value().data.incidents.size(), data.incidents.size());
        for (std::size_t index = 0; index < data.incidents.size(); ++index) {
            QCOMPARE(verified.value().data.incidents[index].payload, data.incidents[index].payload);
        }
    }

    void theRecordNeverHoldsAPin() {
        RecordFixture fixture;
        const auto signed_ = signRecord(fixture.record(), fixture.console);
        const auto invigilators = parse(signed_.value().bytes)
                                      .value("content")
                                      .toObject()
                                      .value("invigilators")
                                      .toArray();
        QCOMPARE(invigilators.size(), 2);
        QCOMPARE(invigilators.at(0).toObject().keys(), QStringList({"name", "pinReference"}));
    }

    void aChangedPayloadByteNamesItsEntry() {
        RecordFixture fixture;
        const auto record = signRecord(fixture.record(), fixture.console).value();
        const auto altered = replaced(record.bytes, "Alarm rang", "Alarm rung");
        expectBroken(verifyRecord(altered, fixture.console.publicKey), RecordError::EntryBroken, 4);
    }

    void aChangedEntryTimeNamesItsEntry() {
        RecordFixture fixture;
        const auto record = signRecord(fixture.record(), fixture.console).value();
        const auto altered = withIncidents(record, [](QJsonArray& incidents) {
            auto entry = incidents.at(2).toObject();
            entry.insert("timeMs", entry.value("timeMs").toInteger() + 60'000);
            incidents.replace(2, entry);
        });
        expectBroken(verifyRecord(altered, fixture.console.publicKey), RecordError::EntryBroken, 2);
    }

    void aRemovedEntryIsNamed() {
        RecordFixture fixture;
        const auto record = signRecord(fixture.record(), fixture.console).value();
        const auto middle =
            withIncidents(record, [](QJsonArray& incidents) { incidents.removeAt(3); });
        expectBroken(verifyRecord(middle, fixture.console.publicKey), RecordError::EntryBroken, 3);

        const auto last =
            withIncidents(record, [](QJsonArray& incidents) { incidents.removeLast(); });
        expectBroken(verifyRecord(last, fixture.console.publicKey), RecordError::EntryMissing, 5);

        const auto all =
            withIncidents(record, [](QJsonArray& incidents) { incidents = QJsonArray(); });
        expectBroken(verifyRecord(all, fixture.console.publicKey), RecordError::EntryMissing, 0);
    }

    void swappedEntriesAreNamed() {
        RecordFixture fixture;
        const auto record = signRecord(fixture.record(), fixture.console).value();
        const auto swapped = withIncidents(record, [](QJsonArray& incidents) {
            const auto second = incidents.at(1);
            incidents.replace(1, incidents.at(2));
            incidents.replace(2, second);
        });
        expectBroken(verifyRecord(swapped, fixture.console.publicKey), RecordError::EntryBroken, 1);
    }

    void anEntrySignedByAnotherKeyIsNamed() {
        RecordFixture fixture;
        auto data = fixture.record();
        const auto record = signRecord(data, fixture.console).value();
        // A forger replaces entry 2 with their own, linked to entry 1 as the console's would be.
        const auto forger = crypto::generateSigningKeyPair();
        crypto::HashChainWriter writer(forger, data.incidents.at(1));
        const auto forged =
            writer.append(incidentPayload(incidentAbout(IncidentKind::Other, {}, "all calm", 15),
                                          data.session.sessionId),
                          kNine);
        QCOMPARE(forged.sequence, 2u);

        const auto spliced = withIncidents(
            record, [&](QJsonArray& incidents) { incidents.replace(2, entryJson(forged)); });
        expectBroken(verifyRecord(spliced, fixture.console.publicKey), RecordError::EntryBroken, 2);

        // Nor will the console sign such a chain.
        data.incidents.at(2) = forged;
        const auto refused = signRecord(data, fixture.console);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, RecordError::BrokenChain);
        QCOMPARE(refused.error().entry, std::optional<std::uint64_t>(2));
    }

    void aWholeRecordSignedByAnotherKeyIsRefused() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto stranger = crypto::generateSigningKeyPair();
        // The stranger's own record of the same session (their own chain), checked as ours.
        RecordData theirs = data;
        theirs.incidents.clear();
        crypto::HashChainWriter writer(stranger, std::nullopt);
        for (const auto& entry : data.incidents) {
            theirs.incidents.push_back(writer.append(entry.payload, entry.timeMs));
        }
        const auto record = signRecord(theirs, stranger).value();
        expectBroken(verifyRecord(record.bytes, fixture.console.publicKey),
                     RecordError::EntryBroken, 0);

        theirs.incidents.clear();
        const auto empty = signRecord(theirs, stranger).value();
        expectBroken(verifyRecord(empty.bytes, fixture.console.publicKey), RecordError::WrongSigner,
                     std::nullopt);
    }

    void alteredContentBreaksTheSignature() {
        RecordFixture fixture;
        const auto record = signRecord(fixture.record(), fixture.console).value();
        const auto altered = replaced(record.bytes, "Fail 18/40", "Pass 28/40");
        expectBroken(verifyRecord(altered, fixture.console.publicKey), RecordError::BadSignature,
                     std::nullopt);

        auto file = parse(record.bytes);
        file.insert("digest", QString(64, QLatin1Char('0')));
        expectBroken(verifyRecord(bytesOf(file), fixture.console.publicKey),
                     RecordError::BadSignature, std::nullopt);
    }

    void anEntryAddedAfterSigningIsNamed() {
        RecordFixture fixture;
        auto data = fixture.record();
        const auto record = signRecord(data, fixture.console).value();
        crypto::HashChainWriter writer(fixture.console, data.incidents.back());
        const auto extra =
            writer.append(incidentPayload(incidentAbout(IncidentKind::Other, {}, "later", 80),
                                          data.session.sessionId),
                          kNine);
        data.incidents.push_back(extra);
        const auto longer =
            parse(signRecord(data, fixture.console).value().bytes).value("incidents").toArray();
        auto file = parse(record.bytes);
        file.insert("incidents", longer);
        expectBroken(verifyRecord(bytesOf(file), fixture.console.publicKey),
                     RecordError::EntryBroken, 6);
    }

    void anotherSessionsEntriesAreRefused() {
        RecordFixture fixture;
        // Another session's chain, signed by the same console, spliced into our record.
        const auto ours = signRecord(fixture.record("S-ours"), fixture.console).value();
        const auto theirs = signRecord(fixture.record("S-theirs"), fixture.console).value();
        auto file = parse(ours.bytes);
        file.insert("incidents", parse(theirs.bytes).value("incidents"));
        expectBroken(verifyRecord(bytesOf(file), fixture.console.publicKey),
                     RecordError::MalformedEntry, 0);
    }

    void aRecordOfEntriesFromAnotherSessionIsNotSigned() {
        RecordFixture fixture;
        auto data = fixture.record("S-theirs");
        data.session.sessionId = "S-ours";
        const auto refused = signRecord(data, fixture.console);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, RecordError::MalformedEntry);
        QCOMPARE(refused.error().entry, std::optional<std::uint64_t>(0));
    }

    void noDamagedCopyVerifies() {
        RecordFixture fixture;
        const auto record = signRecord(fixture.record(), fixture.console).value();
        const auto& bytes = record.bytes;
        // Cut short anywhere, or one byte changed anywhere: refused, never a crash. (A change
        // inside JSON whitespace is not damage: the signed content is the canonical form.)
        for (std::size_t length = 0; length < bytes.size(); length += 53) {
            const std::vector<std::uint8_t> cut(
                bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
            QVERIFY(!verifyRecord(cut, fixture.console.publicKey).ok());
        }
        for (std::size_t at = 0; at < bytes.size(); at += 7) {
            if (std::isspace(bytes[at])) {
                continue;
            }
            auto damaged = bytes;
            damaged[at] = static_cast<std::uint8_t>(damaged[at] ^ 0x01);
            const auto verdict = verifyRecord(damaged, fixture.console.publicKey);
            QVERIFY2(!verdict.ok(), qPrintable(QStringLiteral("byte %1 ('%2') changed unnoticed")
                                                   .arg(at)
                                                   .arg(QChar(bytes[at]))));
        }
    }

    void notARecordIsSaidSo() {
        RecordFixture fixture;
        const std::string garbage = "PK\x03\x04 not json";
        const auto verdict = verifyRecord(std::vector<std::uint8_t>(garbage.begin(), garbage.end()),
                                          fixture.console.publicKey);
        QCOMPARE(verdict.error().error, RecordError::NotARecord);

        auto file = parse(signRecord(fixture.record(), fixture.console).value().bytes);
        file.insert("version", kRecordVersion + 1);
        QCOMPARE(verifyRecord(bytesOf(file), fixture.console.publicKey).error().error,
                 RecordError::UnsupportedVersion);

        file.insert("version", kRecordVersion);
        file.insert("format", "vigil-result");
        QCOMPARE(verifyRecord(bytesOf(file), fixture.console.publicKey).error().error,
                 RecordError::NotARecord);
    }
};

QTEST_GUILESS_MAIN(RecordVerifyTest)
#include "tst_record_verify.moc"
