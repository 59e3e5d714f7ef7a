import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

FocusScope {
    objectName: "instructionsScreen"

    ColumnLayout {
        anchors.centerIn: parent
        // Wider with larger text, so the rules keep about as many words a line and fit the height.
        width: Math.min(parent.width - 80, 900 * Session.accessibility.textScale)
        spacing: 12
        AccessibilityBar { Layout.fillWidth: true }
        KText { Layout.fillWidth: true; scale: 1.4; font.bold: true; text: Session.assessmentTitle }
        KText {
            objectName: "rules"
            Layout.fillWidth: true
            text: [
                qsTr("You have %1 minutes for %2 questions. The timer starts when you press Start.")
                    .arg(Session.durationMinutes + Session.extraTimeMinutes).arg(Session.questionCount),
                Session.linearNavigation ? qsTr("Answer the questions in order; you cannot go back.")
                                         : qsTr("You may move between questions, flag them for review and change answers until you submit."),
                Session.calculatorAllowed ? qsTr("You may use the on-screen calculator.")
                                          : qsTr("No calculator may be used."),
                Session.referenceMaterialNote.length > 0 ? qsTr("Allowed reference material: %1").arg(Session.referenceMaterialNote)
                                                         : qsTr("No notes, books, phones or other programs may be used."),
                qsTr("Do not talk to other candidates. Raise your hand if you need the invigilator."),
                qsTr("If a question or diagram seems wrong, use \"Report a problem\".")
            ].map(function (line) { return "\u2022 " + line }).join("\n")
        }
        KText {
            objectName: "readerKeys"
            Layout.fillWidth: true
            visible: Session.reader.enabled
            text: Session.reader.keyHelp
        }
        KButton {
            objectName: "startButton"
            primary: true
            focus: true
            text: qsTr("Start")
            Accessible.name: qsTr("Start the assessment")
            onClicked: Session.start()
        }
    }
}
