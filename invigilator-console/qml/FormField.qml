import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text field. A screen reader names the field by its label, and reads the label
// once: as the field's name, not also as a line of its own.
ColumnLayout {
    property alias label: caption.text
    property alias text: field.text
    property alias echoMode: field.echoMode
    property alias field: field
    spacing: 2
    Layout.fillWidth: true
    Label { id: caption; Accessible.ignored: true }
    TextField {
        id: field
        Layout.fillWidth: true
        objectName: parent.objectName + "Field"
        Accessible.name: caption.text
    }
}
