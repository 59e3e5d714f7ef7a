// The question screens' rules without a window: what ticking an answer writes, the hint above
// the answers, the time left as shown and its warnings (question_view.h, time_left.h).
#include "vigil/kiosk/question_view.h"
#include "vigil/kiosk/time_left.h"

#include <QTest>

using vigil::exam::Cardinality;
using vigil::exam::Item;
using vigil::kiosk::AnswerEdit;
using vigil::kiosk::editAnswer;
using Answer = std::vector<std::string>;

namespace {

Item itemOf(Cardinality cardinality, int maxChoices, std::string prompt = {}) {
    Item item;
    item.identifier = "Q1";
    item.cardinality = cardinality;
    item.maxChoices = maxChoices;
    item.promptHtml = std::move(prompt);
    return item;
}

} // namespace

class TestQuestionView : public QObject {
    Q_OBJECT
private slots:
    void aRadioButtonReplacesTheAnswerAndIsNeverUntickedAlone() {
        const auto item = itemOf(Cardinality::Single, 1);
        const auto chosen = editAnswer(item, {"A"}, "B", true);
        QCOMPARE(chosen.kind, AnswerEdit::Kind::Write);
        QCOMPARE(chosen.answer, Answer{"B"});
        QCOMPARE(editAnswer(item, {"A"}, "A", false).kind, AnswerEdit::Kind::Keep);
    }

    void aTickBeyondTheItemsMaximumIsRefused() {
        const auto item = itemOf(Cardinality::Multiple, 2);
        const auto second = editAnswer(item, {"A"}, "C", true);
        QCOMPARE(second.kind, AnswerEdit::Kind::Write);
        QCOMPARE(second.answer, (Answer{"A", "C"}));
        QCOMPARE(editAnswer(item, {"A", "C"}, "D", true).kind, AnswerEdit::Kind::OverMaximum);
        const auto untick = editAnswer(item, {"A", "C"}, "A", false);
        QCOMPARE(untick.kind, AnswerEdit::Kind::Write);
        QCOMPARE(untick.answer, Answer{"C"});
    }

    void anUnlimitedItemTakesEveryTick() {
        const auto item = itemOf(Cardinality::Multiple, 0);
        Answer answer;
        for (const char* id : {"A", "B", "C", "D", "E"}) {
            const auto edit = editAnswer(item, answer, id, true);
            QCOMPARE(edit.kind, AnswerEdit::Kind::Write);
            answer = edit.answer;
        }
        QCOMPARE(answer.size(), std::size_t(5));
    }

    void theHintSaysHowManyAnswersUnlessThePromptAlreadyDoes() {
        using vigil::kiosk::choiceHint;
        QCOMPARE(choiceHint(itemOf(Cardinality::Single, 1)), QStringLiteral("Choose one answer."));
        QCOMPARE(choiceHint(itemOf(Cardinality::Multiple, 3)),
                 QStringLiteral("Choose up to 3 answers."));
        QCOMPARE(choiceHint(itemOf(Cardinality::Multiple, 0)),
                 QStringLiteral("Choose all answers that apply."));
        QCOMPARE(choiceHint(itemOf(Cardinality::Single, 1, "<p>Choose ONE answer.</p>")),
                 QString());
    }

    void theTimeLeftIsRoundedUpAndShownAsAClockFace() {
        using namespace std::chrono_literals;
        using vigil::kiosk::clockFaceOf;
        using vigil::kiosk::wholeSecondsLeft;
        QCOMPARE(wholeSecondsLeft(0ms), 0);
        QCOMPARE(wholeSecondsLeft(1ms), 1);
        QCOMPARE(wholeSecondsLeft(60'000ms), 60);
        QCOMPARE(clockFaceOf(0), QStringLiteral("00:00"));
        QCOMPARE(clockFaceOf(45 * 60 + 5), QStringLiteral("45:05"));
        QCOMPARE(clockFaceOf(3600 + 2 * 60 + 3), QStringLiteral("1:02:03"));
    }

    void theWarningIsRaisedOnceForEachLevel() {
        using vigil::kiosk::warningLevelOf;
        QCOMPARE(warningLevelOf(10 * 60 + 1), 0);
        QCOMPARE(warningLevelOf(10 * 60), 1);
        QCOMPARE(warningLevelOf(5 * 60), 2);
        vigil::kiosk::TimeWarning warning;
        QVERIFY(!warning.reach(0));
        QVERIFY(warning.text().isEmpty());
        QVERIFY(warning.reach(1));
        QCOMPARE(warning.text(), QStringLiteral("10 minutes left"));
        QVERIFY(!warning.reach(1));
        QVERIFY(!warning.reach(0)); // extra time granted: the banner stays as it was
        QCOMPARE(warning.text(), QStringLiteral("10 minutes left"));
        QVERIFY(warning.reach(2));
        QCOMPARE(warning.text(), QStringLiteral("5 minutes left"));
        warning.reset();
        QVERIFY(warning.text().isEmpty());
    }
};

QTEST_MAIN(TestQuestionView) // the hint reads the prompt through QTextDocument (Qt Gui)
#include "tst_question_view.moc"
