import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// Two confirmations before a submission that cannot be undone.
FocusScope {
    objectName: "submitScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 800)
        spacing: 16
        KText { Layout.fillWidth: true; scale: 1.4; font.bold: true; text: qsTr("Submit your answers?") }
        KText {
            objectName: "submitUnanswered"
            Layout.fillWidth: true
            text: Session.unansweredCount === 0 ? qsTr("You have answered every question.")
                  : qsTr("You have %n unanswered question(s).", "", Session.unansweredCount)
            color: Session.unansweredCount > 0 ? Session.accessibility.warning : Session.accessibility.text
        }
        KText {
            objectName: "submitSecondStage"
            Layout.fillWidth: true
            visible: Session.submitStage === 2
            font.bold: true
            text: qsTr("Are you sure? You cannot change your answers after this.")
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        RowLayout {
            spacing: 12
            KButton {
                objectName: "confirmSubmitButton"
                primary: true
                text: Session.submitStage === 2 ? qsTr("Yes, submit now") : qsTr("Submit")
                onClicked: Session.confirmSubmit()
            }
            KButton {
                objectName: "cancelSubmitButton"
                focus: true
                text: qsTr("Go back to the questions")
                onClicked: Session.cancelSubmit()
            }
        }
    }
}
