import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The coordinator's users: the list (locked ones marked), add an invigilator, reset, unlock.
Item {
    RowLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 24
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label { text: "Users"; font.pixelSize: 22; font.bold: true }
            ListView {
                id: list
                objectName: "userList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: consoleApp.users
                delegate: ConsoleRow {
                    width: ListView.view.width
                    text: modelData.userId + "  " + modelData.name + "  " + modelData.role +
                          (modelData.locked ? "  LOCKED" : "")
                    highlighted: ListView.isCurrentItem
                    onClicked: list.currentIndex = index
                }
            }
        }
        ColumnLayout {
            Layout.preferredWidth: 380
            spacing: 6
            Label { text: "Add an invigilator"; font.bold: true }
            FormField { id: userId; objectName: "newUserId"; label: "User id (PIN reference)" }
            FormField { id: name; objectName: "newName"; label: "Name" }
            FormField { id: pin; objectName: "newPin"; label: "PIN"; echoMode: TextInput.Password }
            FormField {
                id: password
                objectName: "newPassword"
                label: "Password"
                echoMode: TextInput.Password
            }
            FormField {
                id: qualification
                objectName: "newQualification"
                label: "Holds an industry qualification in …"
            }
            ConsoleSwitch { id: assessor; text: "Assessor" }
            ConsoleButton {
                objectName: "addInvigilator"
                text: "Add"
                onClicked: message.text = consoleApp.addInvigilator({
                    userId: userId.text, name: name.text, pin: pin.text,
                    password: password.text, qualification: qualification.text,
                    assessor: assessor.checked }) || "Added " + name.text
            }
            Label { text: "Selected user"; font.bold: true }
            FormField { id: reason; objectName: "reason"; label: "Reason" }
            FormField { id: resetPin; objectName: "resetPin"; label: "New PIN" }
            FormField { id: resetPassword; objectName: "resetPassword"; label: "New password" }
            RowLayout {
                ConsoleButton {
                    objectName: "reset"
                    text: "Reset PIN and password"
                    onClicked: message.text = list.currentIndex < 0 ? "Choose a user"
                        : consoleApp.resetCredentials(consoleApp.users[list.currentIndex].userId,
                            resetPin.text, resetPassword.text, reason.text) || "Reset"
                }
                ConsoleButton {
                    objectName: "unlock"
                    text: "Unlock"
                    onClicked: message.text = list.currentIndex < 0 ? "Choose a user"
                        : consoleApp.unlock(consoleApp.users[list.currentIndex].userId,
                                         reason.text) || "Unlocked"
                }
            }
            Label {
                id: message
                objectName: "message"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Item { Layout.fillHeight: true }
        }
    }
}
