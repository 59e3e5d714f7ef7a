// The journal: replay equals the live state, export/import to another store, damaged
// journals are named, and the candidate's calls are validated before anything is written.

#include "engine_fixture.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace std::chrono_literals;

namespace {

Assessment mixedAssessment(NavigationMode mode = NavigationMode::Nonlinear) {
    auto assessment = smallAssessment(5, mode);
    auto& multiple = assessment.items[4];
    multiple.cardinality = Cardinality::Multiple;
    multiple.maxChoices = 2;
    multiple.correctResponse = {"A", "C"};
    return assessment;
}

SittingErrorCode errorOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const SittingError& e) {
        return e.code();
    }
    throw std::logic_error("no SittingError was thrown");
}

} // namespace

class SittingJournalTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = mixedAssessment();
    int counter_ = 0;

    std::string nextId() { return "j" + std::to_string(++counter_); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
    }

    void replayEqualsLiveState() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"B"});
        clock.advance(3s);
        sitting.answer("Q1", {"C"});
        sitting.answer("Q5", {"A", "C"});
        sitting.setFlag("Q2", true);
        sitting.setFlag("Q3", true);
        sitting.setFlag("Q3", false);
        sitting.goTo(3);
        sitting.answer("Q2", {"D"});
        sitting.answer("Q2", {}); // cleared
        sitting.grantExtraTime(30s, "reader arrived late", "inv-1");
        sitting.noteIncident("candidate asked for the pronunciation of 'caliper'", "inv-1");
        sitting.checkpoint();

        SittingJournal journal(*db_, id);
        const auto stored = journal.load();
        QVERIFY(stored == sitting.events());
        QVERIFY(replay(stored) == sitting.snapshot());
        const auto& snapshot = sitting.snapshot();
        QCOMPARE(snapshot.answers.size(), std::size_t(2));
        QCOMPARE(snapshot.answers.at("Q1"), std::vector<std::string>{"C"});
        QCOMPARE(snapshot.flagged, std::set<std::string>{"Q2"});
        QCOMPARE(snapshot.position, 3);
        QCOMPARE(snapshot.incidents, 2);
        QCOMPARE(sitting.unansweredCount(), 3);
        // Reloading yields the same state, plus the interruption.
        auto reloaded = Sitting::load(*db_, assessment_, id, clock, kioskKeys());
        auto expected = sitting.snapshot();
        QCOMPARE(reloaded.snapshot().answers, expected.answers);
        QCOMPARE(reloaded.snapshot().flagged, expected.flagged);
        QCOMPARE(reloaded.position(), 3);
        QCOMPARE(reloaded.snapshot().incidents, expected.incidents + 1);
    }

    void eventsRoundTripThroughCanonicalJson() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId(), 0xfedcba9876543210ULL),
                                       clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q5", {"C", "A"});
        for (const auto& event : sitting.events()) {
            const auto json = canonicalEventJson(event);
            QVERIFY(parseEventJson(json) == event);
            QCOMPARE(canonicalEventJson(parseEventJson(json)), json);
        }
        QCOMPARE(parseEventJson(canonicalEventJson(sitting.events().front())).header->seed,
                 0xfedcba9876543210ULL);
    }

    void exportAndImportToAnotherStore() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        clock.advance(120s);
        sitting.answer("Q1", {"A"});
        sitting.setFlag("Q4", true);
        sitting.goTo(2);
        const auto document = exportJournal(*db_, id);

        // The spare PC.
        QTemporaryDir spareDir;
        auto spare = openStore(spareDir, "spare.db");
        const auto spareKeys = vigil::crypto::generateSigningKeyPair();
        QCOMPARE(importJournal(spare, document, kioskKeys().publicKey, spareKeys), id);
        ManualClock spareClock;
        // The spare PC signs the imported journal's head with its own key from now on.
        auto moved = Sitting::load(spare, assessment_, id, spareClock, spareKeys);
        QCOMPARE(nameOf(moved.state()), nameOf(SittingState::Interrupted));
        QCOMPARE(moved.answerOf("Q1"), std::vector<std::string>{"A"});
        QVERIFY(moved.isFlagged("Q4"));
        QCOMPARE(moved.position(), 2);
        QCOMPARE(moved.timeLeft(), 480000ms);
        QVERIFY(moved.presentationOrder() == sitting.presentationOrder());
        moved.authoriseResume("inv-2");
        moved.answer("Q2", {"B"});

        QCOMPARE(errorOf([&] {
                     (void)importJournal(spare, document, kioskKeys().publicKey, spareKeys);
                 }),
                 SittingErrorCode::SittingExists);
    }

    void tamperedExportIsRefused() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"B"});
        auto document = exportJournal(*db_, id);
        std::string text(document.begin(), document.end());
        const auto at = text.find("\"choices\":[\"B\"]");
        QVERIFY(at != std::string::npos);
        text[at + 12] = 'A';
        QTemporaryDir spareDir;
        auto spare = openStore(spareDir, "spare.db");
        QCOMPARE(errorOf([&] {
                     (void)importJournal(spare, std::vector<std::uint8_t>(text.begin(), text.end()),
                                         kioskKeys().publicKey, kioskKeys());
                 }),
                 SittingErrorCode::CorruptJournal);
        QCOMPARE(errorOf([&] {
                     (void)importJournal(spare, std::vector<std::uint8_t>{'{'},
                                         kioskKeys().publicKey, kioskKeys());
                 }),
                 SittingErrorCode::CorruptJournal);
        QVERIFY(SittingJournal::list(spare).empty());
    }

    void damagedStoredJournalIsNamed() {
        ManualClock clock;
        const auto id = nextId();
        {
            auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
            startSitting(sitting);
        }
        auto remove =
            db_->prepare("DELETE FROM sitting_events WHERE sitting_id = ? AND sequence = 2");
        remove.bind(1, id);
        remove.run();
        QCOMPARE(errorOf([&] { (void)Sitting::load(*db_, assessment_, id, clock, kioskKeys()); }),
                 SittingErrorCode::CorruptJournal);
        QCOMPARE(
            errorOf([&] { (void)Sitting::load(*db_, assessment_, "nobody", clock, kioskKeys()); }),
            SittingErrorCode::SittingNotFound);
    }

    void duplicateSittingIdIsRefused() {
        ManualClock clock;
        const auto id = nextId();
        (void)Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        QCOMPARE(errorOf([&] {
                     (void)Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
                 }),
                 SittingErrorCode::SittingExists);
        auto setup = setupFor(nextId());
        setup.seat.clear();
        QCOMPARE(
            errorOf([&] { (void)Sitting::create(*db_, assessment_, setup, clock, kioskKeys()); }),
            SittingErrorCode::InvalidArgument);
    }

    void invalidAnswersWriteNothing() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        const auto before = storedEventCount(*db_, id);
        QCOMPARE(errorOf([&] { sitting.answer("Q9", {"A"}); }), SittingErrorCode::UnknownItem);
        QCOMPARE(errorOf([&] { sitting.answer("Q1", {"Z"}); }), SittingErrorCode::UnknownChoice);
        QCOMPARE(errorOf([&] {
                     sitting.answer("Q1", {"A", "B"});
                 }),
                 SittingErrorCode::TooManyChoices);
        QCOMPARE(errorOf([&] {
                     sitting.answer("Q5", {"A", "B", "C"});
                 }),
                 SittingErrorCode::TooManyChoices);
        QCOMPARE(errorOf([&] {
                     sitting.answer("Q5", {"A", "A"});
                 }),
                 SittingErrorCode::InvalidArgument);
        QCOMPARE(errorOf([&] { sitting.setFlag("Q9", true); }), SittingErrorCode::UnknownItem);
        QCOMPARE(errorOf([&] { sitting.goTo(5); }), SittingErrorCode::PositionOutOfRange);
        QCOMPARE(errorOf([&] { sitting.goTo(-1); }), SittingErrorCode::PositionOutOfRange);
        QCOMPARE(storedEventCount(*db_, id), before);
        QVERIFY(sitting.snapshot().answers.empty());
        sitting.answer("Q5", {"C", "A"});
        QCOMPARE(sitting.answerOf("Q5"), (std::vector<std::string>{"C", "A"}));
    }

    void linearAssessmentNeverGoesBack() {
        ManualClock clock;
        const auto linear = mixedAssessment(NavigationMode::Linear);
        auto setup = setupFor(nextId());
        auto sitting = Sitting::create(*db_, linear, setup, clock, kioskKeys());
        startSitting(sitting);
        const auto& order = sitting.presentationOrder();
        sitting.answer(order[0].itemId, {order[0].choiceOrder[0]});
        sitting.goTo(2);
        QCOMPARE(errorOf([&] { sitting.goTo(1); }), SittingErrorCode::NavigationNotAllowed);
        QCOMPARE(errorOf([&] { sitting.answer(order[0].itemId, {order[0].choiceOrder[1]}); }),
                 SittingErrorCode::NavigationNotAllowed);
        QCOMPARE(sitting.position(), 2);
        sitting.goTo(2); // staying is fine
        sitting.answer(order[3].itemId, {order[3].choiceOrder[0]});
    }

    void earlySubmissionNeedsTheUnansweredCount() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"A"});
        sitting.answer("Q2", {"A"});
        const auto before = storedEventCount(*db_, id);
        try {
            sitting.submit();
            QFAIL("submission with unanswered items was accepted without confirmation");
        } catch (const SittingError& e) {
            QCOMPARE(e.code(), SittingErrorCode::UnansweredNeedsConfirmation);
            QCOMPARE(e.unanswered(), 3);
            QCOMPARE(std::string(e.what()), std::string("3 questions are unanswered: "
                                                        "confirmation needed"));
        }
        QCOMPARE(errorOf([&] { sitting.submit(2); }),
                 SittingErrorCode::UnansweredNeedsConfirmation);
        QCOMPARE(storedEventCount(*db_, id), before);
        QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::InProgress));

        sitting.submit(3);
        const auto& events = sitting.events();
        QCOMPARE(nameOf(events[events.size() - 2].kind),
                 nameOf(EventKind::EarlySubmissionConfirmed));
        QCOMPARE(events[events.size() - 2].number, 3);
        QCOMPARE(nameOf(events.back().kind), nameOf(EventKind::Submitted));
        QCOMPARE(sitting.snapshot().incidents, 1);
    }

    void fullyAnsweredSubmitsWithoutConfirmation() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        startSitting(sitting);
        for (const auto& item : sitting.presentationOrder()) {
            sitting.answer(item.itemId, {"A"});
        }
        sitting.submit();
        QCOMPARE(nameOf(sitting.events().back().kind), nameOf(EventKind::Submitted));
        QCOMPARE(sitting.snapshot().incidents, 0);
    }

    void reviewedIncidentsLeaveOnlyLaterOnesPending() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        sitting.noteIncident("lockdown: focus lost", "kiosk");
        sitting.answer("Q1", {"A"});
        sitting.noteIncident("problem reported with question 1", "candidate");
        QCOMPARE(unreviewedIncidents(sitting.events()).size(), std::size_t(2));
        QCOMPARE(unreviewedIncidents(sitting.events()).front().text,
                 std::string("lockdown: focus lost"));

        sitting.reviewIncidents("inv-1");
        QVERIFY(unreviewedIncidents(sitting.events()).empty());
        QCOMPARE(sitting.snapshot().reviewedThrough, sitting.snapshot().lastSequence - 1);
        sitting.noteIncident("lockdown: second display", "kiosk");
        const auto pending = unreviewedIncidents(sitting.events());
        QCOMPARE(pending.size(), std::size_t(1));
        QCOMPARE(pending.front().text, std::string("lockdown: second display"));

        // The review survives a restart: replay gives the same pending list.
        ManualClock later;
        auto reloaded = Sitting::load(*db_, assessment_, id, later, kioskKeys());
        QCOMPARE(unreviewedIncidents(reloaded.events()).size(), std::size_t(1));
        QCOMPARE(reloaded.snapshot().reviewedThrough, sitting.snapshot().reviewedThrough);
        QCOMPARE(errorOf([&] { reloaded.reviewIncidents(""); }), SittingErrorCode::InvalidArgument);
    }

    void reviewBeyondTheJournalIsDamage() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        auto snapshot = replay(sitting.events());
        SittingEvent forged;
        forged.sequence = snapshot.lastSequence + 1;
        forged.kind = EventKind::IncidentsReviewed;
        forged.actor = "inv-1";
        forged.number = snapshot.lastSequence + 5;
        QCOMPARE(errorOf([&] { checkEvent(snapshot, forged); }), SittingErrorCode::CorruptJournal);
        forged.number = snapshot.lastSequence;
        checkEvent(snapshot, forged);
        QCOMPARE(parseEventJson(canonicalEventJson(forged)), forged);
    }

    void loadFromReadsTheEventsFromASequenceOn() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        for (int i = 0; i < 20; ++i) {
            sitting.answer("Q1", {i % 2 == 0 ? "A" : "B"});
        }
        const auto& all = sitting.events();
        const auto count = std::int64_t(all.size());
        SittingJournal journal(*db_, id);
        const auto tail = journal.loadFrom(count - 5);
        QCOMPARE(tail.size(), std::size_t(5));
        QVERIFY(std::equal(tail.begin(), tail.end(), all.end() - 5));
        const auto window = journal.loadFrom(3, 4);
        QCOMPARE(window.size(), std::size_t(4));
        QCOMPARE(window.front().sequence, std::int64_t(3));
        QVERIFY(std::equal(window.begin(), window.end(), all.begin() + 3));
        QVERIFY(journal.loadFrom(count).empty());
        QVERIFY(journal.loadFrom(0) == all);
        // The summary says how many events there are without reading them.
        const auto summaries = SittingJournal::list(*db_);
        const auto found = std::find_if(summaries.begin(), summaries.end(),
                                        [&](const auto& s) { return s.sittingId == id; });
        QVERIFY(found != summaries.end());
        QCOMPARE(found->eventCount, count);
    }

    void listShowsEverySitting() {
        const auto summaries = SittingJournal::list(*db_);
        QVERIFY(summaries.size() >= 5);
        for (const auto& summary : summaries) {
            QCOMPARE(summary.candidateRegistration, std::string("REG-0001"));
            QCOMPARE(summary.assessmentId, std::string("MOT-G2-TEST"));
        }
    }
};

QTEST_GUILESS_MAIN(SittingJournalTest)
#include "tst_sitting_journal.moc"
