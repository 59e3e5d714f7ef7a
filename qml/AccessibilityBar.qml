import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// Text size (three steps) and colour theme, on every candidate screen. Wraps onto a second
// row when the largest text makes it wider than the screen.
Flow {
    id: bar
    spacing: 8
    KText {
        height: larger.height
        verticalAlignment: Text.AlignVCenter
        text: qsTr("Text size")
    }
    KButton {
        objectName: "textSmallerButton"
        text: "A\u2212"
        Accessible.name: qsTr("Smaller text")
        enabled: Session.accessibility.textSizeStep > 0
        onClicked: Session.accessibility.decreaseTextSize()
    }
    KButton {
        id: larger
        objectName: "textLargerButton"
        text: "A+"
        Accessible.name: qsTr("Larger text")
        enabled: Session.accessibility.textSizeStep < 2
        onClicked: Session.accessibility.increaseTextSize()
    }
    Item { width: 16; height: 1 }
    KButton {
        objectName: "themeStandardButton"
        text: qsTr("Standard colours")
        onClicked: Session.accessibility.theme = AccessibilitySettings.Standard
    }
    KButton {
        objectName: "themeHighContrastButton"
        text: qsTr("High contrast")
        onClicked: Session.accessibility.theme = AccessibilitySettings.HighContrast
    }
    KButton {
        objectName: "themeOverlayButton"
        text: qsTr("Colour overlay")
        onClicked: Session.accessibility.theme = AccessibilitySettings.Overlay
    }
}
