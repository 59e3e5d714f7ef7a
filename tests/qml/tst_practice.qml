import QtQuick
import QtTest
import Vigil.Kiosk

// A practice seat, clicked through with the real Practice controller over the practice sample
// quiz (exam/samples/mot-practice-brakes-tyres): sign in without an invigilator, the quiz list
// with progress, a quiz answered and submitted, which answers were right with the items'
// feedback, progress after it, and nothing written that a sitting writes. Item content is shown
// as the assessment shows it: a diagram from the media library in memory, answers with markup
// as rich text, each hint once, and a screen reader gets plain sentences, never markup.
Item {
    width: 1280
    height: 900
    PracticeScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "Practice"
        screens: screens

        function banner() {
            const found = findChild(screens, "practiceBannerText")
            verify(found && found.visible, "the practice banner is shown")
            compare(found.text, "PRACTICE QUIZ: not an assessment. Nothing here counts towards a result.")
            compare(String(findChild(screens, "practiceAccentEdge").color), String(Practice.look.accent))
        }
        function typeInto(name, text) {
            mouseClick(item(name))
            typeText(text)
        }
        // The tread diagram's red measuring line (#d00000 in media/tread-zones.svg) is on the
        // screen: nothing else on a practice screen is that colour. (The whole screen is read:
        // a grab of one item inside the scrolling column comes out offset.)
        function diagramDrawn() {
            const image = grabImage(screens)
            for (let y = 0; y < screens.height; y += 2) {
                for (let x = 0; x < screens.width; x += 2) {
                    const c = image.pixel(x, y)
                    if (c.r > 0.7 && c.g < 0.25 && c.b < 0.25)
                        return true
                }
            }
            return false
        }
        function occurrences(text, words) {
            return text.split(words).length - 1
        }
        function answer(choices) {
            // Practice updates the answers in place: the same controls show the new ticks.
            for (let i = 0; i < choices.length; ++i) {
                const control = item("choice_" + choices[i])
                click("choice_" + choices[i])
                verify(item("choice_" + choices[i]) === control)
            }
        }

        function test_practiceFromSignInToFeedback() {
            screen("practiceSignInScreen")
            banner()
            compare(item("practiceSeat").text, "Northfield Motor Training Centre, seat PC07")
            click("signInButton")
            compare(item("signInMessage").text, "Enter your name as it is on your registration.")
            typeInto("nameField", "Jordan Ellis")
            typeInto("registrationField", "ab123456")
            click("signInButton")

            screen("practiceQuizListScreen")
            banner()
            compare(item("candidateLine").text, "Jordan Ellis (AB123456)")
            compare(item("quizTitle_0").text, "Practice: brakes and tyres")
            compare(item("quizStatus_0").text, "Not attempted")
            verify(item("refusedQuiz_0").text.indexOf("mot-g2.vseat cannot be offered. This package is an invigilated assessment") >= 0)
            click("startQuiz_0")

            screen("practiceQuestionScreen")
            banner()
            compare(item("questionHeading").text, "Question 1 of 4")
            verify(item("questionText").text.indexOf("parking brake efficiency") >= 0)
            // The item's own prompt says "Choose one answer.": said once, not again as a hint.
            const hint = item("choiceHint")
            compare(occurrences(item("questionText").Accessible.name + " "
                                + (hint.visible ? hint.text : ""), "Choose one answer."), 1)
            const stemRead = item("questionText").Accessible.name
            verify(stemRead.indexOf("What minimum parking brake efficiency must it reach?") >= 0
                   && stemRead.indexOf("<") < 0, stemRead)
            compare(item("choice_1").Accessible.name, "B. 16%")
            answer([1])                       // B: right
            tryVerify(function () { return item("choice_1").checked })
            click("nextButton")
            compare(item("questionHeading").text, "Question 2 of 4")
            answer([0])                       // A: not right
            click("nextButton")
            compare(item("choiceHint").text, "Choose up to 2 answers.")
            answer([0, 1])                    // A and B: right
            click("nextButton")
            verify(!item("nextButton").enabled)
            // The tread question: its diagram from the quiz's media, in memory (never a path on
            // disk), read by its text alternative; answers with markup shown as rich text and
            // named in plain words.
            const stem = item("questionText")
            verify(stem.text.indexOf("image://vigil/media/tread-zones.svg") >= 0, stem.text)
            tryVerify(function () { return diagramDrawn() }, 3000, "the tread diagram is drawn")
            verify(stem.Accessible.name.indexOf("Diagram: Tyre tread divided into an outer zone A") >= 0,
                   stem.Accessible.name)
            verify(stem.Accessible.name.indexOf("<") < 0, stem.Accessible.name)
            compare(item("choice_1").Accessible.name, "B. 1.6 mm across zone B")
            compare(item("choice_2").Accessible.name, "C. 1.6 mm across zones A and C")
            compare(item("choiceText_2").textFormat, Text.RichText)
            compare(item("unansweredText").text, "Unanswered: 1")
            click("submitButton")             // the tread depth left unanswered

            screen("practiceFeedbackScreen")
            banner()
            compare(item("scoreText").text, "Score: 3 out of 5 (60%)")
            compare(item("outcomeText").text,
                    "Needs more work: the pass mark is 75%. Read the answers below and try again.")
            compare(item("reviewHeading_0").text, "\u2714 Question 1: right")
            verify(item("feedback_0").text.indexOf("Right: the parking brake must reach <b>16%</b>") >= 0)
            compare(item("reviewHeading_1").text, "\u2718 Question 2: not right")
            verify(item("yourAnswer_1").text.indexOf("A. More than 10%") >= 0)
            verify(item("rightAnswer_1").text.indexOf("C. More than 30%") >= 0)
            verify(item("feedback_1").text.indexOf("10% is within what a sound axle shows") >= 0)
            compare(item("reviewHeading_2").text, "\u2714 Question 3: right")
            verify(!item("feedback_2").visible, "the hose feedback is for a wrong answer only")
            verify(item("yourAnswer_3").text.indexOf("You did not answer this question.") >= 0)
            verify(item("feedback_3").text.indexOf("1.6 mm, across the central three quarters") >= 0)
            // What a screen reader gets of the review: plain words, the rich text shown as such.
            compare(item("feedback_0").Accessible.name,
                    "Right: the parking brake must reach 16% efficiency.")
            compare(item("rightAnswer_3").Accessible.name, "Right answer: B. 1.6 mm across zone B")
            compare(item("rightAnswer_3").textFormat, Text.RichText)
            compare(item("yourAnswer_1").Accessible.name, "Your answer: A. More than 10%")
            const reviewedStem = item("reviewQuestion_3")
            verify(reviewedStem.Accessible.name.indexOf("Diagram: Tyre tread divided") >= 0,
                   reviewedStem.Accessible.name)
            bringIntoView(reviewedStem)
            tryVerify(function () { return diagramDrawn() }, 3000,
                      "the tread diagram is drawn in the review")
            click("backToQuizzesButton")

            screen("practiceQuizListScreen")
            compare(item("quizStatus_0").text, "Needs more work")
            click("startQuiz_0")
            screen("practiceQuestionScreen")
            answer([1]); click("nextButton")
            answer([2]); click("nextButton")
            answer([0, 1]); click("nextButton")
            answer([1])
            click("submitButton")
            screen("practiceFeedbackScreen")
            compare(item("scoreText").text, "Score: 5 out of 5 (100%)")
            compare(item("outcomeText").text, "Passed: at or above the pass mark of 75%.")
            click("backToQuizzesButton")
            screen("practiceQuizListScreen")
            compare(item("quizStatus_0").text, "Passed")

            // Practice is kept apart: its own table, never a sitting's journal or result.
            compare(harness.rowCount("practice_attempts"), 2)
            compare(harness.rowCount("sitting_events"), 0)
            verify(!harness.dataDirContains("parking brake efficiency"))

            // Another candidate at the same PC starts from their own progress.
            click("signOutButton")
            screen("practiceSignInScreen")
            typeInto("nameField", "Priya Shah")
            typeInto("registrationField", "CD765432")
            click("signInButton")
            screen("practiceQuizListScreen")
            compare(item("quizStatus_0").text, "Not attempted")
            // A quiz left without submitting reads "Attempted", and nothing is marked.
            click("startQuiz_0")
            screen("practiceQuestionScreen")
            answer([1])
            click("leaveQuizButton")
            screen("practiceQuizListScreen")
            compare(item("quizStatus_0").text, "Attempted")
            compare(harness.rowCount("practice_attempts"), 3)
        }
    }
}
