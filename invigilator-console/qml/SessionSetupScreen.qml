import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One session's set-up: its facts, invigilators, assessments (metadata only) and candidates,
// typed in or imported from CSV text, each bad row shown.
Item {
    RowLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 24
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                objectName: "sessionTitle"
                text: consoleApp.session.id + "  " + consoleApp.session.room + "  " +
                      consoleApp.session.date + " " + consoleApp.session.startTime + "  (" +
                      consoleApp.session.state + ")"
                font.pixelSize: 22
                font.bold: true
            }
            Label { text: "Invigilators: " + (consoleApp.session.invigilators || []).join(", ") }
            Label { text: "Assessments: " + (consoleApp.session.assessments || []).join(", ") }
            RowLayout {
                ConsoleButton {
                    objectName: "openPlan"
                    text: "Seating plan"
                    onClicked: consoleApp.show("seatingPlan")
                }
                ConsoleButton {
                    objectName: "openLive"
                    text: "Live room"
                    onClicked: message.text = consoleApp.openLiveRoom()
                }
                ConsoleButton {
                    objectName: "openIncidents"
                    text: "Incidents"
                    onClicked: consoleApp.show("incidents")
                }
                ConsoleButton {
                    objectName: "openExport"
                    text: "Export record"
                    visible: consoleApp.coordinator
                    onClicked: consoleApp.show("export")
                }
            }
            Label { text: "Candidates"; font.bold: true }
            ListView {
                objectName: "candidateList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: consoleApp.candidates
                delegate: Label {
                    text: modelData.registrationNumber + "  " + modelData.name
                          + (modelData.arrangements !== "none"
                             ? "  ·  " + modelData.arrangements : "")
                }
            }
        }
        ColumnLayout {
            Layout.preferredWidth: 420
            spacing: 6
            FormField { id: name; objectName: "candidateName"; label: "Candidate name" }
            FormField { id: registration; objectName: "registration"; label: "Registration number" }
            ConsoleButton {
                objectName: "addCandidate"
                text: "Add candidate"
                onClicked: message.text = consoleApp.addCandidate(name.text, registration.text)
            }
            Label { text: "Import from CSV (name,registration)" }
            TextArea {
                id: csv
                objectName: "csv"
                Accessible.name: "Candidates as CSV"
                Layout.fillWidth: true
                Layout.preferredHeight: 140
            }
            ConsoleButton {
                objectName: "importCsv"
                text: "Import"
                onClicked: {
                    const problems = consoleApp.importCandidates(csv.text)
                    message.text = problems.length === 0 ? "Imported" : problems.join("\n")
                }
            }
            // Access arrangements: carried into the candidate's seat assignment.
            Label { text: "Access arrangements for a candidate"; font.bold: true }
            RowLayout {
                FormField {
                    id: arrangedFor
                    objectName: "arrangementRegistration"
                    label: "Registration number"
                }
                FormField {
                    id: extraPercent
                    objectName: "extraTimePercent"
                    label: "Extra time %"
                    text: "0"
                }
            }
            RowLayout {
                ConsoleSwitch { id: screenReader; objectName: "screenReader"; text: "Screen reader" }
                ConsoleSwitch { id: computerReader; objectName: "computerReader"; text: "Computer reader" }
            }
            RowLayout {
                FormField {
                    id: textScale
                    objectName: "textScale"
                    label: "Text size (0 normal, 1 large, 2 largest)"
                    text: "0"
                }
                FormField { id: overlay; objectName: "overlay"; label: "Overlay colour or none" }
            }
            ConsoleButton {
                objectName: "saveArrangements"
                text: "Save arrangements"
                onClicked: message.text = consoleApp.setArrangements(arrangedFor.text, {
                    extraTimePercent: parseInt(extraPercent.text) || 0,
                    screenReader: screenReader.checked,
                    computerReader: computerReader.checked,
                    textScale: parseInt(textScale.text) || 0,
                    overlay: overlay.text
                }) || "Saved"
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
