// Scoring: pure functions, by response processing, and the pass mark at its edges.

#include "vigil/exam/scoring.h"

#include <QTest>

using namespace vigil::exam;

namespace {

Item multipleItem() {
    Item item;
    item.identifier = "M1";
    for (const char* id : {"A", "B", "C", "D"}) {
        item.choices.push_back({id, id, false});
    }
    item.cardinality = Cardinality::Multiple;
    item.maxChoices = 0;
    item.correctResponse = {"A", "C"};
    item.maxScore = 2.0;
    return item;
}

Item mappedItem() {
    Item item = multipleItem();
    item.processing = ResponseProcessing::MapResponse;
    ScoreMapping mapping;
    mapping.entries = {{"A", 1.0}, {"C", 1.0}, {"B", -1.0}};
    mapping.defaultValue = -0.5;
    mapping.lowerBound = 0.0;
    mapping.upperBound = 2.0;
    item.mapping = mapping;
    return item;
}

double score(const Item& item, std::vector<std::string> chosen) {
    return scoreItem(item, chosen);
}

Assessment assessmentOf(int items, double passMark) {
    Assessment assessment;
    assessment.metadata.passMarkPercent = passMark;
    for (int i = 0; i < items; ++i) {
        Item item;
        item.identifier = "Q" + std::to_string(i);
        item.choices = {{"A", "A", false}, {"B", "B", false}};
        item.correctResponse = {"A"};
        assessment.items.push_back(item);
    }
    return assessment;
}

Answers correctAnswers(int correct) {
    Answers answers;
    for (int i = 0; i < correct; ++i) {
        answers["Q" + std::to_string(i)] = {"A"};
    }
    return answers;
}

} // namespace

class ScoringTest : public QObject {
    Q_OBJECT

private slots:
    void singleResponseMatchCorrect() {
        Item item;
        item.identifier = "S1";
        item.choices = {{"A", "A", false}, {"B", "B", false}};
        item.correctResponse = {"B"};
        item.maxScore = 1.0;
        QCOMPARE(score(item, {"B"}), 1.0);
        QCOMPARE(score(item, {"A"}), 0.0);
        QCOMPARE(score(item, {}), 0.0);
    }

    void multipleResponseNeedsExactlyTheCorrectSet() {
        const auto item = multipleItem();
        QCOMPARE(score(item, {"A", "C"}), 2.0);
        QCOMPARE(score(item, {"C", "A"}), 2.0);      // order is irrelevant
        QCOMPARE(score(item, {"A"}), 0.0);           // a subset is not enough
        QCOMPARE(score(item, {"A", "B", "C"}), 0.0); // nor a superset
        QCOMPARE(score(item, {"A", "C", "A"}), 2.0); // a repeated id is the same set
    }

    void mapResponseSumsEachChosenIdOnce() {
        const auto item = mappedItem();
        QCOMPARE(score(item, {"A"}), 1.0);
        QCOMPARE(score(item, {"A", "C"}), 2.0);
        QCOMPARE(score(item, {"A", "A"}), 1.0);      // counted once
        QCOMPARE(score(item, {"A", "C", "D"}), 1.5); // D unmapped: default -0.5
        QCOMPARE(score(item, {}), 0.0);
    }

    void mapResponseIsBounded() {
        auto item = mappedItem();
        QCOMPARE(score(item, {"B"}), 0.0);      // -1 raised to the lower bound 0
        QCOMPARE(score(item, {"B", "D"}), 0.0); // -1.5 raised to 0
        item.mapping->entries["A"] = 5.0;
        QCOMPARE(score(item, {"A", "C"}), 2.0); // 6 capped at the upper bound 2
        item.mapping->lowerBound.reset();
        QCOMPARE(score(item, {"B"}), -1.0); // no lower bound: negative stays
        item.mapping->upperBound.reset();
        QCOMPARE(score(item, {"A", "C"}), 6.0);
    }

    void mapResponseWithoutMappingScoresZero() {
        auto item = mappedItem();
        item.mapping.reset();
        QCOMPARE(score(item, {"A"}), 0.0);
    }

    void exactlyAtThePassMarkPasses() {
        QVERIFY(meetsPassMark(7, 10, 70));
        QVERIFY(meetsPassMark(57, 100, 57)); // 0.57 * 100 is 56.99999... in doubles
        QVERIFY(meetsPassMark(29, 100, 29)); // 0.29 * 100 is 28.999999999999996
        QVERIFY(meetsPassMark(21, 30, 70));
        QVERIFY(meetsPassMark(2, 3, 66.67) == false);
        QVERIFY(meetsPassMark(2, 3, 66.66));
        QVERIFY(meetsPassMark(0.1 + 0.2, 1, 30)); // 0.30000000000000004
        QVERIFY(meetsPassMark(0.7, 1, 70));
    }

    void justBelowThePassMarkFails() {
        QVERIFY(!meetsPassMark(6.99, 10, 70));
        QVERIFY(!meetsPassMark(56, 100, 57));
        QVERIFY(!meetsPassMark(20, 30, 70));
        QVERIFY(!meetsPassMark(0, 0, 0)); // nothing to score: no pass
    }

    void assessmentTotalsAndPercentage() {
        const auto assessment = assessmentOf(30, 70);
        auto summary = scoreAssessment(assessment, correctAnswers(21));
        QCOMPARE(summary.score, 21.0);
        QCOMPARE(summary.maxScore, 30.0);
        QCOMPARE(summary.percentage, 70.0);
        QVERIFY(summary.passed);
        QCOMPARE(summary.items.size(), std::size_t(30));
        QCOMPARE(summary.items[0].score, 1.0);
        QCOMPARE(summary.items[29].score, 0.0);

        summary = scoreAssessment(assessment, correctAnswers(20));
        QCOMPARE(summary.percentage, 66.67);
        QVERIFY(!summary.passed);
    }

    void answersToUnknownItemsAreIgnored() {
        const auto assessment = assessmentOf(2, 50);
        Answers answers{{"Q0", {"A"}}, {"ghost", {"A"}}};
        const auto summary = scoreAssessment(assessment, answers);
        QCOMPARE(summary.score, 1.0);
        QCOMPARE(summary.maxScore, 2.0);
    }
};

QTEST_GUILESS_MAIN(ScoringTest)
#include "tst_scoring.moc"
