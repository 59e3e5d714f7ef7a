// The journal as a signed hash chain, attacked through the store by someone who holds the store
// key but not the kiosk key: an answer, the time used or extra time edited or inserted with SQL,
// events deleted from the end, the whole chain rebuilt: every one is refused on load as a
// damaged journal naming the event, and nothing is written. A journal whose last append
// completed loads; export carries the signed head and import checks it.

#include "engine_fixture.h"
#include "vigil/exam/sitting_journal_chain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
namespace crypto = vigil::crypto;
using namespace std::chrono_literals;

namespace {

QString nameOf(JournalLinkError error) {
    return QString::fromLatin1(describe(error).data(),
                               static_cast<qsizetype>(describe(error).size()));
}

// The refusal a call throws; none when it succeeds (the tests then fail on has_value()).
std::optional<SittingError> refusalOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const SittingError& e) {
        return e;
    }
    return std::nullopt;
}

std::string storedEvent(vigil::store::Database& db, const std::string& id, std::int64_t sequence) {
    auto query =
        db.prepare("SELECT event FROM sitting_events WHERE sitting_id = ? AND sequence = ?");
    query.bind(1, id).bind(2, sequence);
    if (!query.step()) {
        throw std::logic_error("no such event");
    }
    return query.text(0);
}

void storeEvent(vigil::store::Database& db, const std::string& id, std::int64_t sequence,
                const std::string& json) {
    auto update =
        db.prepare("UPDATE sitting_events SET event = ? WHERE sitting_id = ? AND sequence = ?");
    update.bind(1, json).bind(2, id).bind(3, sequence);
    update.run();
}

void insertEvent(vigil::store::Database& db, const std::string& id, const SittingEvent& event) {
    auto insert =
        db.prepare("INSERT INTO sitting_events (sitting_id, sequence, kind, time_used_ms, wall_ms, "
                   "event) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, id)
        .bind(2, event.sequence)
        .bind(3, toString(event.kind))
        .bind(4, event.timeUsedMs)
        .bind(5, event.wallMs)
        .bind(6, canonicalEventJson(event));
    insert.run();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) {
        throw std::logic_error("'" + from + "' is not in " + text);
    }
    return text.replace(at, from.size(), to);
}

QJsonObject documentObject(const std::vector<std::uint8_t>& document) {
    return QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(document.data()),
                                              static_cast<qsizetype>(document.size())))
        .object();
}

std::vector<std::uint8_t> documentBytes(const QJsonObject& object) {
    const auto json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {json.begin(), json.end()};
}

} // namespace

class SittingJournalChainTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = smallAssessment(4);
    int counter_ = 0;

    std::string nextId() { return "chain" + std::to_string(++counter_); }

    // A sitting in progress: Created, verified, confirmed, Started (3), an answer B to Q1 (4),
    // a checkpoint at 60 s (5), an answer C to Q2 (6), a checkpoint at 90 s (7).
    std::string sittingInProgress() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"B"});
        clock.advance(60s);
        sitting.checkpoint();
        sitting.answer("Q2", {"C"});
        clock.advance(30s);
        sitting.checkpoint();
        return id;
    }

    // Loading is refused as a damaged journal that names `sequence`; nothing is written.
    void expectDamaged(const std::string& id, JournalLinkError link, std::int64_t sequence) {
        const auto before = storedEventCount(*db_, id);
        ManualClock clock;
        const auto error =
            refusalOf([&] { (void)Sitting::load(*db_, assessment_, id, clock, kioskKeys()); });
        QVERIFY2(error.has_value(), "it was accepted");
        QCOMPARE(error->code(), SittingErrorCode::CorruptJournal);
        QVERIFY(error->link().has_value());
        QCOMPARE(nameOf(*error->link()), nameOf(link));
        const std::string text = error->what();
        QVERIFY2(text.find("event " + std::to_string(sequence)) != std::string::npos, text.c_str());
        QCOMPARE(storedEventCount(*db_, id), before);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
    }

    void anUntouchedJournalLoads() {
        const auto id = sittingInProgress();
        ManualClock clock;
        auto sitting = Sitting::load(*db_, assessment_, id, clock, kioskKeys());
        QCOMPARE(sitting.answerOf("Q1"), std::vector<std::string>{"B"});
        QCOMPARE(sitting.timeUsed(), 90000ms);
    }

    void anAnswerChangedWithSqlIsRefused() {
        const auto id = sittingInProgress();
        storeEvent(
            *db_, id, 4,
            replaced(storedEvent(*db_, id, 4), "\"choices\":[\"B\"]", "\"choices\":[\"A\"]"));
        expectDamaged(id, JournalLinkError::BrokenLink, 4);
    }

    void theLastAnswerChangedWithSqlIsRefused() {
        ManualClock clock;
        const auto id = nextId();
        {
            auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
            startSitting(sitting);
            sitting.answer("Q1", {"B"});
        }
        storeEvent(
            *db_, id, 4,
            replaced(storedEvent(*db_, id, 4), "\"choices\":[\"B\"]", "\"choices\":[\"A\"]"));
        expectDamaged(id, JournalLinkError::HeadMismatch, 4);
    }

    void moreTimeUsedWithSqlIsRefused() {
        // Lowering the time used would give the candidate time back; raising it times them
        // out: either way the checkpoint is not what was signed.
        const auto id = sittingInProgress();
        storeEvent(*db_, id, 7,
                   replaced(storedEvent(*db_, id, 7), "\"used\":90000", "\"used\":30000"));
        expectDamaged(id, JournalLinkError::HeadMismatch, 7);
        storeEvent(*db_, id, 7,
                   replaced(storedEvent(*db_, id, 7), "\"used\":30000", "\"used\":900000"));
        expectDamaged(id, JournalLinkError::HeadMismatch, 7);
        storeEvent(*db_, id, 5,
                   replaced(storedEvent(*db_, id, 5), "\"used\":60000", "\"used\":10"));
        expectDamaged(id, JournalLinkError::BrokenLink, 5);
    }

    void extraTimeInsertedWithSqlIsRefused() {
        // At the next sequence, linked to the last event as the kiosk would have linked it.
        const auto id = sittingInProgress();
        const auto events = SittingJournal(*db_, id).load();
        SittingEvent extra;
        extra.sequence = events.back().sequence + 1;
        extra.kind = EventKind::ExtraTimeGranted;
        extra.timeUsedMs = events.back().timeUsedMs;
        extra.wallMs = events.back().wallMs;
        extra.number = 3600;
        extra.text = "access arrangement";
        extra.actor = "inv-1";
        extra.previousHash = chainHashOf(events.back());
        insertEvent(*db_, id, extra);
        expectDamaged(id, JournalLinkError::HeadMismatch, 8);
    }

    void extraTimeSlippedInBeforeAnEventIsRefused() {
        // Event 7 moved up to 8 and extra time put at 7.
        const auto id = sittingInProgress();
        auto events = SittingJournal(*db_, id).load();
        auto moved = events[7];
        moved.sequence = 8;
        auto remove =
            db_->prepare("DELETE FROM sitting_events WHERE sitting_id = ? AND sequence = 7");
        remove.bind(1, id);
        remove.run();
        SittingEvent extra;
        extra.sequence = 7;
        extra.kind = EventKind::ExtraTimeGranted;
        extra.timeUsedMs = events[6].timeUsedMs;
        extra.number = 3600;
        extra.text = "access arrangement";
        extra.actor = "inv-1";
        extra.previousHash = chainHashOf(events[6]);
        insertEvent(*db_, id, extra);
        insertEvent(*db_, id, moved);
        expectDamaged(id, JournalLinkError::BrokenLink, 7);
    }

    void deletedLastEventsAreRefused() {
        const auto id = sittingInProgress();
        auto remove =
            db_->prepare("DELETE FROM sitting_events WHERE sitting_id = ? AND sequence >= 6");
        remove.bind(1, id);
        remove.run();
        expectDamaged(id, JournalLinkError::HeadMismatch, 6);
    }

    void aDeletedEventInsideIsRefused() {
        const auto id = sittingInProgress();
        auto remove =
            db_->prepare("DELETE FROM sitting_events WHERE sitting_id = ? AND sequence = 4");
        remove.bind(1, id);
        remove.run();
        expectDamaged(id, JournalLinkError::Gap, 4);
    }

    void aRebuiltChainWithoutTheKioskKeyIsRefused() {
        // The whole chain recomputed after an edit, and the stored head moved to match: only
        // the kiosk's signature is missing.
        const auto id = sittingInProgress();
        auto events = SittingJournal(*db_, id).load();
        events[4].choiceIds = {"A"};
        for (std::size_t i = 4; i < events.size(); ++i) {
            events[i].previousHash = chainHashOf(events[i - 1]);
            storeEvent(*db_, id, events[i].sequence, canonicalEventJson(events[i]));
        }
        auto update = db_->prepare("UPDATE sittings SET head_hash = ? WHERE sitting_id = ?");
        const auto head = chainHashOf(events.back());
        update.bindBlob(1, head).bind(2, id);
        update.run();
        expectDamaged(id, JournalLinkError::BadSignature, 7);
        // Signed by a key of the attacker's own, named as the signer: not the kiosk's key.
        const auto stranger = crypto::generateSigningKeyPair();
        const auto forged = signJournalHead(id, {7, head}, stranger);
        auto resign = db_->prepare(
            "UPDATE sittings SET head_signer = ?, head_signature = ? WHERE sitting_id = ?");
        resign.bindBlob(1, forged.signer).bindBlob(2, forged.signature).bind(3, id);
        resign.run();
        expectDamaged(id, JournalLinkError::WrongSigner, 7);
    }

    void anotherKiosksKeyCannotLoadTheSitting() {
        const auto id = sittingInProgress();
        ManualClock clock;
        const auto other = crypto::generateSigningKeyPair();
        const auto error =
            refusalOf([&] { (void)Sitting::load(*db_, assessment_, id, clock, other); });
        QVERIFY2(error.has_value(), "it was accepted");
        QCOMPARE(error->code(), SittingErrorCode::CorruptJournal);
        QCOMPARE(nameOf(*error->link()), nameOf(JournalLinkError::WrongSigner));
    }

    void aJournalWithoutASignedHeadIsRefused() {
        const auto id = sittingInProgress();
        db_->exec("UPDATE sittings SET head_sequence = NULL, head_hash = NULL, head_signer = NULL, "
                  "head_signature = NULL WHERE sitting_id = '" +
                  id + "'");
        ManualClock clock;
        const auto error =
            refusalOf([&] { (void)Sitting::load(*db_, assessment_, id, clock, kioskKeys()); });
        QVERIFY2(error.has_value(), "it was accepted");
        QCOMPARE(error->code(), SittingErrorCode::CorruptJournal);
        QVERIFY(std::string(error->what()).find("signed head") != std::string::npos);
    }

    void everyAppendLeavesTheStoreSignedAtItsLastEvent() {
        // What makes kill -9 harmless: there is never an unsigned tail, whichever call was the
        // last to complete (tst_sitting_crash kills a real process 200 times).
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        const auto signedAtLastEvent = [&] {
            SittingJournal journal(*db_, id);
            const auto events = journal.loadVerified(kioskKeys().publicKey);
            const auto head = journal.signedHead();
            return head && head->head == sitting.journalHead() &&
                   head->head.sequence == events.back().sequence &&
                   events.size() == sitting.events().size();
        };
        QVERIFY(signedAtLastEvent());
        startSitting(sitting);
        QVERIFY(signedAtLastEvent());
        sitting.answer("Q1", {"A"});
        QVERIFY(signedAtLastEvent());
        clock.advance(5s);
        sitting.checkpoint();
        QVERIFY(signedAtLastEvent());
        sitting.submit(3); // two events in one transaction
        QVERIFY(signedAtLastEvent());
        (void)sitting.issueResult(crypto::generateBoxKeyPair().publicKey);
        QVERIFY(signedAtLastEvent());
        auto reloaded = Sitting::load(*db_, assessment_, id, clock, kioskKeys());
        QCOMPARE(nameOf(reloaded.state()), nameOf(SittingState::Resulted));
    }

    void theChainStartsFromTheSittingsOwnGenesis() {
        // Events of one sitting cannot be passed off as another's.
        const auto id = sittingInProgress();
        const auto events = SittingJournal(*db_, id).load();
        QCOMPARE(events.front().previousHash, journalGenesisHash(id));
        QVERIFY(journalGenesisHash(id) != journalGenesisHash(id + "x"));
        for (std::size_t i = 1; i < events.size(); ++i) {
            QCOMPARE(events[i].previousHash, chainHashOf(events[i - 1]));
        }
        // The link is part of the canonical bytes.
        QVERIFY(canonicalEventJson(events[3]).find(crypto::toHex(events[3].previousHash)) !=
                std::string::npos);
    }

    void exportCarriesTheSignedHeadAndImportChecksIt() {
        const auto id = sittingInProgress();
        const auto document = exportJournal(*db_, id);
        const auto object = documentObject(document);
        const auto head = object.value("head").toObject();
        QCOMPARE(head.value("sequence").toInteger(), qint64(7));
        QCOMPARE(head.value("signer").toString().toStdString(),
                 crypto::toHex(kioskKeys().publicKey));

        QTemporaryDir spareDir;
        auto spare = openStore(spareDir, "spare.db");
        const auto spareKeys = crypto::generateSigningKeyPair();
        const auto importInto = [&](vigil::store::Database& db,
                                    const std::vector<std::uint8_t>& bytes,
                                    const crypto::SigningPublicKey& trusted) {
            return refusalOf([&] { (void)importJournal(db, bytes, trusted, spareKeys); });
        };
        const auto expectRefused = [&](const std::vector<std::uint8_t>& bytes,
                                       JournalLinkError link) {
            const auto error = importInto(spare, bytes, kioskKeys().publicKey);
            QVERIFY2(error.has_value(), "it was accepted");
            QCOMPARE(error->code(), SittingErrorCode::CorruptJournal);
            QVERIFY(error->link().has_value());
            QCOMPARE(nameOf(*error->link()), nameOf(link));
        };

        // An answer changed.
        {
            auto text = std::string(document.begin(), document.end());
            text = replaced(text, "\"choices\":[\"B\"]", "\"choices\":[\"A\"]");
            expectRefused({text.begin(), text.end()}, JournalLinkError::BrokenLink);
        }
        // An event taken out of the middle.
        {
            auto edited = object;
            auto events = edited.value("events").toArray();
            events.removeAt(4);
            edited.insert("events", events);
            expectRefused(documentBytes(edited), JournalLinkError::Gap);
        }
        // The last events taken off.
        {
            auto edited = object;
            auto events = edited.value("events").toArray();
            events.removeLast();
            edited.insert("events", events);
            expectRefused(documentBytes(edited), JournalLinkError::HeadMismatch);
        }
        // The head's signature altered.
        {
            auto edited = object;
            auto signedHead = head;
            auto signature = signedHead.value("signature").toString();
            signature[0] = signature[0] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
            signedHead.insert("signature", signature);
            edited.insert("head", signedHead);
            expectRefused(documentBytes(edited), JournalLinkError::BadSignature);
        }
        // Signed by a kiosk the importer does not trust.
        {
            const auto error =
                importInto(spare, document, crypto::generateSigningKeyPair().publicKey);
            QVERIFY2(error.has_value(), "it was accepted");
            QCOMPARE(nameOf(*error->link()), nameOf(JournalLinkError::WrongSigner));
        }
        QVERIFY(SittingJournal::list(spare).empty()); // nothing was stored

        // The round trip, then a fork: the same sitting with a different event 7.
        QCOMPARE(importJournal(spare, document, kioskKeys().publicKey, spareKeys), id);
        auto events = SittingJournal(*db_, id).load();
        events.back().timeUsedMs += 1000;
        auto forked = object;
        auto forkedEvents = forked.value("events").toArray();
        forkedEvents.replace(
            7, QJsonDocument::fromJson(QByteArray::fromStdString(canonicalEventJson(events.back())))
                   .object());
        forked.insert("events", forkedEvents);
        auto forkedHead = head;
        const auto signedFork = signJournalHead(id, {7, chainHashOf(events.back())}, kioskKeys());
        forkedHead.insert("hash", QString::fromStdString(crypto::toHex(signedFork.head.hash)));
        forkedHead.insert("signature", QString::fromStdString(crypto::toHex(signedFork.signature)));
        forked.insert("head", forkedHead);
        const auto fork = importInto(spare, documentBytes(forked), kioskKeys().publicKey);
        QVERIFY2(fork.has_value(), "it was accepted");
        QCOMPARE(fork->code(), SittingErrorCode::SittingExists);
        QCOMPARE(nameOf(*fork->link()), nameOf(JournalLinkError::Fork));
        QVERIFY(std::string(fork->what()).find("event 7") != std::string::npos);
        // The same document again: already there, no fork.
        const auto again = importInto(spare, document, kioskKeys().publicKey);
        QVERIFY2(again.has_value(), "it was accepted");
        QCOMPARE(again->code(), SittingErrorCode::SittingExists);
        QVERIFY(!again->link().has_value());
        // The imported sitting is signed by the spare PC from now on.
        ManualClock clock;
        auto moved = Sitting::load(spare, assessment_, id, clock, spareKeys);
        QCOMPARE(moved.answerOf("Q2"), std::vector<std::string>{"C"});
        QCOMPARE(SittingJournal(spare, id).signedHead()->signer, spareKeys.publicKey);
    }
};

QTEST_GUILESS_MAIN(SittingJournalChainTest)
#include "tst_sitting_journal_chain.moc"
