#include "vigil/sync/reconnect_backoff.h"

#include <QTest>
#include <set>

using namespace vigil::sync;
using std::chrono::milliseconds;

class ReconnectBackoffTest : public QObject {
    Q_OBJECT
private slots:
    void theCeilingDoublesUpToTheCap() {
        // The largest draw each time: the wait is the ceiling itself.
        ReconnectBackoff backoff(milliseconds(500), milliseconds(30'000),
                                 [](std::uint32_t n) { return n - 1; });
        const std::vector<long> expected{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (const long wait : expected) {
            QCOMPARE(backoff.nextDelay().count(), wait);
        }
        QCOMPARE(backoff.failures(), int(expected.size()));
    }

    void theSmallestDrawIsHalfTheCeiling() {
        ReconnectBackoff backoff(milliseconds(500), milliseconds(30'000),
                                 [](std::uint32_t) { return 0u; });
        QCOMPARE(backoff.nextDelay().count(), 250L);
        QCOMPARE(backoff.nextDelay().count(), 500L);
        for (int i = 0; i < 20; ++i) {
            (void)backoff.nextDelay();
        }
        QCOMPARE(backoff.nextDelay().count(), 15'000L);
    }

    void aConnectionStartsOverFromTheFirstWait() {
        ReconnectBackoff backoff(milliseconds(500), milliseconds(30'000),
                                 [](std::uint32_t n) { return n - 1; });
        (void)backoff.nextDelay();
        (void)backoff.nextDelay();
        backoff.reset();
        QCOMPARE(backoff.nextDelay().count(), 500L);
    }

    void realJitterStaysInsideTheWindowAndSpreads() {
        ReconnectBackoff backoff(milliseconds(1000), milliseconds(1000));
        std::set<long> seen;
        for (int i = 0; i < 200; ++i) {
            const auto wait = backoff.nextDelay().count();
            QVERIFY(wait >= 500 && wait <= 1000);
            seen.insert(wait);
        }
        // Sixty kiosks must not retry in step: 200 draws from 501 values are far from equal.
        QVERIFY(seen.size() > 50);
    }
};

QTEST_GUILESS_MAIN(ReconnectBackoffTest)
#include "tst_reconnect_backoff.moc"
