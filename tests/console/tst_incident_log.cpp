#include "vigil/console/incident_log.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace vigil;
using namespace vigil::console;

namespace {

constexpr std::int64_t kNine = 1'796'115'600'000; // a morning in 2026, in ms

IncidentSubject ann() {
    return {"PC-01", "Ann Lee", "R0001"};
}
IncidentSubject bo() {
    return {"PC-02", "Bo Ng", "R0002"};
}

Incident roomIncident(IncidentKind kind, std::string description) {
    Incident incident;
    incident.kind = kind;
    incident.scope = IncidentScope::WholeRoom;
    incident.occurredMs = kNine;
    incident.recordedBy = "Iris Invigilator";
    incident.description = std::move(description);
    return incident;
}

Incident candidateIncident(IncidentKind kind, IncidentSubject subject, std::string description) {
    auto incident = roomIncident(kind, std::move(description));
    incident.scope = IncidentScope::OneCandidate;
    incident.subjects = {std::move(subject)};
    return incident;
}

} // namespace

class IncidentLogTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    crypto::SigningKeyPair console_ = crypto::generateSigningKeyPair();
    std::optional<store::Database> db_;

private slots:
    void init() {
        const store::Migration migrations[] = {{1, IncidentLog::schemaSql()}};
        QFile::remove(dir_.filePath("console.db"));
        db_.reset();
        db_.emplace(
            store::Database::open(dir_.filePath("console.db").toStdString(), key_, migrations));
    }

    void recordsAnIncidentWithItsKindScopeTimeAndRecorder() {
        IncidentLog log(*db_, console_, "S1");
        const auto fire = roomIncident(IncidentKind::FireAlarmOrEvacuation, "Alarm at 09:40");
        const auto recorded = log.record(fire, kNine + 5000);
        QVERIFY(recorded.ok());
        QCOMPARE(recorded.value().sequence, 0u);

        const auto entries = log.entries();
        QCOMPARE(entries.size(), 1u);
        QCOMPARE(entries[0].incident, fire);
        QCOMPARE(entries[0].recordedMs, kNine + 5000);
        QVERIFY(log.verify().intact);
        QVERIFY(!entries[0].correctedBy);
    }

    void aCorrectionIsANewEntryAndKeepsTheOriginal() {
        IncidentLog log(*db_, console_, "S1");
        const auto original =
            candidateIncident(IncidentKind::ReaderUsed, ann(), "Reader for Ann Lee");
        QVERIFY(log.record(original, kNine).ok());
        auto fixed = candidateIncident(IncidentKind::ReaderUsed, bo(), "Reader was for Bo Ng");
        const auto correction = log.correct(0, fixed, kNine + 60'000);
        QVERIFY(correction.ok());
        QCOMPARE(correction.value().sequence, 1u);

        const auto entries = log.entries();
        QCOMPARE(entries.size(), 2u);
        QCOMPARE(entries[0].incident, original); // unchanged, still readable
        QCOMPARE(entries[0].correctedBy, std::optional<std::uint64_t>(1));
        QCOMPARE(entries[1].incident.corrects, std::optional<std::uint64_t>(0));
        QCOMPARE(entries[1].incident.subjects[0], bo());
        QVERIFY(log.verify().intact);
    }

    void storedEntriesCannotBeRewrittenOrDeleted() {
        IncidentLog log(*db_, console_, "S1");
        QVERIFY(log.record(roomIncident(IncidentKind::RoomUsed, "Room 2 used"), kNine).ok());
        QVERIFY_THROWS_EXCEPTION(store::StoreError,
                                 db_->exec("UPDATE console_incidents SET payload = x'00'"));
        QVERIFY_THROWS_EXCEPTION(store::StoreError, db_->exec("DELETE FROM console_incidents"));
        QCOMPARE(log.entries().size(), 1u);
    }

    void aCorrectionOfNoEntryIsRefused() {
        IncidentLog log(*db_, console_, "S1");
        const auto refused = log.correct(7, roomIncident(IncidentKind::Other, "x"), kNine);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, RecordError::UnknownIncident);
        QVERIFY(log.entries().empty());
    }

    void anAlteredStoreGetsNothingMoreAndNamesTheEntry() {
        IncidentLog log(*db_, console_, "S1");
        QVERIFY(log.record(roomIncident(IncidentKind::RoomUsed, "first"), kNine).ok());
        QVERIFY(log.record(roomIncident(IncidentKind::ItFailure, "second"), kNine).ok());
        // Someone with the store's key, past the triggers.
        db_->exec("DROP TRIGGER console_incidents_no_update");
        db_->exec("UPDATE console_incidents SET time_ms = time_ms + 1 WHERE sequence = 1");

        const auto refused = log.record(roomIncident(IncidentKind::Other, "third"), kNine);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, RecordError::BrokenChain);
        QCOMPARE(refused.error().entry, std::optional<std::uint64_t>(1));
        QCOMPARE(log.chain().size(), 2u);
    }

    void suspectedMalpracticeIsListedForTheCoordinatorUntilRead() {
        IncidentLog first(*db_, console_, "S1");
        IncidentLog second(*db_, console_, "S2");
        QVERIFY(
            first.record(roomIncident(IncidentKind::FireAlarmOrEvacuation, "drill"), kNine).ok());
        const auto notes = candidateIncident(IncidentKind::SuspectedMalpractice, ann(),
                                             "Notes found under the keyboard");
        QVERIFY(first.record(notes, kNine + 1000).ok());
        const auto phone =
            candidateIncident(IncidentKind::SuspectedMalpractice, bo(), "Phone in use");
        QVERIFY(second.record(phone, kNine + 2000).ok());

        auto flags = unreadMalpracticeFlags(*db_);
        QCOMPARE(flags.size(), 2u);
        QCOMPARE(flags[0].sessionId, std::string("S1"));
        QCOMPARE(flags[0].sequence, 1u);
        QCOMPARE(flags[0].incident, notes);
        QCOMPARE(flags[1].sessionId, std::string("S2"));
        QCOMPARE(flags[1].incident, phone);

        QVERIFY(markMalpracticeFlagRead(*db_, "S1", 1, "Cora Coordinator", kNine + 9000).ok());
        flags = unreadMalpracticeFlags(*db_);
        QCOMPARE(flags.size(), 1u);
        QCOMPARE(flags[0].sessionId, std::string("S2"));

        const auto again = markMalpracticeFlagRead(*db_, "S1", 1, "Cora Coordinator", kNine);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().error, RecordError::UnknownIncident);
        const auto notAFlag = markMalpracticeFlagRead(*db_, "S1", 0, "Cora Coordinator", kNine);
        QCOMPARE(notAFlag.error().error, RecordError::UnknownIncident);
    }

    void aQuestionProblemNamesTheQuestionNeverItsText() {
        IncidentLog log(*db_, console_, "S1");
        auto problem = candidateIncident(IncidentKind::SuspectedQuestionProblem, ann(),
                                         "Diagram labels overlap");
        auto refused = log.record(problem, kNine);
        QCOMPARE(refused.error().error, RecordError::MissingQuestionDetails);

        problem.question = QuestionReference{0, "MOT-601-8928-9"};
        QCOMPARE(log.record(problem, kNine).error().error, RecordError::MissingQuestionDetails);
        problem.question = QuestionReference{12, ""};
        QCOMPARE(log.record(problem, kNine).error().error, RecordError::MissingQuestionDetails);

        problem.question = QuestionReference{12, "MOT-601-8928-9"};
        auto copiedText = problem;
        copiedText.description = std::string(kMaxQuestionProblemChars + 1, 'x');
        QCOMPARE(log.record(copiedText, kNine).error().error, RecordError::DescriptionTooLong);

        QVERIFY(log.record(problem, kNine).ok());
        QCOMPARE(log.entries().at(0).incident.question, problem.question);
    }

    void theSubjectsMustFitTheScope() {
        IncidentLog log(*db_, console_, "S1");
        auto several = candidateIncident(IncidentKind::InteractionBetweenCandidates, ann(), "talk");
        several.scope = IncidentScope::SeveralCandidates;
        QCOMPARE(log.record(several, kNine).error().error, RecordError::SubjectsDoNotFitScope);
        several.subjects.push_back(bo());
        QVERIFY(log.record(several, kNine).ok());

        auto room = roomIncident(IncidentKind::FireAlarmOrEvacuation, "alarm");
        room.subjects = {ann()};
        QCOMPARE(log.record(room, kNine).error().error, RecordError::SubjectsDoNotFitScope);

        auto one = candidateIncident(IncidentKind::ExplanationOrPronunciationAsked, ann(), "word");
        one.subjects.push_back(bo());
        QCOMPARE(log.record(one, kNine).error().error, RecordError::SubjectsDoNotFitScope);

        auto noSeat = candidateIncident(IncidentKind::Other, {"", "Ann Lee", "R0001"}, "x");
        QCOMPARE(log.record(noSeat, kNine).error().error, RecordError::MissingSeat);

        auto anonymous = roomIncident(IncidentKind::Other, "x");
        anonymous.recordedBy.clear();
        QCOMPARE(log.record(anonymous, kNine).error().error, RecordError::MissingRecorder);

        auto kioskRoom = roomIncident(IncidentKind::KioskFocusLoss, "focus");
        QCOMPARE(log.record(kioskRoom, kNine).error().error, RecordError::SubjectsDoNotFitScope);
        QCOMPARE(log.entries().size(), 1u);
    }

    void kioskIncidentsAreEntriesOfTheSameLog() {
        IncidentLog log(*db_, console_, "S1");
        const IncidentKind kioskKinds[] = {
            IncidentKind::KioskFocusLoss,      IncidentKind::KioskDeniedProgram,
            IncidentKind::KioskProblemReport,  IncidentKind::KioskEarlySubmission,
            IncidentKind::KioskCrashAndResume, IncidentKind::KioskMoved};
        for (const auto kind : kioskKinds) {
            QVERIFY(raisedAtKiosk(kind));
            auto incident = candidateIncident(kind, ann(), "from the kiosk");
            incident.recordedBy = "kiosk PC-01";
            QVERIFY(log.record(incident, kNine).ok());
        }
        QVERIFY(!raisedAtKiosk(IncidentKind::SuspectedMalpractice));
        const auto entries = log.entries();
        QCOMPARE(entries.size(), std::size(kioskKinds));
        for (std::size_t index = 0; index < entries.size(); ++index) {
            QCOMPARE(entries[index].incident.kind, kioskKinds[index]);
        }
        QVERIFY(log.verify().intact);
    }

    void eachSessionHasItsOwnChain() {
        IncidentLog first(*db_, console_, "S1");
        IncidentLog second(*db_, console_, "S2");
        QVERIFY(first.record(roomIncident(IncidentKind::RoomUsed, "a"), kNine).ok());
        QVERIFY(first.record(roomIncident(IncidentKind::RoomUsed, "b"), kNine).ok());
        const auto other = second.record(roomIncident(IncidentKind::RoomUsed, "c"), kNine);
        QCOMPARE(other.value().sequence, 0u);
        QVERIFY(first.verify().intact);
        QVERIFY(second.verify().intact);
    }

    void everyKindHasAStableCodeAndALabel() {
        for (const auto kind : kAllIncidentKinds) {
            QCOMPARE(incidentKindFromCode(codeOf(kind)), std::optional<IncidentKind>(kind));
            QVERIFY(!labelOf(kind).empty());
        }
        QVERIFY(!incidentKindFromCode("no-such-kind"));
    }

    void everyFailureIsDescribedForAPerson() {
        for (int error = 0; error <= static_cast<int>(RecordError::ExportFailed); ++error) {
            const auto text = describe(static_cast<RecordError>(error));
            QVERIFY(!text.empty());
            QVERIFY(text != "unknown record error");
        }
        const RecordFailure failure(RecordError::BrokenChain, 3);
        QCOMPARE(failure.detail, std::string(describe(RecordError::BrokenChain)));
    }

    void thePayloadIsCanonicalVersionedJson() {
        auto incident = candidateIncident(IncidentKind::SuspectedQuestionProblem, ann(), "odd");
        incident.question = QuestionReference{3, "A-1"};
        const auto payload = incidentPayload(incident, "S1");
        const QByteArray bytes(reinterpret_cast<const char*>(payload.data()),
                               static_cast<qsizetype>(payload.size()));
        const auto document = QJsonDocument::fromJson(bytes);
        QVERIFY(document.isObject());
        QCOMPARE(document.object().value("version").toInt(), kIncidentPayloadVersion);
        QCOMPARE(document.object().value("format").toString(), QString("vigil-incident"));
        QCOMPARE(document.toJson(QJsonDocument::Compact), bytes); // sorted keys, compact
        const auto decoded = decodeIncidentPayload(payload);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().incident, incident);
        QCOMPARE(decoded.value().sessionId, std::string("S1"));
    }
};

QTEST_GUILESS_MAIN(IncidentLogTest)
#include "tst_incident_log.moc"
