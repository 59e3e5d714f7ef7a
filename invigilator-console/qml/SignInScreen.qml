import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Signing in: user id, PIN and password; the refusal's sentence (a lock-out says who can help).
Item {
    ColumnLayout {
        anchors.centerIn: parent
        width: 420
        spacing: 10
        Label { text: consoleApp.centreName; font.pixelSize: 26; font.bold: true }
        Label { text: "Sign in to the console" }
        FormField { id: userId; objectName: "userId"; label: "User id" }
        FormField { id: pin; objectName: "pin"; label: "PIN"; echoMode: TextInput.Password }
        FormField {
            id: password
            objectName: "password"
            label: "Password"
            echoMode: TextInput.Password
        }
        Label {
            id: refusal
            objectName: "refusal"
            color: "#b00020"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ConsoleButton {
            objectName: "signIn"
            text: "Sign in"
            onClicked: {
                refusal.text = consoleApp.signIn(userId.text, pin.text, password.text)
                pin.text = ""
                password.text = ""
            }
        }
    }
}
