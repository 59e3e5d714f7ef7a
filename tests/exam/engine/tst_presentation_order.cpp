// Item and choice order per sitting: seeded, deterministic, respecting shuffle and fixed, and
// the same after the sitting is reloaded.

#include "engine_fixture.h"
#include "vigil/exam/presentation_order.h"

#include <QTest>
#include <set>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {

Assessment withFixedChoices() {
    auto assessment = smallAssessment(8);
    for (auto& item : assessment.items) {
        item.choices.clear();
        for (int c = 0; c < 6; ++c) {
            item.choices.push_back({std::string(1, static_cast<char>('A' + c)), "x", false});
        }
        item.choices[0].fixed = true; // e.g. a stem-dependent first option
        item.choices[5].fixed = true; // "None of the above" stays last
    }
    assessment.items[3].shuffle = false;
    return assessment;
}

std::vector<std::string> itemIds(const std::vector<ItemPresentation>& order) {
    std::vector<std::string> ids;
    for (const auto& item : order) {
        ids.push_back(item.itemId);
    }
    return ids;
}

} // namespace

class PresentationOrderTest : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameOrder() {
        const auto assessment = withFixedChoices();
        QVERIFY(presentationOrder(assessment, 7, true) == presentationOrder(assessment, 7, true));
    }

    void knownSeedGivesKnownOrder() {
        // Pinned: a change here would reorder sittings created by an earlier build, which is
        // why the order is also stored with the sitting.
        const auto order = presentationOrder(smallAssessment(6), 42, true);
        const auto ids = itemIds(order);
        QCOMPARE(ids.size(), std::size_t(6));
        QCOMPARE(QString::fromStdString(ids[0] + ids[1] + ids[2] + ids[3] + ids[4] + ids[5]),
                 QString("Q4Q2Q6Q3Q5Q1"));
        const auto& choices = order[0].choiceOrder;
        QCOMPARE(QString::fromStdString(choices[0] + choices[1] + choices[2] + choices[3]),
                 QString("DACB"));
    }

    void differentSeedsShuffleItems() {
        const auto assessment = smallAssessment(20);
        std::set<std::vector<std::string>> seen;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            const auto ids = itemIds(presentationOrder(assessment, seed, true));
            QCOMPARE(std::set<std::string>(ids.begin(), ids.end()).size(), std::size_t(20));
            seen.insert(ids);
        }
        QVERIFY(seen.size() >= 9); // 20! orders: ten seeds practically never collide
    }

    void noItemShuffleKeepsAuthoredOrder() {
        const auto assessment = smallAssessment(10);
        const auto ids = itemIds(presentationOrder(assessment, 99, false));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            QCOMPARE(ids[i], assessment.items[i].identifier);
        }
    }

    void fixedChoicesKeepTheirIndex() {
        const auto assessment = withFixedChoices();
        bool anyMoved = false;
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            for (const auto& item : presentationOrder(assessment, seed, true)) {
                QCOMPARE(item.choiceOrder.front(), std::string("A"));
                QCOMPARE(item.choiceOrder.back(), std::string("F"));
                QCOMPARE(
                    std::set<std::string>(item.choiceOrder.begin(), item.choiceOrder.end()).size(),
                    std::size_t(6));
                if (item.itemId != "Q4" &&
                    item.choiceOrder != std::vector<std::string>{"A", "B", "C", "D", "E", "F"}) {
                    anyMoved = true;
                }
            }
        }
        QVERIFY(anyMoved);
    }

    void itemWithoutShuffleKeepsChoiceOrder() {
        const auto assessment = withFixedChoices();
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            for (const auto& item : presentationOrder(assessment, seed, true)) {
                if (item.itemId == "Q4") {
                    QCOMPARE(item.choiceOrder,
                             (std::vector<std::string>{"A", "B", "C", "D", "E", "F"}));
                }
            }
        }
    }

    void everyPermutationIsReachable() {
        // Three movable choices: all 6 orders appear, roughly evenly (an unbiased draw).
        Assessment assessment = smallAssessment(1);
        assessment.items[0].choices.resize(3);
        std::map<std::vector<std::string>, int> counts;
        for (std::uint64_t seed = 0; seed < 6000; ++seed) {
            ++counts[presentationOrder(assessment, seed, false)[0].choiceOrder];
        }
        QCOMPARE(counts.size(), std::size_t(6));
        for (const auto& [order, count] : counts) {
            QVERIFY2(count > 850 && count < 1150, std::to_string(count).c_str());
        }
    }

    void sittingShowsTheSameOrderAfterReload() {
        QTemporaryDir dir;
        auto db = openStore(dir);
        const auto assessment = withFixedChoices();
        ManualClock clock;
        auto setup = setupFor("order-1");
        setup.seed.reset(); // a random seed, recorded in the journal
        std::vector<ItemPresentation> before;
        std::uint64_t seed = 0;
        {
            auto sitting = Sitting::create(db, assessment, setup, clock, kioskKeys());
            startSitting(sitting);
            before = sitting.presentationOrder();
            seed = sitting.header().seed;
        }
        auto reloaded = Sitting::load(db, assessment, "order-1", clock, kioskKeys());
        QVERIFY(reloaded.presentationOrder() == before);
        QVERIFY(presentationOrder(assessment, seed, true) == before);
    }

    void reloadWithAnotherAssessmentIsRefused() {
        QTemporaryDir dir;
        auto db = openStore(dir);
        ManualClock clock;
        const auto assessment = smallAssessment(4);
        { (void)Sitting::create(db, assessment, setupFor("order-2"), clock, kioskKeys()); }
        auto other = assessment;
        other.metadata.version = "2026.2";
        try {
            (void)Sitting::load(db, other, "order-2", clock, kioskKeys());
            QFAIL("a different assessment version was accepted");
        } catch (const SittingError& e) {
            QCOMPARE(e.code(), SittingErrorCode::AssessmentMismatch);
        }
        other = assessment;
        other.items[2].choices.pop_back();
        QVERIFY_THROWS_EXCEPTION(SittingError,
                                 (void)Sitting::load(db, other, "order-2", clock, kioskKeys()));
    }
};

QTEST_GUILESS_MAIN(PresentationOrderTest)
#include "tst_presentation_order.moc"
