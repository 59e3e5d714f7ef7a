import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Kiosk
import "fit_check.js" as FitCheck

// Every screen a sitting passes through, at the largest text size on the smallest supported
// screen (1280x720), in standard and high-contrast colours: each control and text is in the
// window or scrollable into view, no text is elided or spills out of its box, nothing is drawn
// over anything else. A new screen is covered by one checkFits() line where the path reaches it.
Item {
    id: window
    width: 1280
    height: 720

    // Controls inherit the candidate's text size from the kiosk's ApplicationWindow (Main.qml);
    // this stands in for it.
    Control {
        anchors.fill: parent
        padding: 0
        font.pixelSize: Session.accessibility.fontPixelSize
        contentItem: KioskScreens { id: screens }
    }

    KioskTestCase {
        name: "LargestTextFit"
        screens: screens
        property var failures: []
        // Set to a folder while working on a screen to look at what the check saw.
        property string screenshotFolder: ""

        function checkFits(what) {
            const themes = [[AccessibilitySettings.Standard, "standard"],
                            [AccessibilitySettings.HighContrast, "high contrast"]]
            for (const [theme, themeName] of themes) {
                useTheme(theme)
                settle()
                for (const line of FitCheck.problems(window, screens))
                    failures.push(what + ", " + themeName + ": " + line)
                if (screenshotFolder.length > 0) {
                    grabImage(window).save(screenshotFolder + "/" + what.replace(/[^A-Za-z0-9]+/g, "-")
                                           + "-" + themeName.replace(" ", "-") + ".png")
                }
            }
            useTheme(AccessibilitySettings.Standard)
        }
        // Layouts finish over a frame or two after a change (a wrapped text's height follows
        // its width): check what a candidate sees once they have, not a half-polished frame.
        function settle() {
            for (let frame = 0; frame < 3; ++frame) {
                window.Window.window.update()
                waitForRendering(screens, 1000)
            }
        }
        function useTheme(theme) {
            // waitForRendering waits for a frame; without a change there is none to wait for.
            if (Session.accessibility.theme === theme)
                return
            Session.accessibility.theme = theme
            waitForRendering(screens)
        }

        // The check itself: one of each defect, each reported.
        function test_checkerReportsEachKindOfProblem() {
            const broken = Qt.createQmlObject(`
                import QtQuick
                import Vigil.Kiosk
                Item {
                    anchors.fill: parent
                    KButton { objectName: "offScreen"; x: 1200; text: "Far right" }
                    KButton { objectName: "overlapping"; x: 0; y: 100; text: "One" }
                    KButton { objectName: "overlapped"; x: 60; y: 110; text: "Two" }
                    KButton { objectName: "squeezed"; x: 0; y: 300; width: 60; text: "A long label" }
                    Flickable {
                        y: 400; width: 300; height: 100; contentHeight: 200; clip: true
                        KButton { objectName: "scrollable"; y: 150; text: "Below" }
                        KButton { objectName: "beyondScroll"; y: 250; text: "Lost" }
                    }
                }`, window)
            waitForRendering(broken)
            const found = FitCheck.problems(window, broken).join("\n")
            broken.destroy()
            verify(/offScreen is outside/.test(found), found)
            verify(/overlapping and overlapped overlap/.test(found), found)
            verify(/"A long label" is elided/.test(found), found)
            verify(/beyondScroll lies outside what/.test(found), found)
            verify(!/scrollable/.test(found), "what a Flickable scrolls to is in reach: " + found)
        }

        function test_everyScreenFitsAtTheLargestTextSize() {
            Session.accessibility.textSizeStep = 2
            compare(Session.accessibility.textScale, 1.6)

            screen("lockedScreen")
            checkFits("Locked")
            click("invigilatorLoginButton")
            screen("loginScreen")
            checkFits("Login")
            login("999999", "wrong")
            tryVerify(function () { return item("loginMessage").text.length > 0 })
            checkFits("Login with its message")
            harness.machineCheckFinds("anydesk", "AnyDesk (remote control software) is running.")
            login(harness.pin, harness.password)
            screen("machineCheckScreen")
            checkFits("Machine check")
            mouseClick(item("overrideReason_0"))
            typeText("IT support confirmed it is not connected")
            click("overrideButton_0")
            tryVerify(function () { return item("machineContinueButton").enabled })
            checkFits("Machine check, finding accepted")
            click("machineContinueButton")
            screen("confirmScreen")
            checkFits("Confirm")
            click("confirmCandidateButton")
            screen("instructionsScreen")
            checkFits("Instructions")
            click("startButton")

            screen("questionScreen")
            checkFits("Question 1")
            click("calculatorButton")
            checkFits("Question 1 with the calculator")
            click("reportProblemButton")
            checkFits("Question 1 with the calculator and the problem box")
            mouseClick(item("problemText"))
            typeText("label missing")
            click("sendProblemButton")
            tryVerify(function () { return item("problemStatus").text.length > 0 })
            checkFits("Question 1 after a problem report")

            click("nextButton")
            questionShown()
            compare(Session.position, 1)
            for (const choice of ["choice_0", "choice_1", "choice_2"]) {
                settle() // the new question's choices are laid out before they are clicked
                click(choice)
            }
            tryVerify(function () { return item("answerMessage").visible })
            checkFits("Question 2 (diagram, multiple response, message)")
            click("nextButton")
            questionShown()
            click("flagButton")
            checkFits("Question 3 flagged")
            click("nextButton")
            questionShown()
            click("nextButton")
            questionShown()
            harness.advanceClock(25 * 60 + 1)
            tryVerify(function () { return item("timeWarning").visible })
            checkFits("Question 5 with a time warning")

            mouseClick(findChild(screens, "reviewIncidentsButton"))
            login(harness.pin, harness.password)
            screen("incidentsScreen")
            checkFits("Incidents")
            click("acknowledgeIncidentsButton")
            screen("questionScreen")

            click("pauseButton")
            screen("loginScreen")
            checkFits("Login to pause")
            login(harness.pin, harness.password)
            screen("pausedScreen")
            checkFits("Paused")
            click("resumeButton")
            login(harness.pin, harness.password)
            screen("questionScreen")

            click("reviewButton")
            screen("reviewScreen")
            checkFits("Review")
            click("reviewSubmitButton")
            screen("submitScreen")
            checkFits("Submit, first stage")
            click("confirmSubmitButton")
            tryVerify(function () { return item("submitSecondStage").visible })
            checkFits("Submit, second stage")
            click("confirmSubmitButton")
            screen("resultScreen")
            checkFits("Result")
            click("finishButton")
            screen("lockedScreen")
            checkFits("Locked after the sitting")

            for (const line of failures)
                console.warn(line)
            verify(failures.length === 0, failures.length + " problem(s), listed above")
        }
    }
}
