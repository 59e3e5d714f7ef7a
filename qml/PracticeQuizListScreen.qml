import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// The seat's practice quizzes, each with where the candidate stands with it.
FocusScope {
    objectName: "practiceQuizListScreen"

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
                objectName: "candidateLine"
                Layout.fillWidth: true
                scale: 1.3
                font.bold: true
                text: qsTr("%1 (%2)").arg(Practice.candidateName).arg(Practice.registrationNumber)
            }
            PracticeText {
                Layout.fillWidth: true
                text: qsTr("Choose a quiz. You see which answers were right when you submit it.")
            }
            Repeater {
                model: Practice.quizzes
                delegate: Rectangle {
                    objectName: "quiz_" + index
                    Layout.fillWidth: true
                    implicitHeight: row.implicitHeight + 24
                    color: Practice.look.surface
                    border.color: Practice.look.accent
                    radius: 4
                    RowLayout {
                        id: row
                        anchors.fill: parent
                        anchors.margins: 12
                        spacing: 16
                        ColumnLayout {
                            Layout.fillWidth: true
                            PracticeText {
                                objectName: "quizTitle_" + index
                                Layout.fillWidth: true
                                font.bold: true
                                text: modelData.title
                            }
                            PracticeText {
                                Layout.fillWidth: true
                                color: Practice.look.mutedText
                                text: modelData.facts
                            }
                        }
                        Rectangle {
                            implicitWidth: statusText.implicitWidth + 20
                            implicitHeight: statusText.implicitHeight + 10
                            radius: height / 2
                            color: modelData.statusKey === "passed" ? Practice.look.right
                                 : modelData.statusKey === "needs-more-work" ? Practice.look.wrong
                                 : Practice.look.background
                            border.color: Practice.look.mutedText
                            PracticeText {
                                id: statusText
                                objectName: "quizStatus_" + index
                                anchors.centerIn: parent
                                color: modelData.statusKey === "passed"
                                       || modelData.statusKey === "needs-more-work"
                                       ? Practice.look.accentText : Practice.look.text
                                text: modelData.status
                            }
                        }
                        PracticeButton {
                            objectName: "startQuiz_" + index
                            primary: true
                            text: qsTr("Start")
                            Accessible.name: qsTr("Start %1").arg(modelData.title)
                            onClicked: Practice.startQuiz(index)
                        }
                    }
                }
            }
            PracticeText {
                objectName: "noQuizzes"
                Layout.fillWidth: true
                visible: Practice.quizzes.length === 0
                text: qsTr("No practice quizzes are set up on this PC. Ask a member of staff.")
            }
            Repeater {
                model: Practice.refusedQuizzes
                delegate: PracticeText {
                    objectName: "refusedQuiz_" + index
                    Layout.fillWidth: true
                    color: Practice.look.wrong
                    text: qsTr("For staff: %1 cannot be offered. %2").arg(modelData.file).arg(modelData.reason)
                }
            }
            PracticeButton {
                objectName: "signOutButton"
                text: qsTr("Finish: sign out")
                onClicked: Practice.signOut()
            }
        }
    }
}
