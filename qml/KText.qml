import QtQuick
import Vigil.Kiosk

// Plain text in the candidate's chosen size and colours. Never selectable.
Text {
    property real scale: 1.0
    color: Session.accessibility.text
    font.pixelSize: Math.round(Session.accessibility.fontPixelSize * scale)
    wrapMode: Text.Wrap
    textFormat: Text.PlainText
}
