import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text field.
ColumnLayout {
    property alias label: caption.text
    property alias text: field.text
    property alias echoMode: field.echoMode
    property alias field: field
    spacing: 2
    Layout.fillWidth: true
    Label { id: caption }
    TextField { id: field; Layout.fillWidth: true; objectName: parent.objectName + "Field" }
}
