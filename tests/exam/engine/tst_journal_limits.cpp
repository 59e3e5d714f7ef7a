// A journal's numbers stay within what the timer can count: found by tests/fuzz's
// journal_event target, where a duration or an extra-time grant near 2^63 seconds replayed
// and then overflowed the milliseconds of the time allowed.

#include "engine_fixture.h"

#include <QTest>
#include <limits>

using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace std::chrono_literals;

namespace {

SittingErrorCode replayError(const std::vector<SittingEvent>& events) {
    try {
        (void)replay(events);
    } catch (const SittingError& error) {
        return error.code();
    }
    QTest::qFail("the journal replayed", __FILE__, __LINE__);
    return SittingErrorCode::InvalidArgument;
}

} // namespace

class JournalLimitsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = smallAssessment(4); // 600 s
    int counter_ = 0;

    std::string nextId() { return "limits" + std::to_string(++counter_); }

    // The events of a real sitting, started and granted 30 s of extra time.
    std::vector<SittingEvent> journal() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        startSitting(sitting);
        sitting.grantExtraTime(30s, "reader arrived late", "inv-1");
        return sitting.events();
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
    }

    void journalWithADurationBeyondADayIsCorrupt() {
        auto events = journal();
        QCOMPARE(replay(events).timeAllowedMs(), std::int64_t{630'000});
        for (const std::int64_t duration :
             {std::int64_t{9'000'000'000'000'000'000}, std::int64_t{24 * 3600 + 1}, std::int64_t{0},
              std::int64_t{-600}}) {
            auto header = *events.front().header;
            header.durationSeconds = duration;
            events.front().header = std::make_shared<const SittingHeader>(header);
            QVERIFY(replayError(events) == SittingErrorCode::CorruptJournal);
        }
    }

    void journalGrantingMoreThanADayOfExtraTimeDoesNotReplay() {
        auto events = journal();
        auto& grant = events.back();
        QCOMPARE(nameOf(grant.kind), nameOf(EventKind::ExtraTimeGranted));
        grant.number = std::numeric_limits<std::int64_t>::max() - 600;
        QVERIFY(replayError(events) == SittingErrorCode::InvalidArgument);
        grant.number = 24 * 3600 + 1;
        QVERIFY(replayError(events) == SittingErrorCode::InvalidArgument);
        grant.number = 24 * 3600;
        QCOMPARE(replay(events).timeAllowedMs(), std::int64_t{(600 + 24 * 3600) * 1000});
    }

    void grantingMoreThanADayOfExtraTimeIsRefusedAndNothingIsWritten() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        startSitting(sitting);
        const auto written = storedEventCount(*db_, sitting.id());
        QVERIFY_THROWS_EXCEPTION(
            SittingError,
            sitting.grantExtraTime(std::chrono::seconds(std::numeric_limits<std::int64_t>::max()),
                                   "typo", "inv-1"));
        QCOMPARE(storedEventCount(*db_, sitting.id()), written);
        QCOMPARE(sitting.timeLeft(), 600'000ms);
        sitting.grantExtraTime(24h, "a day is the most one grant gives", "inv-1");
        QCOMPARE(sitting.timeLeft(), 600'000ms + 24h);
    }
};

QTEST_GUILESS_MAIN(JournalLimitsTest)
#include "tst_journal_limits.moc"
