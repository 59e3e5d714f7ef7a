import QtQuick
import QtQuick.Templates as T
import Vigil.Kiosk

// An answer's letter and words on a practice question (the contentItem of its radio button or
// check box): rich text, white on the accent once ticked. Read to a screen reader through the
// control's name, never as markup.
Text {
    required property T.AbstractButton control
    required property int index
    required property string letter
    required property string html
    objectName: "choiceText_" + index
    text: "<b>" + letter + ".</b> " + html
    textFormat: Text.RichText
    wrapMode: Text.Wrap
    font.pixelSize: Practice.fontPixelSize
    color: control.checked ? Practice.accentText : Practice.text
    verticalAlignment: Text.AlignVCenter
}
