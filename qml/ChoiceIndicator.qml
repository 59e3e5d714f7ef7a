import QtQuick
import Vigil.Kiosk

// The box or circle of an answer, drawn in the theme's colours (the style's own indicators
// ignore high contrast and overlays).
Rectangle {
    property bool round: false
    property bool checked: false
    property bool focused: false
    implicitWidth: Math.round(26 * Session.accessibility.textScale)
    implicitHeight: implicitWidth
    radius: round ? width / 2 : 4
    color: Session.accessibility.surface
    border.width: focused ? 4 : 2
    border.color: focused ? Session.accessibility.focusRing : Session.accessibility.text

    Rectangle {
        visible: parent.checked
        anchors.centerIn: parent
        width: parent.width * 0.5
        height: width
        radius: parent.round ? width / 2 : 2
        color: Session.accessibility.accent
    }
}
