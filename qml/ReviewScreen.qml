import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

FocusScope {
    objectName: "reviewScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 900)
        spacing: 14
        KText { Layout.fillWidth: true; scale: 1.4; font.bold: true; text: qsTr("Review your answers") }
        KText {
            objectName: "reviewTimeLeft"
            Layout.fillWidth: true
            text: qsTr("Time left %1").arg(Session.timeLeftText)
            Accessible.name: Session.timeLeftSpoken
        }
        KText {
            objectName: "unansweredSummary"
            Layout.fillWidth: true
            text: Session.unansweredNumbers.length === 0 ? qsTr("Every question has an answer.")
                  : qsTr("Unanswered: %1").arg(Session.unansweredNumbers.length)
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: Session.unansweredNumbers
                delegate: KButton {
                    required property int modelData
                    objectName: "unanswered_" + modelData
                    text: modelData
                    Accessible.name: qsTr("Go to unanswered question %1").arg(modelData)
                    onClicked: Session.goTo(modelData - 1)
                }
            }
        }
        KText {
            objectName: "flaggedSummary"
            Layout.fillWidth: true
            text: Session.flaggedNumbers.length === 0 ? qsTr("No question is flagged for review.")
                  : qsTr("Flagged for review: %1").arg(Session.flaggedNumbers.length)
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: Session.flaggedNumbers
                delegate: KButton {
                    required property int modelData
                    objectName: "flagged_" + modelData
                    text: modelData
                    Accessible.name: qsTr("Go to flagged question %1").arg(modelData)
                    onClicked: Session.goTo(modelData - 1)
                }
            }
        }
        RowLayout {
            spacing: 12
            KButton {
                objectName: "backToQuestionsButton"
                focus: true
                text: qsTr("Back to the questions")
                onClicked: Session.closeReview()
            }
            KButton {
                objectName: "reviewSubmitButton"
                text: qsTr("Finish and submit")
                onClicked: Session.requestSubmit()
            }
        }
    }
}
