import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// Shows the screen the session is on. Each screen is loaded for as long as it is shown, so
// nothing typed on one screen (PIN, password, report text) survives a screen change.
FocusScope {
    id: root
    objectName: "kioskScreens"
    readonly property Item currentScreen: screenLoader.item

    readonly property var screenFiles: ({
        [Session.Locked]: "LockedScreen.qml",
        [Session.Login]: "LoginScreen.qml",
        [Session.MachineCheck]: "MachineCheckScreen.qml",
        [Session.Confirm]: "ConfirmScreen.qml",
        [Session.Instructions]: "InstructionsScreen.qml",
        [Session.Question]: "QuestionScreen.qml",
        [Session.Review]: "ReviewScreen.qml",
        [Session.SubmitConfirm]: "SubmitScreen.qml",
        [Session.Result]: "ResultScreen.qml",
        [Session.Paused]: "PausedScreen.qml",
        [Session.Incidents]: "IncidentsScreen.qml"
    })

    Rectangle {
        anchors.fill: parent
        color: Session.accessibility.background
    }
    IncidentStrip {
        id: incidentStrip
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
    }
    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.top: incidentStrip.bottom
        focus: true
        source: root.screenFiles[Session.screen]
        onLoaded: item.forceActiveFocus()
    }
    FailureBanner {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }
}
