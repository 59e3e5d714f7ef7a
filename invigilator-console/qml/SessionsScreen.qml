import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Sessions this person may see; the coordinator plans a new one.
Item {
    RowLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 24
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label { text: "Sessions"; font.pixelSize: 22; font.bold: true }
            ListView {
                objectName: "sessionList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: consoleApp.sessions
                delegate: ConsoleRow {
                    objectName: "session_" + modelData.id
                    width: ListView.view.width
                    text: modelData.id + "  " + modelData.date + " " + modelData.startTime + "  " +
                          modelData.room + "  " + modelData.state + "  " + modelData.invigilators
                    onClicked: message.text = consoleApp.openSession(modelData.id)
                }
            }
            Label { visible: consoleApp.sessions.length === 0; text: "No sessions yet." }
        }
        ColumnLayout {
            visible: consoleApp.coordinator
            Layout.preferredWidth: 400
            spacing: 6
            Label { text: "Plan a session"; font.bold: true }
            FormField { id: room; objectName: "room"; label: "Room" }
            FormField { id: date; objectName: "date"; label: "Date (yyyy-mm-dd)" }
            FormField { id: start; objectName: "start"; label: "Start (hh:mm)" }
            Label { text: "Invigilators" }
            Repeater {
                id: invigilators
                model: consoleApp.users.filter(u => u.role === "invigilator")
                ConsoleSwitch { objectName: "invigilator_" + modelData.userId; text: modelData.name }
            }
            Label { text: "Assessments" }
            Repeater {
                id: assessments
                model: consoleApp.packages
                ConsoleSwitch {
                    objectName: "assessment_" + modelData.id
                    text: modelData.id + ": " + modelData.title
                }
            }
            ConsoleButton {
                objectName: "createSession"
                text: "Create session"
                onClicked: {
                    let chosenUsers = [], chosenPackages = []
                    for (let i = 0; i < invigilators.count; ++i)
                        if (invigilators.itemAt(i).checked)
                            chosenUsers.push(invigilators.model[i].userId)
                    for (let j = 0; j < assessments.count; ++j)
                        if (assessments.itemAt(j).checked)
                            chosenPackages.push(consoleApp.packages[j].digest)
                    message.text = consoleApp.createSession({ room: room.text, date: date.text,
                        startTime: start.text, invigilators: chosenUsers,
                        packages: chosenPackages })
                }
            }
            Label {
                id: message
                objectName: "message"
                color: "#b00020"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Item { Layout.fillHeight: true }
        }
    }
}
