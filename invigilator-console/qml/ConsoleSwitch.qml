import QtQuick
import QtQuick.Controls

// An on/off choice a screen reader can toggle (AT-SPI's Toggle or Press): Qt 6.4's Switch
// reports both actions and performs neither.
Switch {
    Accessible.name: text
    Accessible.onPressAction: if (enabled) { toggle(); toggled() }
    Accessible.onToggleAction: if (enabled) { toggle(); toggled() }
}
