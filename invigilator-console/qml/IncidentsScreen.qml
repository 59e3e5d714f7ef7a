import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The session's incident log: what is recorded (oldest first) and a new entry: what happened,
// for the whole room or one seat, and a description. Time and who recorded it are filled in.
Item {
    id: screen
    property string kind: ""
    RowLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 24
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                text: "Incidents: " + consoleApp.session.id + "  " + consoleApp.session.room
                font.pixelSize: 22
                font.bold: true
            }
            Repeater {
                model: consoleApp.incidents
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: "#" + modelData.sequence + "  " + modelData.time + "  " +
                          modelData.kind + "  " +
                          (modelData.seat === "" ? modelData.scope
                                                 : modelData.seat + " " + modelData.candidate) +
                          "  — " + modelData.description + "  (" + modelData.recordedBy + ")"
                }
            }
            Label { visible: consoleApp.incidents.length === 0; text: "Nothing recorded yet." }
            Item { Layout.fillHeight: true }
        }
        ColumnLayout {
            Layout.preferredWidth: 440
            spacing: 6
            Label { text: "What happened"; font.bold: true }
            Flow {
                Layout.fillWidth: true
                spacing: 4
                Repeater {
                    model: consoleApp.incidentKinds
                    ConsoleButton {
                        objectName: "kind_" + modelData.code
                        text: modelData.label
                        checkable: true
                        checked: screen.kind === modelData.code
                        onClicked: screen.kind = modelData.code
                    }
                }
            }
            FormField {
                id: seat
                objectName: "incidentSeat"
                label: "Seat (empty: the whole room)"
            }
            FormField {
                id: question
                objectName: "questionNumber"
                label: "Question number (a question problem)"
            }
            FormField {
                id: assessmentId
                objectName: "questionAssessment"
                label: "Assessment id (a question problem)"
            }
            FormField { id: description; objectName: "description"; label: "Description" }
            ConsoleButton {
                objectName: "recordIncident"
                text: "Record"
                onClicked: message.text = consoleApp.recordIncident({
                    kind: screen.kind, seat: seat.text, description: description.text,
                    questionNumber: parseInt(question.text) || 0,
                    assessmentId: assessmentId.text }) || "Recorded"
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
