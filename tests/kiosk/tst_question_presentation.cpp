// The question switch (issue 14): a move between questions is durable inside the call, and the
// new question is presented on the event loop's next turn, all of it at once. Until then the
// screens show the question before, whole; what the candidate does in that turn is for the
// question they see.
#include "session_harness.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/question_view.h"

#include <QSignalSpy>
#include <QTest>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using Screen = SessionController::Screen;

namespace {

// Everything the question screen reads of the question, as one string per property.
QStringList shownQuestion(SessionController& s) {
    QStringList shown{QString::number(s.position()),
                      s.questionHeading(),
                      s.questionText(),
                      s.choiceHint(),
                      s.questionReadingText(),
                      s.questionSummary(),
                      QString::number(s.canGoBack()),
                      QString::number(s.canGoForward()),
                      QString::number(s.multipleResponse())};
    auto* choices = s.choices();
    for (int row = 0; row < choices->rowCount(); ++row) {
        shown << choices->data(choices->index(row), ChoiceModel::TextRole).toString();
    }
    auto* palette = s.palette();
    for (int row = 0; row < palette->rowCount(); ++row) {
        if (palette->data(palette->index(row), QuestionPaletteModel::CurrentRole).toBool()) {
            shown << QStringLiteral("current %1").arg(row);
        }
    }
    return shown;
}

// The Navigated events in the store's journal of the sitting, as a restart or the link reads
// them: the chain verified to the head signed with this kiosk's key.
std::vector<int> storedMoves(SessionHarness& h) {
    const auto kioskKeys = crypto::loadSigningKeyPair(h.seat().dataDir / "kiosk-signing.key");
    if (!kioskKeys) {
        return {};
    }
    std::vector<int> moves;
    exam::SittingJournal journal(h.db(), h.session().sitting()->id());
    for (const auto& event : journal.loadVerified(kioskKeys.value().publicKey)) {
        if (event.kind == exam::EventKind::Navigated) {
            moves.push_back(event.position);
        }
    }
    return moves;
}

} // namespace

class TestQuestionPresentation : public QObject {
    Q_OBJECT
private slots:
    void theMoveIsDurableInTheCallAndTheNewQuestionComesWholeOnTheNextTurn() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        const QStringList first = shownQuestion(s);
        QSignalSpy questionChanges(&s, &SessionController::questionChanged);
        QSignalSpy journalAppends(&s, &SessionController::journalAppended);

        s.next();
        QCOMPARE(storedMoves(h), std::vector<int>{1}); // on disk before next() returned
        QCOMPARE(journalAppends.count(), 1);           // the link may send it at once
        QCOMPARE(s.sitting()->position(), 1);
        QVERIFY(s.questionPending());
        QCOMPARE(shownQuestion(s), first); // not one property of the next question yet
        QCOMPARE(questionChanges.count(), 0);

        waitForQuestion(s);
        QCOMPARE(questionChanges.count(), 1);
        const QStringList second = shownQuestion(s);
        QCOMPARE(s.position(), 1);
        QCOMPARE(s.questionHeading(), QStringLiteral("Question 2 of 5"));
        QCOMPARE(s.questionText(), questionHtml(*itemAt(*s.sitting(), 1)));
        QVERIFY(s.canGoBack());
        QVERIFY(second.contains(QStringLiteral("current 1")));
        QVERIFY(!second.contains(QStringLiteral("current 0")));
    }

    void anAnswerGivenBeforeTheMoveIsShownIsForTheQuestionOnTheScreen() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        const auto firstItem = itemAt(*s.sitting(), 0)->identifier;
        const auto secondItem = itemAt(*s.sitting(), 1)->identifier;

        s.next();
        s.setChoice(QStringLiteral("B"), true); // clicked on question 1, still on the screen
        s.toggleFlag();
        QCOMPARE(s.sitting()->answerOf(firstItem), std::vector<std::string>{"B"});
        QVERIFY(s.sitting()->isFlagged(firstItem));
        QVERIFY(s.sitting()->answerOf(secondItem).empty());
        QVERIFY(!s.sitting()->isFlagged(secondItem));
        QVERIFY(s.currentFlagged());

        waitForQuestion(s);
        QCOMPARE(s.position(), 1);
        QVERIFY(!s.currentFlagged());
        auto* choices = s.choices();
        for (int row = 0; row < choices->rowCount(); ++row) {
            QVERIFY(!choices->data(choices->index(row), ChoiceModel::SelectedRole).toBool());
        }
        auto* palette = s.palette();
        QVERIFY(palette->data(palette->index(0), QuestionPaletteModel::AnsweredRole).toBool());
        QVERIFY(palette->data(palette->index(0), QuestionPaletteModel::FlaggedRole).toBool());
        QVERIFY(!palette->data(palette->index(1), QuestionPaletteModel::AnsweredRole).toBool());
    }

    void movesInOneTurnAreEachDurableAndPresentedOnce() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        QSignalSpy questionChanges(&s, &SessionController::questionChanged);
        s.next();
        s.next();
        s.next();
        s.previous();
        QCOMPARE(storedMoves(h), (std::vector<int>{1, 2, 3, 2}));
        QCOMPARE(s.position(), 0);
        waitForQuestion(s);
        QCOMPARE(questionChanges.count(), 1);
        QCOMPARE(s.position(), 2);
        QCOMPARE(s.questionHeading(), QStringLiteral("Question 3 of 5"));
    }

    void aMoveNotYetShownIsWhereARestartResumes() {
        SessionHarness h;
        h.startSitting();
        h.session().next();
        h.session().next();
        QVERIFY(h.session().questionPending());
        h.reopen(); // killed before the turn that would have shown question 3
        auto& s = h.session();
        QVERIFY(s.sittingInProgress());
        s.beginLogin();
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Question);
        QVERIFY(!s.questionPending()); // a resumed sitting shows its question with the screen
        QCOMPARE(s.position(), 2);
        QCOMPARE(s.questionText(), questionHtml(*itemAt(*s.sitting(), 2)));
    }

    void aJumpFromTheReviewShowsTheQuestionWithTheScreen() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        s.openReview();
        QCOMPARE(s.screen(), Screen::Review);
        s.goTo(3);
        QCOMPARE(s.screen(), Screen::Question);
        QVERIFY(!s.questionPending());
        QCOMPARE(s.position(), 3);
        QCOMPARE(s.questionText(), questionHtml(*itemAt(*s.sitting(), 3)));
    }

    void aMovePendingWhenAPauseIsAskedIsShownWithTheSitting() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        s.next();
        s.beginPause();
        QCOMPARE(s.screen(), Screen::Login);
        waitForQuestion(s);
        QCOMPARE(s.position(), 1); // shown with the sitting, ready for the resume
        s.cancelLogin();
        QCOMPARE(s.screen(), Screen::Question);
        QCOMPARE(s.questionText(), questionHtml(*itemAt(*s.sitting(), 1)));
    }
};

QTEST_MAIN(TestQuestionPresentation)
#include "tst_question_presentation.moc"
