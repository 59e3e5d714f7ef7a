import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// A button operable by pointer, Tab + Space and Tab + Enter, with a visible focus ring.
Button {
    id: control
    property bool primary: false
    focusPolicy: Qt.StrongFocus
    Accessible.name: text
    font.pixelSize: Session.accessibility.fontPixelSize
    padding: Math.round(12 * Session.accessibility.textScale)
    Keys.onReturnPressed: if (enabled) clicked()
    Keys.onEnterPressed: if (enabled) clicked()
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.primary ? Session.accessibility.accentText : Session.accessibility.text
        opacity: control.enabled ? 1.0 : 0.45
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 44
        radius: 4
        color: control.primary ? Session.accessibility.accent : Session.accessibility.surface
        border.width: control.activeFocus ? 4 : 1
        border.color: control.activeFocus ? Session.accessibility.focusRing : Session.accessibility.text
        opacity: control.down ? 0.8 : 1.0
    }
}
