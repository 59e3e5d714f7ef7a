import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// The kiosk's one window. No context menu, no text selection: nothing on these screens offers
// either (Text items are not selectable, and no menu is ever created).
ApplicationWindow {
    id: window
    objectName: "kioskWindow"
    width: 1280
    height: 800
    visible: true
    title: qsTr("Vigil")
    color: Session.accessibility.background
    font.pixelSize: Session.accessibility.fontPixelSize

    KioskScreens {
        anchors.fill: parent
        focus: true
    }
}
