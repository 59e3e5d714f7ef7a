import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// Invigilator PIN + password. Both fields are masked, never autofilled, and exist only while
// this screen does; the backend checks them and keeps neither.
FocusScope {
    id: screen
    objectName: "loginScreen"
    property var target: pinField

    function submit() {
        if (Session.throttleSecondsLeft > 0)
            return
        Session.submitLogin(pinField.text, passwordField.text)
        pinField.clear()
        passwordField.clear()
        pinField.forceActiveFocus()
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 760)
        spacing: 14

        KText {
            Layout.fillWidth: true
            scale: 1.4
            font.bold: true
            text: Session.loginPurpose === Session.PauseSitting ? qsTr("Invigilator: pause the sitting")
                  : Session.loginPurpose === Session.ResumePaused ? qsTr("Invigilator: resume the sitting")
                  : Session.loginPurpose === Session.ResumeInterrupted ? qsTr("Invigilator: resume the interrupted sitting")
                  : Session.loginPurpose === Session.ReviewIncidents ? qsTr("Invigilator: review the events at this seat")
                  : qsTr("Invigilator login")
        }
        // Each label beside its field: the height saved keeps the keyboard and the buttons on
        // a short screen at the largest text size.
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 14
            rowSpacing: 14
            KText { text: qsTr("PIN") }
            TextField {
                id: pinField
                objectName: "pinField"
                Layout.fillWidth: true
                focus: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                validator: RegularExpressionValidator { regularExpression: /[0-9]{0,12}/ }
                selectByMouse: false
                Accessible.name: qsTr("PIN")
                // Qt 6.4's TextField drops the accessible name of a password field; the
                // placeholder still reaches a screen reader (as the field's description).
                placeholderText: qsTr("PIN")
                onActiveFocusChanged: if (activeFocus) screen.target = pinField
                Keys.onReturnPressed: passwordField.forceActiveFocus()
                Keys.onEnterPressed: passwordField.forceActiveFocus()
                KeyNavigation.tab: passwordField
            }
            KText { text: qsTr("Password") }
            TextField {
                id: passwordField
                objectName: "passwordField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | Qt.ImhHiddenText
                selectByMouse: false
                Accessible.name: qsTr("Password")
                placeholderText: qsTr("Password") // see the PIN field
                onActiveFocusChanged: if (activeFocus) screen.target = passwordField
                Keys.onReturnPressed: screen.submit()
                Keys.onEnterPressed: screen.submit()
            }
        }
        KText {
            objectName: "loginMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            color: Session.accessibility.warning
            text: Session.throttleSecondsLeft > 0
                  ? qsTr("%1 Wait %2 seconds.").arg(Session.loginMessage).arg(Session.throttleSecondsLeft)
                  : Session.loginMessage
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        OnScreenKeyboard {
            Layout.fillWidth: true
            onTyped: (character) => screen.target.insert(screen.target.cursorPosition, character)
            onErased: if (screen.target.cursorPosition > 0)
                          screen.target.remove(screen.target.cursorPosition - 1, screen.target.cursorPosition)
        }
        RowLayout {
            spacing: 12
            KButton {
                objectName: "loginButton"
                primary: true
                enabled: Session.throttleSecondsLeft === 0
                text: qsTr("Log in")
                onClicked: screen.submit()
            }
            KButton {
                objectName: "cancelLoginButton"
                text: qsTr("Cancel")
                onClicked: Session.cancelLogin()
            }
        }
    }
}
