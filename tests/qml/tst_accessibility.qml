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
    }
}
