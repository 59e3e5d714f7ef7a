import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

FocusScope {
    objectName: "resultScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 800)
        spacing: 16
        KText { Layout.fillWidth: true; scale: 1.4; font.bold: true; text: Session.assessmentTitle }
        KText {
            objectName: "resultTimedOut"
            Layout.fillWidth: true
            visible: Session.timedOut
            text: qsTr("The time ran out; your answers were submitted.")
        }
        KText {
            objectName: "resultScore"
            Layout.fillWidth: true
            visible: Session.resultShown
            scale: 1.3
            text: qsTr("Score: %1 out of %2 (%3%)").arg(Session.score).arg(Session.maxScore)
                  .arg(Session.percentage.toFixed(1))
        }
        KText {
            objectName: "resultOutcome"
            Layout.fillWidth: true
            scale: 1.6
            font.bold: true
            text: Session.resultShown ? (Session.passed ? qsTr("Pass") : qsTr("Fail"))
                                      : qsTr("Your answers have been submitted. The result will be issued by the awarding body.")
        }
        KButton {
            objectName: "finishButton"
            focus: true
            text: qsTr("Done (invigilator)")
            onClicked: Session.finish()
        }
    }
}
