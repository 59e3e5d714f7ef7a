import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// Practice needs no invigilator: the candidate says who they are, as on their registration,
// so their progress is kept for them.
FocusScope {
    objectName: "practiceSignInScreen"

    // Centred while it fits; at the largest text on a small screen it scrolls instead.
    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: 24
        contentHeight: column.y + column.implicitHeight
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: Math.min(flick.width - 56, 720)
            x: (flick.width - width) / 2
            y: Math.max(0, (flick.height - implicitHeight) / 2)
            spacing: 14
            PracticeText {
                Layout.fillWidth: true
                scale: 1.5
                font.bold: true
                color: Practice.look.accent
                text: qsTr("Practice quizzes")
            }
            PracticeText {
                objectName: "practiceSeat"
                Layout.fillWidth: true
                color: Practice.look.mutedText
                text: Practice.centreName.length > 0
                      ? qsTr("%1, seat %2").arg(Practice.centreName).arg(Practice.seatLabel)
                      : qsTr("Seat %1").arg(Practice.seatLabel)
            }
            PracticeText {
                Layout.fillWidth: true
                text: qsTr("Practise for your assessment on your own. No invigilator is needed, and "
                           + "nothing you do here is sent to the awarding body. Enter your name and "
                           + "registration number so your progress is kept for you.")
            }
            PracticeText { text: qsTr("Your name") }
            TextField {
                id: nameField
                objectName: "nameField"
                Layout.fillWidth: true
                focus: true
                font.pixelSize: Practice.look.fontPixelSize
                placeholderText: qsTr("Your name")
                Accessible.name: qsTr("Your name")
                KeyNavigation.tab: registrationField
            }
            PracticeText { text: qsTr("Your registration number") }
            TextField {
                id: registrationField
                objectName: "registrationField"
                Layout.fillWidth: true
                font.pixelSize: Practice.look.fontPixelSize
                placeholderText: qsTr("Registration number")
                Accessible.name: qsTr("Registration number")
                KeyNavigation.tab: signInButton
                onAccepted: signInButton.clicked()
            }
            PracticeText {
                objectName: "signInMessage"
                Layout.fillWidth: true
                visible: Practice.signInMessage.length > 0
                color: Practice.look.wrong
                // Announced when it appears, as the assessment's messages are.
                Accessible.role: Accessible.AlertMessage
                text: Practice.signInMessage
            }
            PracticeButton {
                id: signInButton
                objectName: "signInButton"
                primary: true
                text: qsTr("Show my practice quizzes")
                onClicked: Practice.signIn(nameField.text, registrationField.text)
            }
        }
    }
}
