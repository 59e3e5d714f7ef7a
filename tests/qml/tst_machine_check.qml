import QtQuick
import QtTest
import Vigil.Kiosk

Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "MachineCheck"
        screens: screens

        function test_aFindingNeedsTheInvigilatorsReasonBeforeTheSittingStarts() {
            harness.machineCheckFinds("teamviewer", "TeamViewer (remote control software) is running.")
            screen("lockedScreen")
            click("invigilatorLoginButton")
            login(harness.pin, harness.password)
            screen("machineCheckScreen")
            verify(!item("machineContinueButton").enabled, "no way past a finding without a reason")
            // An empty reason is refused and says why.
            click("overrideButton_0")
            tryVerify(function () { return item("overrideMessage").visible })
            verify(!item("machineContinueButton").enabled)
            mouseClick(item("overrideReason_0"))
            typeText("Technician confirmed the service is disabled")
            click("overrideButton_0")
            tryVerify(function () { return item("machineContinueButton").enabled })
            compare(harness.logCount("machine-override"), 1)
            click("machineContinueButton")
            screen("confirmScreen")
            click("confirmCandidateButton")
            screen("instructionsScreen")
            click("startButton")
            screen("questionScreen")
            // The invigilator wrote the override: it is in the record, not waiting for review.
            verify(!findChild(screens, "incidentStrip").visible)
            compare(Session.pendingIncidents, 0)
            compare(Session.incidents.length, 1)
        }
    }
}
