import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// The practice seat's screens, under the practice banner. Each screen is loaded for as long as
// it is shown, so nothing typed on one survives a screen change.
FocusScope {
    id: root
    objectName: "practiceScreens"
    readonly property Item currentScreen: screenLoader.item

    readonly property var screenFiles: ({
        [Practice.SignIn]: "PracticeSignInScreen.qml",
        [Practice.Quizzes]: "PracticeQuizListScreen.qml",
        [Practice.Question]: "PracticeQuestionScreen.qml",
        [Practice.Feedback]: "PracticeFeedbackScreen.qml"
    })

    Rectangle {
        anchors.fill: parent
        color: Practice.look.background
    }
    // The accent down the left edge: a practice screen is green-edged on every screen.
    Rectangle {
        objectName: "practiceAccentEdge"
        anchors.left: parent.left
        anchors.top: banner.bottom
        anchors.bottom: parent.bottom
        width: 12
        color: Practice.look.accent
    }
    PracticeBanner {
        id: banner
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
    }
    // The candidate's text size and colours, under the banner on every screen.
    Rectangle {
        id: accessibilityStrip
        anchors.left: parent.left
        anchors.leftMargin: 12
        anchors.right: parent.right
        anchors.top: banner.bottom
        implicitHeight: accessibilityBar.implicitHeight + 16
        color: Practice.look.surface
        PracticeAccessibilityBar {
            id: accessibilityBar
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: 8
        }
    }
    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.left: parent.left
        anchors.leftMargin: 12
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.top: accessibilityStrip.bottom
        focus: true
        source: root.screenFiles[Practice.screen]
        onLoaded: item.forceActiveFocus()
    }
}
