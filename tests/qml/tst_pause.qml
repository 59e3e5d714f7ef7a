import QtQuick
import QtTest
import Vigil.Kiosk

Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "InvigilatorPause"
        screens: screens

        function test_pauseHidesTheQuestionAndStopsTheTimer() {
            goToFirstQuestion()
            click("choice_0")
            tryVerify(function () { return item("choice_0").checked }, 3000, "first answer chosen")
            harness.advanceClock(60)
            compare(Session.timeLeftText, "29:00")
            click("pauseButton")
            login(harness.pin, harness.password)
            screen("pausedScreen")
            compare(findChild(screens.currentScreen, "questionText"), null)
            compare(item("pausedTimeLeft").text,
                    "The timer is stopped with 29:00 left. Wait for the invigilator.")
            harness.advanceClock(300)
            compare(Session.timeLeftText, "29:00")
            click("resumeButton")
            login("000000", "nope")
            tryVerify(function () { return item("loginMessage").text.length > 0 })
            click("cancelLoginButton")
            screen("pausedScreen")
            click("resumeButton")
            login(harness.pin, harness.password)
            screen("questionScreen")
            verify(item("choice_0").checked)
            compare(item("timeLeft").text, "Time left 29:00")
        }

        function test_timeWarningsAndProblemReport() {
            harness.advanceClock(19 * 60 + 1)
            tryVerify(function () { return item("timeWarning").visible })
            compare(item("timeWarning").text, "10 minutes left")
            harness.advanceClock(5 * 60)
            compare(item("timeWarning").text, "5 minutes left")

            click("reportProblemButton")
            mouseClick(item("problemText"))
            typeText("label missing")
            click("sendProblemButton")
            tryCompare(item("problemStatus"), "text", "Thank you. The invigilator has been told.")
            compare(harness.logCount("question-problem"), 1)
        }
    }
}
