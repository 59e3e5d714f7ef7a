import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Kiosk
import "fit_check.js" as FitCheck

// A practice seat's text size and colours, chosen by the candidate on every practice screen
// (a practice seat has no assignment to set them): clicked through with the real Practice
// controller over the practice sample quiz, on the smallest supported screen (1280x720). At the
// largest text, in standard, high-contrast and overlay colours, every practice screen fits
// (fit_check.js, as for the assessment's screens), the banner still says practice, and a
// diagram stays visible on high contrast's black. The next candidate starts from the standard
// ones.
Item {
    id: window
    width: 1280
    height: 720

    // Controls inherit the text size from the practice seat's ApplicationWindow
    // (PracticeMain.qml); this stands in for it.
    Control {
        anchors.fill: parent
        padding: 0
        font.pixelSize: Practice.look.fontPixelSize
        contentItem: PracticeScreens { id: screens }
    }

    KioskTestCase {
        name: "PracticeTextAndColours"
        screens: screens
        property var failures: []

        readonly property var themes: [[AccessibilitySettings.Standard, "standard"],
                                       [AccessibilitySettings.HighContrast, "high contrast"],
                                       [AccessibilitySettings.Overlay, "overlay"]]

        function bar(name) {
            const found = findChild(screens, name)
            verify(found, name + " is on every practice screen")
            return found
        }
        function clickBar(name) {
            const button = bar(name)
            verify(button.visible && button.enabled, name + " can be pressed")
            mouseClick(button)
            waitForRendering(screens)
        }
        function settle() {
            for (let frame = 0; frame < 3; ++frame) {
                window.Window.window.update()
                waitForRendering(screens, 1000)
            }
        }
        function checkFits(what) {
            for (const [theme, themeName] of themes) {
                if (Practice.accessibility.theme !== theme) {
                    Practice.accessibility.theme = theme
                    waitForRendering(screens)
                }
                settle()
                for (const line of FitCheck.problems(window, screens))
                    failures.push(what + ", " + themeName + ": " + line)
            }
            Practice.accessibility.theme = AccessibilitySettings.Standard
        }
        function signIn() {
            screen("practiceSignInScreen")
            mouseClick(item("nameField"))
            typeText("Sam Okafor")
            mouseClick(item("registrationField"))
            typeText("EF246810")
            click("signInButton")
            screen("practiceQuizListScreen")
        }
        // The pixel colour at the middle of the banner and of the screen's own background.
        function colourAt(x, y) {
            const c = grabImage(screens).pixel(x, y)
            return Qt.rgba(c.r, c.g, c.b, 1)
        }
        function sameColour(a, b) {
            return Math.abs(a.r - b.r) < 0.02 && Math.abs(a.g - b.g) < 0.02
                    && Math.abs(a.b - b.b) < 0.02
        }

        function test_1_theCandidateChoosesTextSizeAndColours() {
            screen("practiceSignInScreen")
            const banner = findChild(screens, "practiceBanner")
            const bannerText = findChild(screens, "practiceBannerText")
            const standardBanner = banner.color
            compare(bannerText.font.pixelSize, 20)
            verify(!bar("practiceTextSmallerButton").enabled, "standard is the smallest")

            clickBar("practiceTextLargerButton")
            compare(Practice.accessibility.textSizeStep, 1)
            compare(bannerText.font.pixelSize, 26)
            clickBar("practiceTextLargerButton")
            compare(bannerText.font.pixelSize, 32)
            compare(item("signInButton").font.pixelSize, 32)
            verify(!bar("practiceTextLargerButton").enabled, "three steps, as the assessment's")
            clickBar("practiceTextSmallerButton")
            compare(bannerText.font.pixelSize, 26)

            // High contrast: the screen goes black, the banner stays practice's amber.
            clickBar("practiceThemeHighContrastButton")
            compare(Practice.accessibility.theme, AccessibilitySettings.HighContrast)
            verify(sameColour(colourAt(screens.width - 4, screens.height - 4), Qt.rgba(0, 0, 0, 1)),
                   "the screen is black: " + colourAt(screens.width - 4, screens.height - 4))
            verify(sameColour(colourAt(screens.width / 2, 4), standardBanner),
                   "the banner is still amber")
            compare(String(bar("practiceAccentEdge").color), String(Practice.look.accent))
            verify(String(Practice.look.accent) !== "#ffff00", "never the assessment's accent")

            // The overlay button shows the tint it has, then each press the next one.
            const overlay = bar("practiceThemeOverlayButton")
            compare(overlay.text, "Colour overlay")
            clickBar("practiceThemeOverlayButton")
            compare(Practice.accessibility.theme, AccessibilitySettings.Overlay)
            compare(overlay.text, "Overlay: cream (next)")
            verify(sameColour(colourAt(screens.width - 4, screens.height - 4),
                              Practice.accessibility.overlayColour), "the screen is cream")
            clickBar("practiceThemeOverlayButton")
            compare(overlay.text, "Overlay: blue (next)")
            verify(sameColour(colourAt(screens.width - 4, screens.height - 4),
                              Practice.accessibility.overlayColour), "the screen is blue")

            // The choice stays with the candidate from screen to screen...
            signIn()
            compare(Practice.accessibility.overlayName, "blue")
            compare(item("candidateLine").font.pixelSize, Math.round(26 * 1.3))
            // ...and the next candidate starts from the standard ones.
            click("signOutButton")
            screen("practiceSignInScreen")
            compare(Practice.accessibility.theme, AccessibilitySettings.Standard)
            compare(Practice.accessibility.textSizeStep, 0)
            compare(bar("practiceThemeOverlayButton").text, "Colour overlay")
            compare(findChild(screens, "practiceBannerText").font.pixelSize, 20)
        }

        function test_2_everyPracticeScreenFitsAtTheLargestText() {
            screen("practiceSignInScreen")
            Practice.accessibility.textSizeStep = 2
            compare(Practice.look.fontPixelSize, 32)
            checkFits("Sign-in")
            click("signInButton")
            tryVerify(function () { return item("signInMessage").visible })
            checkFits("Sign-in with its message")
            signIn()
            checkFits("Quizzes")
            click("startQuiz_0")
            screen("practiceQuestionScreen")
            for (let question = 1; question <= 4; ++question) {
                settle()
                click("choice_0")
                checkFits("Question " + question)
                if (question < 4)
                    click("nextButton")
            }
            // The tread diagram on high contrast: on a light panel, in black, so its lines show.
            Practice.accessibility.theme = AccessibilitySettings.HighContrast
            waitForRendering(screens)
            const stem = item("questionText")
            verify(stem.onLightPanel, "a stem holding a diagram is on a light panel")
            verify(findChild(stem, "lightPanel").visible)
            compare(String(stem.color), "#000000")
            verify(!item("questionHeading").text.includes("<"), "plain text elsewhere")
            Practice.accessibility.theme = AccessibilitySettings.Standard
            waitForRendering(screens)
            verify(!item("questionText").onLightPanel)
            click("submitButton")
            screen("practiceFeedbackScreen")
            checkFits("Answers")
            click("backToQuizzesButton")
            screen("practiceQuizListScreen")
            checkFits("Quizzes after a quiz")
            click("signOutButton")

            for (const line of failures)
                console.warn(line)
            verify(failures.length === 0, failures.length + " problem(s), listed above")
        }
    }
}
