import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// A button on the practice screens: practice's green accent (never the assessment's blue),
// operable by pointer, Tab + Space and Tab + Enter, with a visible focus ring.
Button {
    id: control
    property bool primary: false
    focusPolicy: Qt.StrongFocus
    Accessible.name: text
    Accessible.ignored: !visible
    Accessible.onPressAction: if (enabled) clicked()
    Keys.onReturnPressed: if (enabled) clicked()
    Keys.onEnterPressed: if (enabled) clicked()
    font.pixelSize: Practice.look.fontPixelSize
    padding: 12
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.primary && control.enabled ? Practice.look.accentText : Practice.look.text
        opacity: control.enabled ? 1.0 : 0.6
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 44
        radius: 4
        color: control.primary && control.enabled ? Practice.look.accent : Practice.look.surface
        border.width: control.activeFocus ? Practice.look.focusRingWidth : 1
        border.color: control.activeFocus ? Practice.look.focusRing : Practice.look.accent
        opacity: control.down ? 0.8 : 1.0
    }
}
