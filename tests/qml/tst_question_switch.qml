import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Kiosk

// Switching questions keeps the answers' controls (the choice model updates its rows in place)
// and shows the new question alone: its text, its answers, its selection, no focus or tick
// left over from the question before.
Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "QuestionSwitch"
        screens: screens

        // What the answer controls show, as "<letter><x if ticked><* if focused>" each.
        function shownAnswers() {
            const shown = []
            for (let i = 0; i < Session.choices.rowCount(); ++i) {
                const control = item("choice_" + i)
                shown.push(control.contentItem.letter + (control.checked ? "x" : "")
                           + (control.activeFocus || control.indicator.focused ? "*" : ""))
            }
            return shown.join(" ")
        }
        function firstSingleResponseAfter(position) {
            Session.goTo(position)
            questionShown()
            while (Session.multipleResponse || !Session.canGoForward) {
                Session.goTo(Session.position + 1)
                questionShown()
            }
        }

        function test_a_sameNumberOfAnswersKeepsTheControls() {
            goToFirstQuestion()
            // Two single-response questions in a row (the sample seed puts the
            // multiple-response item second).
            firstSingleResponseAfter(2)
            const from = Session.position
            verify(!Session.multipleResponse)
            click("choice_1")
            tryVerify(function () { return item("choice_1").checked })
            verify(item("choice_1").activeFocus, "a clicked answer has focus")
            compare(shownAnswers(), "A Bx* C D")
            const controls = [item("choice_0"), item("choice_1"), item("choice_2"), item("choice_3")]
            const questionBefore = item("questionText").text

            Session.next()
            questionShown()
            compare(Session.position, from + 1)
            verify(!Session.multipleResponse, "the next question is single-response too")
            for (let i = 0; i < controls.length; ++i)
                verify(item("choice_" + i) === controls[i], "answer " + i + " kept its control")
            verify(item("questionText").text !== questionBefore)
            compare(item("questionHeading").text, "Question " + (from + 2) + " of 5")
            compare(shownAnswers(), "A B C D", "no tick or focus from the question before")
            verify(!screens.Window.activeFocusItem
                   || !screens.Window.activeFocusItem.objectName.startsWith("choice_"))
            // Each label shows the new question's answer text.
            for (let i = 0; i < controls.length; ++i) {
                const text = Session.choices.data(Session.choices.index(i, 0), ChoiceModel.TextRole)
                verify(controls[i].contentItem.text.indexOf(text) > 0, "answer " + i + " shows " + text)
            }

            // Back: the first question's own answer is shown again, on the same controls.
            Session.previous()
            questionShown()
            compare(Session.position, from)
            verify(item("choice_1") === controls[1])
            compare(shownAnswers(), "A Bx C D")
            compare(item("questionText").text, questionBefore)
        }

        // A keyboard candidate: Tab to an answer, Return ticks it and records it like a click;
        // the next question shows no tick of its own and no focus on the same place.
        function test_b_keyboardAnswerDoesNotCarryOver() {
            firstSingleResponseAfter(2)
            Session.goTo(Session.position + 1)
            questionShown()
            const position = Session.position
            verify(!Session.multipleResponse)
            const unanswered = Session.unansweredCount
            item("nextButton").forceActiveFocus()
            let guard = 0
            while (!item("choice_2").activeFocus && guard++ < 60)
                keyClick(Qt.Key_Tab)
            verify(item("choice_2").activeFocus, "Tab reaches the third answer")
            keyClick(Qt.Key_Return)
            tryCompare(Session, "unansweredCount", unanswered - 1)
            compare(shownAnswers(), "A B Cx* D")

            const control = item("choice_2")
            Session.next()
            questionShown()
            compare(Session.position, position + 1)
            verify(item("choice_2") === control)
            compare(shownAnswers(), "A B C D")
            Session.previous()
            questionShown()
            compare(shownAnswers(), "A B Cx D")
        }

        // From a single-response question to the multiple-response one and back: the controls
        // change kind and show each question's own answers.
        function test_c_singleToMultipleResponse() {
            Session.goTo(0)
            questionShown()
            click("choice_0")
            tryVerify(function () { return item("choice_0").checked })
            Session.next()
            questionShown()
            verify(Session.multipleResponse)
            verify(item("choice_0") instanceof CheckBox)
            compare(shownAnswers(), "A B C D")
            click("choice_3")
            tryVerify(function () { return item("choice_3").checked })
            Session.previous()
            questionShown()
            verify(item("choice_0") instanceof RadioButton)
            compare(shownAnswers(), "Ax B C D")
            Session.next()
            questionShown()
            compare(shownAnswers(), "A B C Dx")
        }

        // The move is durable at once; until the event loop's next turn presents the new
        // question, whole, the screen shows the question before, whole: never the heading of
        // one with the text or answers of the other.
        function test_d_theScreenShowsOneQuestionAtATime() {
            Session.goTo(0)
            questionShown()
            function shown() {
                const answers = []
                for (let i = 0; i < Session.choices.rowCount(); ++i)
                    answers.push(item("choice_" + i).contentItem.text)
                return [item("questionHeading").text, item("questionText").text].concat(answers).join("|")
            }
            const first = shown()
            Session.next()
            compare(Session.position, 0, "the screen's question is still the first")
            compare(shown(), first)
            questionShown()
            compare(Session.position, 1)
            const second = shown()
            compare(item("questionHeading").text, "Question 2 of 5")
            verify(second.split("|")[1] !== first.split("|")[1], "the new question's text")
            // Each answer shown is the new question's (the sample's answers share their words,
            // so they are compared with the presented rows, not with the first question's).
            for (let i = 0; i < Session.choices.rowCount(); ++i) {
                const text = Session.choices.data(Session.choices.index(i, 0), ChoiceModel.TextRole)
                verify(item("choice_" + i).contentItem.text.indexOf(text) > 0, "answer " + i + " shows " + text)
            }
            Session.previous()
            compare(shown(), second)
            questionShown()
            compare(shown(), first)
        }
    }
}
