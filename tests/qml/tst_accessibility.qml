import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Kiosk

Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "Accessibility"
        screens: screens

        // Every focusable control on the screen shown has an accessible name.
        function checkAccessibleNames(root) {
            let controls = 0
            const visit = function (node) {
                if (!node)
                    return
                if (node.focusPolicy !== undefined && node.focusPolicy !== Qt.NoFocus) {
                    if (node.visible) {
                        ++controls
                        verify(node.Accessible.name.length > 0,
                               (node.objectName || node.text) + " has an accessible name")
                    }
                }
                for (let i = 0; i < node.children.length; ++i)
                    visit(node.children[i])
            }
            visit(root)
            verify(controls > 0)
        }

        function test_a_keyboardOnlyFromLockedToQuestion() {
            screen("lockedScreen")
            checkAccessibleNames(screens.currentScreen)
            tryVerify(function () { return item("invigilatorLoginButton").activeFocus }, 3000,
                      "focus is on " + screens.Window.activeFocusItem)
            keyClick(Qt.Key_Return)
            screen("loginScreen")
            checkAccessibleNames(screens.currentScreen)
            tryVerify(function () { return item("pinField").activeFocus })
            typeText(harness.pin)
            keyClick(Qt.Key_Tab)
            verify(item("passwordField").activeFocus)
            typeText(harness.password)
            keyClick(Qt.Key_Return)
            screen("confirmScreen")
            checkAccessibleNames(screens.currentScreen)
            tryVerify(function () { return item("confirmCandidateButton").activeFocus })
            keyClick(Qt.Key_Space)
            screen("instructionsScreen")
            checkAccessibleNames(screens.currentScreen)
            tryVerify(function () { return item("startButton").activeFocus })
            keyClick(Qt.Key_Enter)
            screen("questionScreen")
            checkAccessibleNames(screens.currentScreen)
            // Tab through the controls until the first answer has focus, then choose it.
            let guard = 0
            while (!item("choice_0").activeFocus && guard++ < 60)
                keyClick(Qt.Key_Tab)
            verify(item("choice_0").activeFocus, "Tab reaches the first answer")
            keyClick(Qt.Key_Space)
            tryVerify(function () { return item("choice_0").checked })
            compare(Session.unansweredCount, 4)
        }

        function test_b_textSizeThreeSteps() {
            screen("questionScreen")
            const base = Session.accessibility.fontPixelSize
            const heading = item("questionHeading")
            const before = heading.font.pixelSize
            click("textLargerButton")
            verify(Session.accessibility.fontPixelSize > base)
            verify(heading.font.pixelSize > before)
            click("textLargerButton")
            verify(!item("textLargerButton").enabled, "three steps only")
            click("textSmallerButton")
            click("textSmallerButton")
            compare(Session.accessibility.fontPixelSize, base)
            verify(!item("textSmallerButton").enabled)
        }

        function test_c_themes() {
            screen("questionScreen")
            const standard = Session.accessibility.background.toString()
            click("themeHighContrastButton")
            compare(Session.accessibility.background, Qt.color("black"))
            compare(item("questionHeading").color, Qt.color("white"))
            click("themeOverlayButton")
            verify(Qt.colorEqual(Session.accessibility.background, Session.accessibility.overlayColour))
            verify(!Qt.colorEqual(Session.accessibility.background, standard))
            click("themeStandardButton")
            verify(Qt.colorEqual(Session.accessibility.background, standard))
        }

        function test_d_calculatorArithmeticIsTheBackendsAndShownWhenAllowed() {
            screen("questionScreen")
            click("calculatorButton")
            for (const key of ["calc_1", "calc_2", "calc_*", "calc_3", "calc_="])
                click(key)
            compare(item("calculatorDisplay").text, "36")
            click("calc_/")
            click("calc_0")
            click("calc_=")
            compare(item("calculatorDisplay").text, "Error")
            click("calc_C")
            compare(item("calculatorDisplay").text, "0")
        }

        function luminance(c) {
            const channel = function (v) { return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
        }
        function contrast(a, b) {
            const la = luminance(a), lb = luminance(b)
            return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
        }
        function rightEdge(target) {
            return target.mapToItem(screens, 0, 0).x + target.width
        }

        function test_e_disabledButtonsLegibleInEveryTheme() {
            screen("questionScreen")
            const disabled = item("textSmallerButton")
            verify(!disabled.enabled)
            for (const theme of ["themeHighContrastButton", "themeOverlayButton", "themeStandardButton"]) {
                click(theme)
                // Measured on the drawn colours: no fading on top of them.
                compare(disabled.contentItem.opacity, 1)
                compare(disabled.background.opacity, 1)
                const ratio = contrast(disabled.contentItem.color, disabled.background.color)
                verify(ratio >= 4.5, theme + ": disabled text contrast " + ratio.toFixed(2))
                verify(!Qt.colorEqual(disabled.contentItem.color, item("textLargerButton").contentItem.color),
                       theme + ": disabled text differs from enabled text")
            }
        }

        function test_f_questionScreenFitsAtEveryTextSizeWithFlaggedCellReadable() {
            screen("questionScreen")
            if (screens.currentScreen.calculatorOpen)
                click("calculatorButton")
            if (!Session.currentFlagged)
                click("flagButton")
            const number = Session.position + 1
            for (let step = 0; step < 3; ++step) {
                Session.accessibility.textSizeStep = step
                waitForRendering(screens.currentScreen)
                const cell = item("palette_" + number)
                compare(cell.text, number + "\u2691")
                verify(!cell.contentItem.truncated, "flagged cell shows its number at step " + step)
                for (const name of ["pauseButton", "calculatorButton", "submitButton", "reviewButton",
                                    "flagButton", "reportProblemButton", "paletteLegend",
                                    "palette_" + Session.questionCount]) {
                    const target = item(name)
                    verify(rightEdge(target) <= screens.width,
                           name + " ends at " + rightEdge(target) + " at step " + step)
                }
            }
            Session.accessibility.textSizeStep = 0
            click("flagButton")
        }

        // Issue 16: a screen reader gets the stem's words and each answer's letter and words
        // (the session's reading texts), and nothing of a closed panel.
        function test_g_screenReaderTextsAndNothingHidden() {
            screen("questionScreen")
            const stem = item("questionText").Accessible.name
            compare(stem, Session.questionReadingText)
            verify(stem.indexOf("TORQUE-WRENCH-CALIBRATION") >= 0, stem)
            verify(stem.indexOf("<") < 0, stem)
            compare(item("choice_0").Accessible.name, "A. Option A")
            compare(item("choice_1").Accessible.name, "B. Option B")
            compare(item("questionHeading").Accessible.name, Session.questionSummary)
            verify(item("timeLeft").Accessible.name.indexOf("Time left: ") === 0)
            if (screens.currentScreen.calculatorOpen)
                click("calculatorButton")
            verify(item("calc_7").Accessible.ignored, "a closed calculator's keys are not exposed")
            verify(item("calculatorDisplay").Accessible.ignored)
            verify(item("problemText").Accessible.ignored, "the closed problem box is not exposed")
            click("calculatorButton")
            verify(!item("calc_7").Accessible.ignored)
            click("calculatorButton")
            click("flagButton")
            compare(item("questionHeading").Accessible.name, Session.questionHeading + ", flagged for review")
            click("flagButton")
        }
    }
}
