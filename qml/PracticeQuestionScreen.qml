import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// One question of a practice quiz. No clock: practice is not timed.
FocusScope {
    objectName: "practiceQuestionScreen"

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: 24
        contentHeight: column.implicitHeight
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: flick.width
            spacing: 12
            PracticeText {
                objectName: "quizTitle"
                Layout.fillWidth: true
                color: Practice.accent
                font.bold: true
                text: Practice.quizTitle
            }
            PracticeText {
                objectName: "questionHeading"
                Layout.fillWidth: true
                scale: 1.3
                font.bold: true
                text: Practice.questionHeading
            }
            PracticeRichText {
                objectName: "questionText"
                Layout.fillWidth: true
                text: Practice.questionHtml
                readingText: Practice.questionReadingText
            }
            PracticeText {
                objectName: "choiceHint"
                Layout.fillWidth: true
                // Empty when the item's own prompt already says it.
                visible: text.length > 0
                color: Practice.mutedText
                text: Practice.choiceHint
            }
            Repeater {
                model: Practice.choices
                delegate: Button {
                    id: choice
                    objectName: "choice_" + index
                    Layout.fillWidth: true
                    // Not checkable: what is chosen comes from Practice, which decides.
                    checked: modelData.checked
                    focusPolicy: Qt.StrongFocus
                    Accessible.role: Accessible.CheckBox
                    // The letter and the words ("B. 1.6 mm across zone B"), never the markup.
                    Accessible.name: modelData.readingText
                    Accessible.onPressAction: Practice.choose(index)
                    Keys.onReturnPressed: Practice.choose(index)
                    onClicked: Practice.choose(index)
                    contentItem: Text {
                        objectName: "choiceText_" + index
                        text: "<b>" + modelData.letter + ".</b> " + modelData.html
                        textFormat: Text.RichText
                        wrapMode: Text.Wrap
                        font.pixelSize: Practice.fontPixelSize
                        color: choice.checked ? Practice.accentText : Practice.text
                    }
                    background: Rectangle {
                        implicitHeight: 52
                        radius: 4
                        color: choice.checked ? Practice.accent : Practice.surface
                        border.width: choice.activeFocus ? 3 : 1
                        border.color: choice.activeFocus ? Practice.banner : Practice.accent
                    }
                }
            }
            RowLayout {
                spacing: 12
                PracticeButton {
                    objectName: "previousButton"
                    text: qsTr("Previous")
                    enabled: Practice.hasPrevious
                    onClicked: Practice.previous()
                }
                PracticeButton {
                    objectName: "nextButton"
                    text: qsTr("Next")
                    enabled: Practice.hasNext
                    onClicked: Practice.next()
                }
                PracticeButton {
                    objectName: "submitButton"
                    primary: true
                    text: qsTr("Submit and see the answers")
                    onClicked: Practice.submit()
                }
                // Back to the list without marking: the quiz reads "Attempted" there.
                PracticeButton {
                    objectName: "leaveQuizButton"
                    text: qsTr("Leave without submitting")
                    onClicked: Practice.backToQuizzes()
                }
            }
            PracticeText {
                objectName: "unansweredText"
                Layout.fillWidth: true
                color: Practice.mutedText
                text: Practice.unansweredCount === 0 ? qsTr("You have answered every question.")
                                                     : qsTr("Unanswered: %1").arg(Practice.unansweredCount)
            }
        }
    }
}
