import QtQuick
import Vigil.Kiosk

// Item content on the practice screens (a stem, an answer, feedback): shown as rich text, its
// images from the quiz's media in memory (the HTML comes from Practice, routed to the image
// provider), and read to a screen reader as `readingText`, the plain sentences Practice gives
// beside it, never the markup. Content holding a diagram is shown on a light panel in high
// contrast (PracticePalette::diagramsOnLightPanel), in black: still the theme's highest contrast.
PracticeText {
    id: content
    property string readingText
    // The text's colour off the light panel (the theme's text unless a screen says otherwise).
    property color plainColour: Practice.look.text
    readonly property bool onLightPanel: Practice.look.diagramsOnLightPanel && /<img\b/i.test(text)
    textFormat: Text.RichText
    color: onLightPanel ? "black" : plainColour
    padding: onLightPanel ? Math.round(8 * Practice.look.textScale) : 0
    Accessible.name: readingText
    Rectangle {
        objectName: "lightPanel"
        anchors.fill: parent
        z: -1
        visible: content.onLightPanel
        radius: 6
        color: "white"
    }
}
