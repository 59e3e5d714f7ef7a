import QtQuick
import QtTest
import Vigil.Kiosk

// The candidate's whole path, clicked through with the real backend.
Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "CandidatePath"
        screens: screens

        function test_wholePath() {
            const locked = screen("lockedScreen")
            compare(item("centreName").text, "Northfield Motor Training Centre")
            compare(item("seatLabel").text, "Seat PC07")
            compare(item("lockedStatus").text, "Waiting for the invigilator")
            verify(/^\d\d:\d\d$/.test(item("clock").text))

            click("invigilatorLoginButton")
            login(harness.pin, harness.password)

            screen("confirmScreen")
            compare(item("candidateName").text, "Jordan Ellis")
            compare(item("registrationNumber").text, "Registration number: AB123456")
            compare(item("assessmentTitle").text, "Light Vehicle Braking Systems")
            compare(item("assessmentFacts").text, "30 minutes, 5 questions")
            compare(item("calculatorRule").text, "Calculator allowed")
            const photo = item("candidatePhoto")
            tryCompare(photo, "status", Image.Ready)
            verify(photo.implicitWidth > 0)
            click("confirmCandidateButton")

            screen("instructionsScreen")
            verify(item("rules").text.indexOf("30 minutes for 5 questions") >= 0)
            click("startButton")

            screen("questionScreen")
            compare(item("questionHeading").text, "Question 1 of 5")
            verify(item("questionText").text.indexOf("Question body") >= 0)
            verify(!Session.multipleResponse)
            verify(!item("previousButton").enabled)
            click("choice_0")
            tryVerify(function () { return item("choice_0").checked })
            click("choice_1")
            tryVerify(function () { return item("choice_1").checked && !item("choice_0").checked })
            click("choice_0")
            tryCompare(Session, "unansweredCount", 4)

            click("nextButton")
            questionShown()
            compare(item("questionHeading").text, "Question 2 of 5")
            verify(Session.multipleResponse, "the sample seed puts the multiple-response item second")
            compare(item("choiceHint").text, "Choose up to 2 answers.")
            verify(item("questionText").text.indexOf("image://vigil/media/brake-circuit.svg") >= 0)
            click("choice_0")
            click("choice_1")
            click("choice_2")
            tryVerify(function () { return item("answerMessage").visible })
            verify(!item("choice_2").checked)
            verify(item("choice_0").checked && item("choice_1").checked)

            click("nextButton")
            questionShown()
            click("flagButton")
            compare(item("flagButton").text, "Remove flag")
            verify(findChild(screens.currentScreen, "palette_3").text.indexOf("\u2691") > 0)
            click("palette_1")
            questionShown()
            compare(item("questionHeading").text, "Question 1 of 5")
            verify(item("choice_0").checked)

            click("reviewButton")
            screen("reviewScreen")
            compare(item("unansweredSummary").text, "Unanswered: 3")
            compare(item("flaggedSummary").text, "Flagged for review: 1")
            click("flagged_3")
            screen("questionScreen")
            compare(item("questionHeading").text, "Question 3 of 5")
            click("choice_0")
            click("nextButton")
            questionShown()
            click("choice_0")
            click("nextButton")
            questionShown()
            click("choice_0")

            click("submitButton")
            screen("submitScreen")
            compare(item("submitUnanswered").text, "You have answered every question.")
            verify(!item("submitSecondStage").visible)
            click("confirmSubmitButton")
            verify(item("submitSecondStage").visible)
            click("confirmSubmitButton")

            screen("resultScreen")
            compare(item("resultScore").text, "Score: 5 out of 5 (100.0%)")
            compare(item("resultOutcome").text, "Pass")
            click("finishButton")
            screen("lockedScreen")
            compare(item("lockedStatus").text, "The assessment assigned to this seat has been completed.")
            verify(!item("invigilatorLoginButton").visible)
        }
    }
}
