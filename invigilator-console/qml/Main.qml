import QtQuick
import QtQuick.Controls

// vigil-console's window: one area showing the screen the controller is on.
ApplicationWindow {
    width: 1200
    height: 800
    visible: true
    title: consoleApp.centreName === "" ? "Vigil console"
                                        : "Vigil console — " + consoleApp.centreName
    ConsoleScreens {
        anchors.fill: parent
    }
}
