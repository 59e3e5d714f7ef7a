import QtQuick
import QtQuick.Templates as T
import Vigil.Kiosk

// The box of an answer on a practice question: filled with the accent once ticked, a thick ring
// while it has the keyboard focus. Its tick is the fill, so the control draws no indicator.
Rectangle {
    required property T.AbstractButton control
    implicitHeight: 52
    radius: 4
    color: control.checked ? Practice.look.accent : Practice.look.surface
    border.width: control.activeFocus ? Practice.look.focusRingWidth : 1
    border.color: control.activeFocus ? Practice.look.focusRing : Practice.look.accent
}
