#include "vigil/crypto/login_throttle.h"

#include <QTest>
#include <limits>
#include <map>

using namespace vigil::crypto;
using std::chrono::milliseconds;
using std::chrono::minutes;

namespace {

// The store's ThrottleTable stands behind this interface in the apps; here, a map.
class InMemoryThrottleStorage final : public ThrottleStorage {
public:
    std::optional<ThrottleRecord> load(const std::string& subject) override {
        const auto found = records.find(subject);
        if (found == records.end()) {
            return std::nullopt;
        }
        return found->second;
    }
    void save(const std::string& subject, const ThrottleRecord& record) override {
        records[subject] = record;
    }
    void erase(const std::string& subject) override { records.erase(subject); }

    std::map<std::string, ThrottleRecord> records;
};

constexpr std::int64_t kStart = 1'700'000'000'000; // a wall-clock time in ms
const std::string kPin = "pin:invigilator-17";

ThrottlePolicy smallPolicy() {
    ThrottlePolicy policy;
    policy.baseDelay = milliseconds(1000);
    policy.maxDelay = milliseconds(8000);
    policy.freeAttempts = 2;
    policy.lockAfter = 8;
    return policy;
}

} // namespace

class TestLoginThrottle : public QObject {
    Q_OBJECT

private slots:
    void delayAfterFailures_data() {
        QTest::addColumn<quint32>("failures");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("none") << 0u << qint64{0};
        QTest::newRow("1st failure is free") << 1u << qint64{0};
        QTest::newRow("2nd failure is free") << 2u << qint64{0};
        QTest::newRow("3rd: base") << 3u << qint64{1000};
        QTest::newRow("4th: doubled") << 4u << qint64{2000};
        QTest::newRow("5th: doubled again") << 5u << qint64{4000};
        QTest::newRow("6th: reaches the cap") << 6u << qint64{8000};
        QTest::newRow("7th: stays at the cap") << 7u << qint64{8000};
        QTest::newRow("huge count: cap, no overflow")
            << std::numeric_limits<quint32>::max() << qint64{8000};
    }
    void delayAfterFailures() {
        QFETCH(quint32, failures);
        QFETCH(qint64, expectedMs);
        QCOMPARE(throttleDelayAfter(failures, smallPolicy()).count(), expectedMs);
    }

    void defaultPolicyDoublesFromOneSecondUpToFiveMinutes() {
        const ThrottlePolicy policy;
        QCOMPARE(throttleDelayAfter(2, policy), milliseconds(0));
        QCOMPARE(throttleDelayAfter(3, policy), milliseconds(1000));
        QCOMPARE(throttleDelayAfter(9, policy), milliseconds(64'000));
        ThrottlePolicy neverLocks = policy;
        neverLocks.lockAfter = 0;
        QCOMPARE(throttleDelayAfter(11, neverLocks), milliseconds(256'000));
        QCOMPARE(throttleDelayAfter(12, neverLocks), milliseconds(minutes(5)));
        QCOMPARE(throttleDelayAfter(1000, neverLocks), milliseconds(minutes(5)));
    }

    // Right after the n-th failure, what does check() say?
    void decisionAfterEachFailure_data() {
        QTest::addColumn<int>("failures");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<bool>("locked");
        QTest::addColumn<qint64>("retryAfterMs");
        QTest::newRow("1") << 1 << true << false << qint64{0};
        QTest::newRow("2") << 2 << true << false << qint64{0};
        QTest::newRow("3") << 3 << false << false << qint64{1000};
        QTest::newRow("4") << 4 << false << false << qint64{2000};
        QTest::newRow("5") << 5 << false << false << qint64{4000};
        QTest::newRow("6") << 6 << false << false << qint64{8000};
        QTest::newRow("7") << 7 << false << false << qint64{8000};
        QTest::newRow("8 locks") << 8 << false << true << qint64{0};
        QTest::newRow("9 stays locked") << 9 << false << true << qint64{0};
    }
    void decisionAfterEachFailure() {
        QFETCH(int, failures);
        QFETCH(bool, allowed);
        QFETCH(bool, locked);
        QFETCH(qint64, retryAfterMs);
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        std::int64_t now = kStart;
        for (int i = 0; i < failures; ++i) {
            now += 60'000; // each attempt after the previous wait has passed
            QVERIFY(throttle.check(kPin, now).allowed || i >= 8);
            throttle.recordFailure(kPin, now);
        }
        const ThrottleDecision decision = throttle.check(kPin, now);
        QCOMPARE(decision.allowed, allowed);
        QCOMPARE(decision.locked, locked);
        QCOMPARE(decision.retryAfter.count(), retryAfterMs);
        QCOMPARE(storage.records.at(kPin).failures, static_cast<std::uint32_t>(failures));
    }

    void theWaitCountsDownFromTheLastFailure() {
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        for (int i = 0; i < 4; ++i) {
            throttle.recordFailure(kPin, kStart);
        }
        QCOMPARE(throttle.check(kPin, kStart + 1500).retryAfter, milliseconds(500));
        QCOMPARE(throttle.check(kPin, kStart + 1999).retryAfter, milliseconds(1));
        QVERIFY(!throttle.check(kPin, kStart + 1999).allowed);
        QVERIFY(throttle.check(kPin, kStart + 2000).allowed);
        QCOMPARE(throttle.check(kPin, kStart + 2000).retryAfter, milliseconds(0));
    }

    void aClockSetBackADayNeverStretchesTheWait() {
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        for (int i = 0; i < 4; ++i) {
            throttle.recordFailure(kPin, kStart);
        }
        const std::int64_t aDayEarlier = kStart - 24LL * 3'600'000;
        const ThrottleDecision decision = throttle.check(kPin, aDayEarlier);
        QVERIFY(!decision.allowed);
        QCOMPARE(decision.retryAfter, milliseconds(2000)); // the 4th failure's delay, no more
        QCOMPARE(throttle.check(kPin, aDayEarlier + 1500).retryAfter, milliseconds(500));
        QVERIFY(throttle.check(kPin, aDayEarlier + 2000).allowed);
        // and it holds across a restart: the moved failure time is in the storage
        LoginThrottle restarted(storage, smallPolicy());
        QVERIFY(restarted.check(kPin, aDayEarlier + 2000).allowed);
    }

    void aLockRecordedForASubjectThatNeverLocksIsBackOffOnly() {
        // What an older build left for a seat: locked after 10 failures.
        InMemoryThrottleStorage storage;
        storage.records["seat:PC07"] = ThrottleRecord{10, kStart, true};
        ThrottlePolicy seatPolicy = smallPolicy();
        seatPolicy.lockAfter = 0;
        LoginThrottle seat(storage, seatPolicy);
        const ThrottleDecision decision = seat.check("seat:PC07", kStart);
        QVERIFY(!decision.locked);
        QCOMPARE(decision.retryAfter, milliseconds(8000));
        QVERIFY(seat.check("seat:PC07", kStart + 8000).allowed);
        seat.recordFailure("seat:PC07", kStart + 8000);
        QVERIFY(!storage.records.at("seat:PC07").locked);
        seat.recordSuccess("seat:PC07");
        QVERIFY(storage.records.empty());
    }

    void successClearsTheCount() {
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        for (int i = 0; i < 5; ++i) {
            throttle.recordFailure(kPin, kStart);
        }
        throttle.recordSuccess(kPin);
        QVERIFY(storage.records.empty());
        QVERIFY(throttle.check(kPin, kStart).allowed);
        throttle.recordFailure(kPin, kStart);
        QVERIFY(throttle.check(kPin, kStart).allowed); // free again, not the 6th failure
        QCOMPARE(storage.records.at(kPin).failures, 1u);
    }

    void aLockOutlastsTimeAndSuccessUntilUnlocked() {
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        for (int i = 0; i < 8; ++i) {
            throttle.recordFailure(kPin, kStart);
        }
        const std::int64_t aYearLater = kStart + 365LL * 24 * 3'600'000;
        QVERIFY(throttle.check(kPin, aYearLater).locked);
        throttle.recordSuccess(kPin);
        QVERIFY(throttle.check(kPin, aYearLater).locked);
        QVERIFY(storage.records.at(kPin).locked);

        throttle.unlock(kPin);
        const ThrottleDecision decision = throttle.check(kPin, kStart);
        QVERIFY(decision.allowed);
        QVERIFY(!decision.locked);
        QVERIFY(storage.records.empty());
    }

    void stateLivesOnlyInStorage() {
        InMemoryThrottleStorage storage;
        {
            LoginThrottle before(storage, smallPolicy());
            for (int i = 0; i < 4; ++i) {
                before.recordFailure(kPin, kStart);
            }
        }
        QCOMPARE(storage.records.at(kPin).failures, 4u);
        QCOMPARE(storage.records.at(kPin).lastFailureMs, kStart);

        LoginThrottle restarted(storage, smallPolicy());
        const ThrottleDecision decision = restarted.check(kPin, kStart);
        QVERIFY(!decision.allowed);
        QCOMPARE(decision.retryAfter, milliseconds(2000));
        restarted.recordFailure(kPin, kStart);
        QCOMPARE(restarted.check(kPin, kStart).retryAfter, milliseconds(4000));

        InMemoryThrottleStorage elsewhere;
        LoginThrottle unrelated(elsewhere, smallPolicy());
        QVERIFY(unrelated.check(kPin, kStart).allowed);
    }

    void subjectsAreCountedApart() {
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        for (int i = 0; i < 8; ++i) {
            throttle.recordFailure(kPin, kStart);
        }
        QVERIFY(throttle.check(kPin, kStart).locked);
        QVERIFY(throttle.check("pin:invigilator-18", kStart).allowed);
    }

    void theDeviceSubjectBacksOffWithoutLocking() {
        InMemoryThrottleStorage storage;
        ThrottlePolicy devicePolicy = smallPolicy();
        devicePolicy.lockAfter = 0;
        LoginThrottle device(storage, devicePolicy);
        for (int i = 0; i < 200; ++i) {
            device.recordFailure("device", kStart);
        }
        QVERIFY(!storage.records.at("device").locked);
        const ThrottleDecision decision = device.check("device", kStart);
        QVERIFY(!decision.locked);
        QCOMPARE(decision.retryAfter, milliseconds(8000));
        QVERIFY(device.check("device", kStart + 8000).allowed);
    }

    void checkAllTakesTheStrictestSubject() {
        InMemoryThrottleStorage storage;
        LoginThrottle throttle(storage, smallPolicy());
        const std::string subjects[] = {kPin, "device"};
        QVERIFY(throttle.checkAll(subjects, kStart).allowed);

        for (int i = 0; i < 5; ++i) {
            throttle.recordFailure("device", kStart);
        }
        ThrottleDecision decision = throttle.checkAll(subjects, kStart + 1000);
        QVERIFY(!decision.allowed);
        QVERIFY(!decision.locked);
        QCOMPARE(decision.retryAfter, milliseconds(3000));

        for (int i = 0; i < 8; ++i) {
            throttle.recordFailure(kPin, kStart);
        }
        decision = throttle.checkAll(subjects, kStart + 1000);
        QVERIFY(decision.locked);
        QVERIFY(!decision.allowed);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_login_throttle.moc"
