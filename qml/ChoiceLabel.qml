import QtQuick
import Vigil.Kiosk

// The text of one answer, beside its indicator. An answer holding a diagram is shown on a light
// panel in high contrast, as the question's body is: diagrams are usually black lines on a
// transparent background and would vanish on the theme's black.
Text {
    id: label
    property string letter
    property string body
    // Room left for the answer's box or circle.
    property real indicatorSpace: 0
    readonly property bool onLightPanel: Session.accessibility.theme === AccessibilitySettings.HighContrast
                                         && /<img\b/i.test(body)
    readonly property int panelPadding: onLightPanel ? Math.round(8 * Session.accessibility.textScale) : 0

    leftPadding: indicatorSpace + panelPadding
    rightPadding: panelPadding
    topPadding: panelPadding
    bottomPadding: panelPadding
    text: "<b>" + letter + ".</b> " + body
    textFormat: Text.RichText
    wrapMode: Text.Wrap
    // Black on the white panel: still the theme's highest contrast.
    color: onLightPanel ? "black" : Session.accessibility.text
    font.pixelSize: Session.accessibility.fontPixelSize

    Rectangle {
        objectName: "choicePanel"
        z: -1
        visible: label.onLightPanel
        x: label.indicatorSpace
        width: label.width - x
        height: label.height
        radius: 6
        color: "white"
    }
}
