// The timer: only InProgress time counts, on the monotonic clock; checkpoints bound the loss
// after a kill; extra time; automatic submission at zero.

#include "engine_fixture.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace std::chrono_literals;

class SittingTimerTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = smallAssessment(4); // 600 s
    int counter_ = 0;

    std::string nextId() { return "t" + std::to_string(++counter_); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
    }

    void timeRunsOnlyInProgress() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        sitting.verifyInvigilator("inv-1");
        clock.advance(100s);
        sitting.confirmCandidate("inv-1");
        clock.advance(100s);
        QCOMPARE(sitting.timeUsed(), 0ms);
        sitting.start();
        clock.advance(60s);
        QCOMPARE(sitting.timeUsed(), 60000ms);
        QCOMPARE(sitting.timeLeft(), 540000ms);
        sitting.pause("fire alarm", "inv-1");
        clock.advance(300s);
        QCOMPARE(sitting.timeUsed(), 60000ms);
        QVERIFY(!sitting.tick());
        sitting.resume("inv-1");
        clock.advance(10s);
        QCOMPARE(sitting.timeUsed(), 70000ms);
    }

    void wallClockChangesAreIgnored() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        startSitting(sitting);
        const auto startedWall = clock.wallNowMs();
        clock.advance(20s);
        clock.setWall(startedWall - 86'400'000); // the PC's clock jumps back a day
        QCOMPARE(sitting.timeUsed(), 20000ms);
        clock.setWall(startedWall + 7 * 86'400'000); // and a week forward
        QCOMPARE(sitting.timeUsed(), 20000ms);
        QVERIFY(!sitting.tick());
        QCOMPARE(sitting.snapshot().startedWallMs, std::optional(startedWall));
    }

    void restartCostsAtMostTheTimeSinceTheLastCheckpoint() {
        const auto id = nextId();
        {
            ManualClock clock;
            clock.setMonotonic(5'000'000ms);
            auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
            startSitting(sitting);
            clock.advance(30s);
            sitting.checkpoint();
            clock.advance(4s); // then kill -9: nothing more is written
            QCOMPARE(sitting.timeUsed(), 34000ms);
        }
        ManualClock afterReboot; // monotonic time starts again from zero
        auto sitting = Sitting::load(*db_, assessment_, id, afterReboot, kioskKeys());
        QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::Interrupted));
        QCOMPARE(sitting.timeUsed(), 30000ms); // the 4 s are given back
        afterReboot.advance(1000s);            // waiting for the invigilator costs nothing
        QCOMPARE(sitting.timeUsed(), 30000ms);
        QVERIFY(!sitting.tick());
        sitting.authoriseResume("inv-2");
        afterReboot.advance(5s);
        QCOMPARE(sitting.timeUsed(), 35000ms);
        QCOMPARE(sitting.timeLeft(), 565000ms);
    }

    void everyEventCarriesTheTimeUsed() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        startSitting(sitting);
        clock.advance(7s);
        sitting.answer("Q1", {"A"});
        QCOMPARE(sitting.events().back().timeUsedMs, 7000);
        clock.advance(3s);
        sitting.setFlag("Q2", true);
        QCOMPARE(sitting.events().back().timeUsedMs, 10000);
    }

    void checkpointOutsideInProgressWritesNothing() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        const auto before = sitting.events().size();
        sitting.checkpoint();
        QCOMPARE(sitting.events().size(), before);
    }

    void extraTimeExtendsTheAllowance() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        sitting.grantExtraTime(60s, "access arrangement: 10% extra", "coord-1");
        startSitting(sitting);
        clock.advance(100s);
        sitting.grantExtraTime(120s, "fire alarm evacuation", "inv-1");
        QCOMPARE(sitting.timeAllowed(), 780000ms);
        QCOMPARE(sitting.timeLeft(), 680000ms);
        QCOMPARE(sitting.snapshot().extraTimeSeconds, 180);
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting.grantExtraTime(0s, "none", "inv-1"));
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting.grantExtraTime(10s, "", "inv-1"));
        clock.advance(679s);
        QVERIFY(!sitting.tick());
        clock.advance(1s);
        QVERIFY(sitting.tick());
        QCOMPARE(sitting.snapshot().timeUsedMs, 780000);
    }

    void reachingZeroSubmitsAsTimedOut() {
        ManualClock clock;
        const auto id = nextId();
        auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"B"});
        clock.advance(599'999ms);
        QVERIFY(!sitting.tick());
        QCOMPARE(sitting.timeLeft(), 1ms);
        clock.advance(1ms);
        QVERIFY(sitting.tick());
        QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::Submitted));
        QVERIFY(sitting.snapshot().timedOut);
        QCOMPARE(sitting.timeLeft(), 0ms);
        QCOMPARE(nameOf(sitting.events().back().kind), nameOf(EventKind::TimedOut));
        QVERIFY(!sitting.tick()); // only once
        // On disk too.
        auto reloaded = Sitting::load(*db_, assessment_, id, clock, kioskKeys());
        QCOMPARE(nameOf(reloaded.state()), nameOf(SittingState::Submitted));
        QCOMPARE(reloaded.answerOf("Q1"), std::vector<std::string>{"B"});
    }

    void answerAfterTheTimeIsUpIsRefusedAndSubmits() {
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(nextId()), clock, kioskKeys());
        startSitting(sitting);
        clock.advance(650s); // the app did not tick in time
        try {
            sitting.answer("Q1", {"A"});
            QFAIL("an answer after the time was up was accepted");
        } catch (const SittingError& e) {
            QCOMPARE(e.code(), SittingErrorCode::TimeUp);
        }
        QVERIFY(sitting.answerOf("Q1").empty());
        QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::Submitted));
        QCOMPARE(sitting.snapshot().timeUsedMs, 600000); // exactly the allowance
    }

    void timeUsedSurvivesPauseAndRestart() {
        const auto id = nextId();
        {
            ManualClock clock;
            auto sitting = Sitting::create(*db_, assessment_, setupFor(id), clock, kioskKeys());
            startSitting(sitting);
            clock.advance(45s);
            sitting.pause("candidate unwell", "inv-1");
            clock.advance(600s);
        }
        ManualClock clock;
        auto sitting = Sitting::load(*db_, assessment_, id, clock, kioskKeys());
        QCOMPARE(sitting.timeUsed(), 45000ms);
        sitting.authoriseResume("inv-1");
        clock.advance(555s);
        QVERIFY(sitting.tick());
    }
};

QTEST_GUILESS_MAIN(SittingTimerTest)
#include "tst_sitting_timer.moc"
