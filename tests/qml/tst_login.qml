import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Kiosk

Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "InvigilatorLogin"
        screens: screens

        function test_fieldsAreMaskedAndClearedAndWrongCredentialsThrottled() {
            screen("lockedScreen")
            click("invigilatorLoginButton")
            screen("loginScreen")
            compare(item("pinField").echoMode, TextInput.Password)
            compare(item("passwordField").echoMode, TextInput.Password)
            verify(item("passwordField").inputMethodHints & Qt.ImhSensitiveData)

            // A half-typed PIN does not survive leaving the screen.
            mouseClick(item("pinField"))
            click("key_4")
            click("key_8")
            compare(item("pinField").text, "48")
            click("cancelLoginButton")
            screen("lockedScreen")
            click("invigilatorLoginButton")
            screen("loginScreen")
            compare(item("pinField").text, "")
            compare(item("passwordField").text, "")

            login("999999", "wrong")
            tryCompare(item("loginMessage"), "text", "The PIN or password is not right.")
            compare(item("pinField").text, "")
            compare(item("passwordField").text, "")
            login(harness.pin, "wrong-again")
            login("123123", "wrong")
            tryVerify(function () { return Session.throttleSecondsLeft > 0 })
            verify(item("loginMessage").text.indexOf("Wait") >= 0)
            verify(!item("loginButton").enabled)
            compare(harness.logCount("login-failed"), 3)

            harness.advanceClock(600)
            tryVerify(function () { return item("loginButton").enabled })
            login(harness.pin, harness.password)
            screen("confirmScreen")
            compare(harness.logCount("login-succeeded"), 1)
            verify(!harness.dataDirContains(harness.pin))
            verify(!harness.dataDirContains(harness.password))
        }

        function test_wrongCandidateGoesBackToLocked() {
            screen("confirmScreen")
            click("wrongCandidateButton")
            screen("lockedScreen")
            compare(harness.logCount("wrong-candidate"), 1)
        }
    }
}
