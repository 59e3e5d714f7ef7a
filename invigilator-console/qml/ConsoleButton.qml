import QtQuick
import QtQuick.Controls

// The console's button: a Button that a screen reader can press (AT-SPI's Press, Orca's
// "activate") and the keyboard can press with Return or Enter as well as Space. Qt 6.4's Button
// reports the Press action but does nothing when it is performed, so without this an invigilator
// using a screen reader could press nothing on the console (the kiosk's KButton does the same).
Button {
    Accessible.name: text
    Accessible.onPressAction: if (enabled) clicked()
    Keys.onReturnPressed: if (enabled) clicked()
    Keys.onEnterPressed: if (enabled) clicked()
}
