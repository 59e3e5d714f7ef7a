import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// Text size (three steps) and colours on every practice screen: standard, high contrast, or a
// coloured overlay whose button walks through the tints a candidate may be used to on paper.
// A practice seat has no assignment to set these, so the candidate chooses; the next candidate
// starts from the standard ones. Wraps onto a second row at the largest text.
Flow {
    objectName: "practiceAccessibilityBar"
    spacing: 8
    readonly property AccessibilitySettings settings: Practice.accessibility
    PracticeText {
        height: larger.height
        width: implicitWidth
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.NoWrap
        text: qsTr("Text size")
    }
    PracticeButton {
        objectName: "practiceTextSmallerButton"
        text: "A\u2212"
        Accessible.name: qsTr("Smaller text")
        enabled: settings.textSizeStep > 0
        onClicked: settings.decreaseTextSize()
    }
    PracticeButton {
        id: larger
        objectName: "practiceTextLargerButton"
        text: "A+"
        Accessible.name: qsTr("Larger text")
        enabled: settings.textSizeStep < 2
        onClicked: settings.increaseTextSize()
    }
    Item { width: 16; height: 1 }
    PracticeButton {
        objectName: "practiceThemeStandardButton"
        text: qsTr("Standard colours")
        onClicked: settings.theme = AccessibilitySettings.Standard
    }
    PracticeButton {
        objectName: "practiceThemeHighContrastButton"
        text: qsTr("High contrast")
        onClicked: settings.theme = AccessibilitySettings.HighContrast
    }
    PracticeButton {
        objectName: "practiceThemeOverlayButton"
        text: settings.theme === AccessibilitySettings.Overlay
              ? qsTr("Overlay: %1 (next)").arg(settings.overlayName)
              : qsTr("Colour overlay")
        Accessible.description: qsTr("Each press shows the next overlay colour.")
        onClicked: settings.nextOverlay()
    }
}
