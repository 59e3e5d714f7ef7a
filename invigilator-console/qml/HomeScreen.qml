import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Home: what this role does here.
Item {
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12
        Label {
            objectName: "welcome"
            text: "Signed in as " + consoleApp.userName +
                  (consoleApp.coordinator ? " (centre coordinator)" : " (invigilator)")
            font.pixelSize: 22
        }
        Label {
            text: consoleApp.coordinator
                  ? "You manage the centre's users and kiosks, plan sessions and export records."
                  : "You see and run the sessions you invigilate."
        }
        Label {
            objectName: "linkState"
            text: consoleApp.listeningPort > 0
                  ? "Kiosks connect on port " + consoleApp.listeningPort
                  : "The link to the kiosks is not running: " + consoleApp.problem
        }
        Label { text: "Your sessions: " + consoleApp.sessions.length }
        ConsoleButton {
            objectName: "openOutbox"
            text: "Outbox to the awarding body (" + consoleApp.outbox.waitingCount + " waiting)"
            onClicked: consoleApp.show("outbox")
        }
        Item { Layout.fillHeight: true }
    }
}
