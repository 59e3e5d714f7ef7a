import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The coordinator exports the session's invigilation record: the signed record, its PDF and
// CSV files, and the digest the PDF ends with.
Item {
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 8
        Label {
            text: "Invigilation record: " + consoleApp.session.id + "  " + consoleApp.session.room +
                  "  " + consoleApp.session.date
            font.pixelSize: 22
            font.bold: true
        }
        FormField { id: folder; objectName: "folder"; label: "Folder to write to" }
        ConsoleButton {
            objectName: "export"
            text: "Export"
            onClicked: message.text = consoleApp.exportRecord(folder.text) || "Exported"
        }
        Label { id: message; objectName: "message"; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Label {
            objectName: "exported"
            visible: consoleApp.lastExport.digest !== undefined
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: "Record: " + consoleApp.lastExport.recordFile + "\nPDF: " +
                  consoleApp.lastExport.pdf + "\nCSV: " + consoleApp.lastExport.csv +
                  "\nDigest: " + consoleApp.lastExport.digest
        }
        Item { Layout.fillHeight: true }
    }
}
