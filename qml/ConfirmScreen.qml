import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// The invigilator checks that the right candidate sits at this PC for the right assessment.
FocusScope {
    objectName: "confirmScreen"

    RowLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 1000)
        spacing: 32

        Image {
            objectName: "candidatePhoto"
            visible: Session.hasPhoto
            source: Session.photoSource
            sourceSize.width: 240
            sourceSize.height: 300
            fillMode: Image.PreserveAspectFit
            cache: false
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("Photo of %1").arg(Session.candidateName)
            Accessible.ignored: !visible
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 10
            KText { Layout.fillWidth: true; scale: 1.4; font.bold: true; text: qsTr("Confirm the candidate") }
            KText { objectName: "candidateName"; Layout.fillWidth: true; scale: 1.3; text: Session.candidateName }
            KText {
                objectName: "registrationNumber"
                Layout.fillWidth: true
                text: qsTr("Registration number: %1").arg(Session.registrationNumber)
            }
            KText { objectName: "assessmentTitle"; Layout.fillWidth: true; font.bold: true; text: Session.assessmentTitle }
            KText { Layout.fillWidth: true; text: qsTr("Code: %1").arg(Session.assessmentCode) }
            KText {
                objectName: "assessmentFacts"
                Layout.fillWidth: true
                text: qsTr("%1 minutes, %2 questions").arg(Session.durationMinutes).arg(Session.questionCount)
                      + (Session.extraTimeMinutes > 0 ? qsTr(" (+%1 minutes extra time)").arg(Session.extraTimeMinutes) : "")
            }
            KText {
                objectName: "calculatorRule"
                Layout.fillWidth: true
                text: Session.calculatorAllowed ? qsTr("Calculator allowed") : qsTr("No calculator")
            }
            KText {
                objectName: "accessArrangements"
                Layout.fillWidth: true
                text: Session.accessArrangementsText
                // A computer reader the arrangement grants but this PC cannot give: move the seat.
                color: Session.reader.wanted && !Session.reader.enabled ? Session.accessibility.warning
                                                                        : Session.accessibility.text
            }
            KText { Layout.fillWidth: true; text: qsTr("Invigilator: %1").arg(Session.invigilatorName) }
            RowLayout {
                spacing: 12
                KButton {
                    objectName: "confirmCandidateButton"
                    primary: true
                    focus: true
                    text: qsTr("Confirm candidate")
                    onClicked: Session.confirmCandidate()
                }
                KButton {
                    objectName: "wrongCandidateButton"
                    text: qsTr("Wrong candidate")
                    onClicked: Session.rejectCandidate()
                }
            }
        }
    }
}
