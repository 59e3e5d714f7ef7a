import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// The question is hidden and the timer stopped until an invigilator resumes.
FocusScope {
    objectName: "pausedScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 800)
        spacing: 16
        KText { Layout.fillWidth: true; scale: 1.6; font.bold: true; text: qsTr("The assessment is paused") }
        KText {
            objectName: "pausedTimeLeft"
            Layout.fillWidth: true
            text: qsTr("The timer is stopped with %1 left. Wait for the invigilator.").arg(Session.timeLeftText)
        }
        KButton {
            objectName: "resumeButton"
            focus: true
            text: qsTr("Invigilator: resume")
            onClicked: Session.beginResumeFromPause()
        }
    }
}
