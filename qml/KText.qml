import QtQuick
import Vigil.Kiosk

// Plain text in the candidate's chosen size and colours. Never selectable. A screen reader
// reads it as it is shown; while hidden it is not in the accessibility tree at all (an item
// hidden with its parent included), so nothing the candidate cannot see is announced.
Text {
    property real scale: 1.0
    color: Session.accessibility.text
    font.pixelSize: Math.round(Session.accessibility.fontPixelSize * scale)
    wrapMode: Text.Wrap
    textFormat: Text.PlainText
    Accessible.role: Accessible.StaticText
    Accessible.name: text
    Accessible.ignored: !visible
}
