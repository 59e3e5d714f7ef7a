import QtQuick
import QtQuick.Templates as T
import Vigil.Kiosk

// An answer's letter and words on a practice question (the contentItem of its radio button or
// check box): rich text, white on the accent once ticked. Read to a screen reader through the
// control's name, never as markup. An answer holding a diagram sits on a light panel in high
// contrast, as item content does (PracticeRichText.qml); the tick still shows as the fill
// around it.
Text {
    id: answerText
    required property T.AbstractButton control
    required property int index
    required property string letter
    required property string html
    objectName: "choiceText_" + index
    text: "<b>" + letter + ".</b> " + html
    textFormat: Text.RichText
    wrapMode: Text.Wrap
    font.pixelSize: Practice.look.fontPixelSize
    readonly property bool onLightPanel: Practice.look.diagramsOnLightPanel && /<img\b/i.test(html)
    color: onLightPanel ? "black" : control.checked ? Practice.look.accentText : Practice.look.text
    padding: onLightPanel ? Math.round(8 * Practice.look.textScale) : 0
    verticalAlignment: Text.AlignVCenter
    Rectangle {
        anchors.fill: parent
        z: -1
        visible: answerText.onLightPanel
        radius: 6
        color: "white"
    }
}
