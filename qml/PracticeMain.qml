import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// The window of a practice seat (seat.conf `mode = practice`), loaded instead of Main.qml: the
// Out of service screen while start-up has failed, the practice screens once it has not.
// Nothing here touches the `Session` singleton: a practice seat has no session.
ApplicationWindow {
    id: window
    objectName: "kioskWindow"
    width: 1280
    height: 800
    visible: true
    title: qsTr("Vigil practice")
    color: Startup.outOfService ? "#1a1a1a" : Practice.look.background
    font.pixelSize: Startup.outOfService ? 22 : Practice.look.fontPixelSize

    Loader {
        id: rootLoader
        objectName: "rootLoader"
        anchors.fill: parent
        focus: true
        sourceComponent: Startup.outOfService ? outOfService : practiceScreens
        onLoaded: item.forceActiveFocus()
    }
    Component {
        id: outOfService
        StartupProblemScreen {}
    }
    Component {
        id: practiceScreens
        PracticeScreens {
            focus: true
        }
    }
}
