import QtQuick
import Vigil.Kiosk

// Text on the practice screens, in practice's colours. Never selectable; hidden, it is not in
// the accessibility tree.
Text {
    property real scale: 1.0
    color: Practice.look.text
    font.pixelSize: Math.round(Practice.look.fontPixelSize * scale)
    wrapMode: Text.Wrap
    textFormat: Text.PlainText
    Accessible.role: Accessible.StaticText
    Accessible.name: text
    Accessible.ignored: !visible
}
