import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// The kiosk's one window. No context menu, no text selection: nothing on these screens offers
// either (Text items are not selectable, and no menu is ever created).
//
// While start-up has failed (`Startup.outOfService`, set by KioskRuntime) there is no session
// and maybe no store: only the Out of service screen loads, and nothing here may touch the
// `Session` singleton until the session exists.
ApplicationWindow {
    id: window
    objectName: "kioskWindow"
    width: 1280
    height: 800
    visible: true
    title: qsTr("Vigil")
    color: Startup.outOfService ? "#1a1a1a" : Session.accessibility.background
    font.pixelSize: Startup.outOfService ? 22 : Session.accessibility.fontPixelSize

    Loader {
        id: rootLoader
        objectName: "rootLoader"
        anchors.fill: parent
        focus: true
        sourceComponent: Startup.outOfService ? outOfService : sessionScreens
        onLoaded: item.forceActiveFocus()
    }
    Component {
        id: outOfService
        StartupProblemScreen {}
    }
    Component {
        id: sessionScreens
        KioskScreens {
            focus: true
        }
    }
}
