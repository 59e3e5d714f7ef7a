import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Kiosks: those waiting (seat, fingerprint, address), enrolment by typing the fingerprint the
// kiosk shows, the enrolled ones, and what the link refused.
Item {
    Timer { interval: 1000; running: true; repeat: true; onTriggered: consoleApp.refresh() }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 8
        Label { text: "Waiting kiosks"; font.pixelSize: 22; font.bold: true }
        Repeater {
            model: consoleApp.waitingKiosks
            Label {
                text: modelData.seat + "  fingerprint " + modelData.fingerprint + "  from " +
                      modelData.address +
                      (modelData.conflict ? "  (" + modelData.conflict + ")" : "")
            }
        }
        Label {
            visible: consoleApp.waitingKiosks.length === 0
            text: "No kiosk is waiting. A new kiosk shows its fingerprint on its screen (This PC: …)."
        }
        RowLayout {
            FormField { id: seat; objectName: "seat"; label: "Seat label" }
            FormField {
                id: fingerprint
                objectName: "fingerprint"
                label: "Fingerprint shown on the kiosk"
            }
            ConsoleButton {
                objectName: "enrol"
                text: "Enrol"
                Layout.alignment: Qt.AlignBottom
                // Enrolled: the fields are cleared for the next PC; refused: kept to correct.
                onClicked: {
                    const refusal = consoleApp.enrolKiosk(seat.text, fingerprint.text)
                    message.text = refusal || "Enrolled " + seat.text
                    if (refusal === "") {
                        seat.text = ""
                        fingerprint.text = ""
                    }
                }
            }
        }
        Label { id: message; objectName: "message"; color: "#b00020"; wrapMode: Text.Wrap }
        Label { text: "Enrolled kiosks"; font.pixelSize: 20; font.bold: true }
        Repeater {
            model: consoleApp.enrolledKiosks
            Label { text: modelData.seat + "  enrolled by " + modelData.enrolledBy }
        }
        Label { visible: consoleApp.enrolledKiosks.length === 0; text: "None yet." }
        Label { text: "Refused"; font.pixelSize: 20; font.bold: true }
        Repeater {
            model: consoleApp.refusedNotices
            Label { text: modelData; wrapMode: Text.Wrap }
        }
        Item { Layout.fillHeight: true }
    }
}
