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
                color: Practice.look.accent
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
                color: Practice.look.mutedText
                text: Practice.choiceHint
            }
            Repeater {
                model: Practice.choices
                // A radio button where one answer is asked for, a check box where several may
                // be, ticked or not: what a screen reader announces each answer as. (A Button
                // stays a "push button" in Qt 6.4 whatever Accessible.role says.)
                delegate: Loader {
                    id: choiceLoader
                    required property int index
                    required property string text
                    required property string letter
                    required property bool selected
                    required property string readingText
                    Layout.fillWidth: true
                    sourceComponent: Practice.multipleResponse ? checkChoice : radioChoice
                    Component {
                        id: radioChoice
                        RadioButton {
                            id: radio
                            objectName: "choice_" + choiceLoader.index
                            autoExclusive: false
                            indicator: null
                            horizontalPadding: 8
                            verticalPadding: 6
                            contentItem: PracticeChoiceText {
                                control: radio
                                index: choiceLoader.index
                                letter: choiceLoader.letter
                                html: choiceLoader.text
                            }
                            background: PracticeChoiceBackground { control: radio }
                            // What is ticked comes from Practice, which decides: a tick the
                            // control made itself gives way to Practice's at once.
                            checked: choiceLoader.selected
                            Accessible.name: choiceLoader.readingText
                            Keys.onReturnPressed: toggled()
                            Keys.onEnterPressed: toggled()
                            Accessible.onPressAction: toggled()
                            onToggled: {
                                Practice.choose(choiceLoader.index)
                                checked = Qt.binding(() => choiceLoader.selected)
                            }
                        }
                    }
                    Component {
                        id: checkChoice
                        CheckBox {
                            id: check
                            objectName: "choice_" + choiceLoader.index
                            indicator: null
                            horizontalPadding: 8
                            verticalPadding: 6
                            contentItem: PracticeChoiceText {
                                control: check
                                index: choiceLoader.index
                                letter: choiceLoader.letter
                                html: choiceLoader.text
                            }
                            background: PracticeChoiceBackground { control: check }
                            checked: choiceLoader.selected // as above
                            Accessible.name: choiceLoader.readingText
                            Keys.onReturnPressed: toggled()
                            Keys.onEnterPressed: toggled()
                            Accessible.onPressAction: toggled()
                            onToggled: {
                                Practice.choose(choiceLoader.index)
                                checked = Qt.binding(() => choiceLoader.selected)
                            }
                        }
                    }
                }
            }
            // Wraps at the largest text rather than run off the screen.
            Flow {
                Layout.fillWidth: true
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
                color: Practice.look.mutedText
                text: Practice.unansweredCount === 0 ? qsTr("You have answered every question.")
                                                     : qsTr("Unanswered: %1").arg(Practice.unansweredCount)
            }
        }
    }
}
