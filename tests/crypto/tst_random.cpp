#include "vigil/crypto/random.h"

#include <QTest>
#include <algorithm>
#include <array>
#include <set>

using namespace vigil::crypto;

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void randomBytesHasTheSizeAskedFor() {
        QCOMPARE(randomBytes(0).size(), std::size_t{0});
        QCOMPARE(randomBytes(1000).size(), std::size_t{1000});
    }

    void drawsDiffer() {
        // 2^-256 odds of a false failure for 32-byte draws.
        QVERIFY(randomBytes(32) != randomBytes(32));
        std::array<std::uint8_t, 32> filled{};
        fillRandom(filled);
        QVERIFY(std::any_of(filled.begin(), filled.end(), [](std::uint8_t b) { return b != 0; }));
        std::set<std::uint64_t> draws;
        for (int i = 0; i < 8; ++i) {
            draws.insert(randomUint64());
        }
        QCOMPARE(draws.size(), std::size_t{8});
    }

    void fillingNothingIsHarmless() { fillRandom({}); }

    void uniformDrawsStayBelowTheBoundAndCoverIt() {
        std::set<std::uint32_t> seen;
        for (int i = 0; i < 2000; ++i) {
            const auto draw = randomUniform(10);
            QVERIFY(draw < 10);
            seen.insert(draw);
        }
        QCOMPARE(seen.size(), std::size_t{10});
        QCOMPARE(randomUniform(0), 0u);
        QCOMPARE(randomUniform(1), 0u);
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_random.moc"
