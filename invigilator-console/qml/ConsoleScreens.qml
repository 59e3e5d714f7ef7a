import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The console's screens, one at a time, as consoleApp.screen says. Presentation only: every
// action is a call on the controller that returns "" or the sentence to show.
Rectangle {
    id: root
    color: "#f4f5f7"

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // The signed-in header: who, and the screens this role may open.
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            color: "#1d3557"
            visible: consoleApp.userName !== ""
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 16
                anchors.rightMargin: 16
                spacing: 8
                Label {
                    text: consoleApp.centreId + " " + consoleApp.centreName
                    color: "white"
                    font.bold: true
                }
                Item { Layout.fillWidth: true }
                ConsoleButton { objectName: "navHome"; text: "Home"; onClicked: consoleApp.show("home") }
                ConsoleButton {
                    objectName: "navUsers"
                    text: "Users"
                    visible: consoleApp.coordinator
                    onClicked: consoleApp.show("users")
                }
                ConsoleButton {
                    objectName: "navKiosks"
                    text: "Kiosks"
                    visible: consoleApp.coordinator
                    onClicked: consoleApp.show("kiosks")
                }
                ConsoleButton {
                    objectName: "navSession"
                    text: "Session " + (consoleApp.session.id || "")
                    visible: consoleApp.session.id !== undefined
                    onClicked: consoleApp.show("sessionSetup")
                }
                ConsoleButton {
                    objectName: "navSessions"
                    text: "Sessions"
                    onClicked: consoleApp.show("sessions")
                }
                Label { text: consoleApp.userName; color: "white" }
                ConsoleButton { objectName: "signOut"; text: "Sign out"; onClicked: consoleApp.signOut() }
            }
        }

        Loader {
            id: screenLoader
            objectName: "screenLoader"
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: {
                switch (consoleApp.screen) {
                case "firstRun": return "FirstRunScreen.qml"
                case "signIn": return "SignInScreen.qml"
                case "home": return "HomeScreen.qml"
                case "users": return "UsersScreen.qml"
                case "kiosks": return "KiosksScreen.qml"
                case "sessions": return "SessionsScreen.qml"
                case "sessionSetup": return "SessionSetupScreen.qml"
                case "seatingPlan": return "SeatingPlanScreen.qml"
                case "incidents": return "IncidentsScreen.qml"
                case "export": return "ExportScreen.qml"
                case "liveRoom": return "LiveRoomScreen.qml"
                case "outbox": return "OutboxScreen.qml"
                default: return "UnavailableScreen.qml"
                }
            }
        }
    }
}
