import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

FocusScope {
    objectName: "lockedScreen"
    Accessible.name: qsTr("Locked")

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 900)
        spacing: 24

        KText {
            objectName: "centreName"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: Session.centreName
            scale: 1.6
            font.bold: true
        }
        KText {
            objectName: "seatLabel"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: Session.seatLabel.length > 0 ? qsTr("Seat %1").arg(Session.seatLabel) : ""
            scale: 1.3
        }
        KText {
            objectName: "clock"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: Session.clockText
            scale: 2.5
            Accessible.name: qsTr("Time %1").arg(Session.clockText)
        }
        KText {
            objectName: "lockedStatus"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: Session.setupError.length > 0 ? Session.setupError
                  : Session.sittingInProgress ? qsTr("A sitting is in progress on this PC. Waiting for the invigilator.")
                  : qsTr("Waiting for the invigilator")
            color: Session.setupError.length > 0 ? Session.accessibility.warning : Session.accessibility.text
            scale: 1.2
        }
        KButton {
            id: loginButton
            objectName: "invigilatorLoginButton"
            Layout.alignment: Qt.AlignHCenter
            visible: Session.setupError.length === 0
            focus: true
            text: qsTr("Invigilator")
            Accessible.name: qsTr("Invigilator login")
            onClicked: Session.beginLogin()
        }
        // The link to the centre's console (seat.conf names one): this PC's fingerprint for
        // enrolment, the console and where the link stands. Words come from Link (C++).
        KText {
            objectName: "linkFingerprint"
            Layout.fillWidth: true
            Layout.topMargin: 24
            horizontalAlignment: Text.AlignHCenter
            visible: Link.linked
            text: Link.fingerprintText
            font.family: "monospace"
            scale: 1.2
        }
        KText {
            objectName: "linkConsole"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: Link.linked
            text: Link.consoleText
        }
        KText {
            objectName: "linkStanding"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: Link.linked
            text: Link.standingText
        }
    }
}
