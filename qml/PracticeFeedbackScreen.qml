import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// After a practice quiz: the score against its pass mark, then each question with the
// candidate's answer, the right answer and the item's feedback.
FocusScope {
    objectName: "practiceFeedbackScreen"

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
                Layout.fillWidth: true
                color: Practice.look.accent
                font.bold: true
                text: Practice.quizTitle
            }
            PracticeText {
                objectName: "scoreText"
                Layout.fillWidth: true
                scale: 1.3
                text: Practice.scoreText
            }
            PracticeText {
                objectName: "outcomeText"
                Layout.fillWidth: true
                scale: 1.2
                font.bold: true
                color: Practice.passed ? Practice.look.right : Practice.look.wrong
                text: Practice.outcomeText
            }
            PracticeButton {
                objectName: "backToQuizzesButton"
                primary: true
                text: qsTr("Back to my quizzes")
                onClicked: Practice.backToQuizzes()
            }
            Repeater {
                model: Practice.review
                delegate: Rectangle {
                    objectName: "review_" + index
                    Layout.fillWidth: true
                    implicitHeight: reviewColumn.implicitHeight + 24
                    color: Practice.look.surface
                    border.color: modelData.correct ? Practice.look.right : Practice.look.wrong
                    border.width: 2
                    radius: 4
                    ColumnLayout {
                        id: reviewColumn
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.top: parent.top
                        anchors.margins: 12
                        spacing: 6
                        PracticeText {
                            objectName: "reviewHeading_" + index
                            Layout.fillWidth: true
                            font.bold: true
                            color: modelData.correct ? Practice.look.right : Practice.look.wrong
                            text: (modelData.correct ? "\u2714 " : "\u2718 ") + modelData.heading
                            // The mark repeats the heading's "right" / "not right": read once.
                            Accessible.name: modelData.heading
                        }
                        PracticeRichText {
                            objectName: "reviewQuestion_" + index
                            Layout.fillWidth: true
                            text: modelData.questionHtml
                            readingText: modelData.questionReading
                        }
                        PracticeRichText {
                            objectName: "yourAnswer_" + index
                            Layout.fillWidth: true
                            text: qsTr("Your answer: %1").arg(modelData.yourAnswer)
                            readingText: qsTr("Your answer: %1").arg(modelData.yourAnswerReading)
                        }
                        PracticeRichText {
                            objectName: "rightAnswer_" + index
                            Layout.fillWidth: true
                            text: qsTr("Right answer: %1").arg(modelData.rightAnswer)
                            readingText: qsTr("Right answer: %1").arg(modelData.rightAnswerReading)
                        }
                        PracticeRichText {
                            objectName: "feedback_" + index
                            Layout.fillWidth: true
                            visible: modelData.feedbackHtml.length > 0
                            plainColour: Practice.look.mutedText
                            text: modelData.feedbackHtml
                            readingText: modelData.feedbackReading
                        }
                    }
                }
            }
        }
    }
}
