import QtQuick
import Vigil.Kiosk

// The text of one answer, beside its indicator. An answer holding a diagram is shown on a light
// panel in high contrast, as the question's body is: diagrams are usually black lines on a
// transparent background and would vanish on the theme's black.
// A box holding the Text rather than the Text itself: the control showing it reads its content's
// implicit size, and a rich Text whose implicit size is read lays its text out twice on every
// change of question (once unwrapped for its ideal width, then at its width). The box is as tall
// as the text at the width the control gives it and asks for no width of its own.
Item {
    id: choice
    property string letter
    property string body
    // Room left for the answer's box or circle.
    property real indicatorSpace: 0
    readonly property alias text: label.text
    readonly property alias color: label.color
    readonly property bool onLightPanel: Session.accessibility.theme === AccessibilitySettings.HighContrast
                                         && /<img\b/i.test(body)
    readonly property int panelPadding: onLightPanel ? Math.round(8 * Session.accessibility.textScale) : 0

    implicitHeight: label.height

    Rectangle {
        objectName: "choicePanel"
        visible: choice.onLightPanel
        x: choice.indicatorSpace
        width: choice.width - x
        height: choice.height
        radius: 6
        color: "white"
    }
    Text {
        id: label
        width: choice.width
        leftPadding: choice.indicatorSpace + choice.panelPadding
        rightPadding: choice.panelPadding
        topPadding: choice.panelPadding
        bottomPadding: choice.panelPadding
        text: "<b>" + choice.letter + ".</b> " + choice.body
        textFormat: Text.RichText
        wrapMode: Text.Wrap
        // Black on the white panel: still the theme's highest contrast.
        color: choice.onLightPanel ? "black" : Session.accessibility.text
        font.pixelSize: Session.accessibility.fontPixelSize
    }
}
