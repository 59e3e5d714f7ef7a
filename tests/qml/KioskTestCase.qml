import QtQuick
import QtTest
import Vigil.Kiosk

// Helpers shared by the screen tests: wait for a screen, click or type by objectName.
TestCase {
    id: testCase
    property Item screens
    when: windowShown

    function screen(name) {
        tryVerify(function () { return screens.currentScreen && screens.currentScreen.objectName === name },
                  3000, "expected the " + name)
        waitForRendering(screens.currentScreen)
        return screens.currentScreen
    }
    function item(name) {
        const found = findChild(screens.currentScreen, name)
        verify(found, name + " is on " + screens.currentScreen.objectName)
        return found
    }
    // Scrolls the Flickable holding target (if any) so that target is in view, as a
    // candidate would before clicking.
    function bringIntoView(target) {
        for (let p = target.parent; p; p = p.parent) {
            if (p.contentY !== undefined && p.contentItem !== undefined && p.flicking !== undefined) {
                const pos = target.mapToItem(p.contentItem, 0, 0)
                if (pos.y < p.contentY || pos.y + target.height > p.contentY + p.height)
                    p.contentY = Math.max(0, Math.min(pos.y, p.contentHeight - p.height))
                waitForRendering(target)
                return
            }
        }
    }
    function click(name) {
        const target = item(name)
        bringIntoView(target)
        verify(target.visible, name + " is visible")
        verify(target.enabled, name + " is enabled")
        mouseClick(target)
        return target
    }
    function typeText(text) {
        for (let i = 0; i < text.length; ++i)
            keyClick(text[i])
    }
    // Logs in: PIN on the on-screen keypad, password on the physical keyboard.
    function login(pin, password) {
        screen("loginScreen")
        mouseClick(item("pinField"))
        for (let i = 0; i < pin.length; ++i)
            click("key_" + pin[i])
        mouseClick(item("passwordField"))
        typeText(password)
        click("loginButton")
    }
    // A move on the question screen is durable at once and presented, whole, on the event
    // loop's next turn (Session.goTo): let that turn run before reading the new question.
    function questionShown() {
        wait(0)
    }
    function goToFirstQuestion() {
        screen("lockedScreen")
        click("invigilatorLoginButton")
        login(harness.pin, harness.password)
        screen("confirmScreen")
        click("confirmCandidateButton")
        screen("instructionsScreen")
        click("startButton")
        return screen("questionScreen")
    }
}
