import QtQuick
import QtQuick.Controls

// One of several choices, which a screen reader can choose (AT-SPI's Press or Toggle): Qt 6.4's
// RadioButton reports both actions and performs neither.
RadioButton {
    Accessible.name: text
    Accessible.onPressAction: if (enabled && !checked) { toggle(); toggled() }
    Accessible.onToggleAction: if (enabled && !checked) { toggle(); toggled() }
}
