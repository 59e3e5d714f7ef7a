import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// Shows an engine or store failure for the invigilator; the journal is intact when it shows.
Rectangle {
    id: banner
    objectName: "failureBanner"
    property string message: ""
    visible: message.length > 0
    height: visible ? label.implicitHeight + 24 : 0
    color: Session.accessibility.warning
    Connections {
        target: Session
        function onFailure(text) { banner.message = text }
        function onScreenChanged() { banner.message = "" }
    }
    Text {
        id: label
        anchors.fill: parent
        anchors.margins: 12
        text: banner.message
        color: "white"
        wrapMode: Text.Wrap
        font.pixelSize: Session.accessibility.fontPixelSize
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
        Accessible.ignored: !visible
    }
}
