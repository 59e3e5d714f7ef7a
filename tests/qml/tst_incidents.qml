import QtQuick
import QtTest
import Vigil.Kiosk

Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "IncidentsAtTheSeat"
        screens: screens

        function strip() {
            return findChild(screens, "incidentStrip")
        }

        function test_a_problemReportIsShownToTheInvigilatorAndReviewed() {
            goToFirstQuestion()
            verify(!strip().visible, "no strip before anything happened")
            click("reportProblemButton")
            mouseClick(item("problemText"))
            typeText("answer C is cut off")
            click("sendProblemButton")
            tryVerify(function () { return strip().visible }, 3000, "the strip tells the invigilator")
            compare(findChild(strip(), "incidentStripText").text,
                    "Invigilator: 1 event at this seat to review.")
            // The strip takes its own room: the question screen starts below it.
            verify(screens.currentScreen.mapToItem(screens, 0, 0).y >= strip().height)

            harness.advanceClock(30)
            const left = Session.timeLeftText
            mouseClick(findChild(strip(), "reviewIncidentsButton"))
            login(harness.pin, harness.password)
            screen("incidentsScreen")
            verify(!strip().visible, "the strip is not over the list")
            compare(findChild(screens.currentScreen, "questionText"), null)
            const row = item("incident_0")
            const text = row.children[0].text
            verify(text.indexOf("NEW") === 0, text)
            verify(text.indexOf("Candidate") > 0, text)
            verify(text.indexOf("answer C is cut off") > 0, text)
            harness.advanceClock(240)
            compare(Session.timeLeftText, left, "no time lost while the invigilator reads")
            click("acknowledgeIncidentsButton")
            screen("questionScreen")
            verify(!strip().visible)
            compare(Session.timeLeftText, left)
        }

        function test_c_theStripIsReachedByKeyboardAlone() {
            screen("questionScreen")
            harness.monitorFinds("shortcut", "Alt+Tab was pressed.")
            tryVerify(function () { return strip().visible })
            const button = findChild(strip(), "reviewIncidentsButton")
            let guard = 0
            while (!button.activeFocus && guard++ < 80)
                keyClick(Qt.Key_Tab)
            verify(button.activeFocus, "Tab reaches the strip's button")
            keyClick(Qt.Key_Space)
            screen("loginScreen")
            compare(Session.loginPurpose, Session.ReviewIncidents)
            click("cancelLoginButton")
            screen("questionScreen")
            verify(strip().visible, "cancelling leaves the events waiting")
        }

        function test_b_aLockdownFindingCanLeaveTheSittingPaused() {
            screen("questionScreen")
            harness.monitorFinds("focus", "The kiosk window lost focus.")
            tryVerify(function () { return strip().visible })
            mouseClick(findChild(strip(), "reviewIncidentsButton"))
            login(harness.pin, harness.password)
            screen("incidentsScreen")
            // The earlier report (reviewed), the earlier review pause, the finding (new), and
            // this pause.
            const rows = Session.incidents
            let pending = 0
            for (let i = 0; i < rows.length; ++i)
                pending += rows[i].pending ? 1 : 0
            compare(pending, 1)
            click("keepPausedButton")
            screen("pausedScreen")
            verify(!strip().visible)
            click("resumeButton")
            login(harness.pin, harness.password)
            screen("questionScreen")
            verify(!strip().visible)
        }
    }
}
