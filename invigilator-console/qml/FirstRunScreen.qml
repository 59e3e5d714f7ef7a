import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The first run: the centre, the awarding body's public key files, the coordinator.
Item {
    ScrollView {
        anchors.fill: parent
        anchors.margins: 24
        ColumnLayout {
            width: Math.min(640, parent.width)
            spacing: 10
            Label { text: "Set up this centre's console"; font.pixelSize: 26; font.bold: true }
            FormField { id: centreId; objectName: "centreId"; label: "Centre number" }
            FormField { id: centreName; objectName: "centreName"; label: "Centre name" }
            FormField {
                id: signingKey
                objectName: "signingKey"
                label: "Awarding body's signing key file (.pub)"
            }
            FormField {
                id: boxKey
                objectName: "boxKey"
                label: "Awarding body's box key file (.pub)"
            }
            Label { text: "Centre coordinator"; font.pixelSize: 20; font.bold: true }
            FormField { id: userId; objectName: "userId"; label: "User id" }
            FormField { id: name; objectName: "name"; label: "Name" }
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
                objectName: "createCentre"
                text: "Create the centre"
                onClicked: refusal.text = consoleApp.createCentre({
                    centreId: centreId.text, centreName: centreName.text,
                    signingKeyFile: signingKey.text, boxKeyFile: boxKey.text,
                    userId: userId.text, name: name.text, pin: pin.text,
                    password: password.text })
            }
        }
    }
}
