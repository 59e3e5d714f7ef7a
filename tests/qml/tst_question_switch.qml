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
            while (Session.multipleResponse || !Session.canGoForward)
                Session.goTo(Session.position + 1)
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
            compare(Session.position, position + 1)
            verify(item("choice_2") === control)
            compare(shownAnswers(), "A B C D")
            Session.previous()
            compare(shownAnswers(), "A B Cx D")
        }

        // From a single-response question to the multiple-response one and back: the controls
        // change kind and show each question's own answers.
        function test_c_singleToMultipleResponse() {
            Session.goTo(0)
            click("choice_0")
            tryVerify(function () { return item("choice_0").checked })
            Session.next()
            verify(Session.multipleResponse)
            verify(item("choice_0") instanceof CheckBox)
            compare(shownAnswers(), "A B C D")
            click("choice_3")
            tryVerify(function () { return item("choice_3").checked })
            Session.previous()
            verify(item("choice_0") instanceof RadioButton)
            compare(shownAnswers(), "Ax B C D")
            Session.next()
            compare(shownAnswers(), "A B C Dx")
        }
    }
}
