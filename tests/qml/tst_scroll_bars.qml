import QtQuick
import QtTest
import Vigil.Kiosk

Item {
    width: 1280
    height: 720
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "ScrollBars"
        screens: screens

        // WCAG relative luminance and contrast ratio of two colours.
        function luminance(c) {
            const channel = function (v) { return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
        }
        function contrast(a, b) {
            const la = luminance(a), lb = luminance(b)
            return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
        }
        function cleanup() {
            Session.accessibility.theme = AccessibilitySettings.Standard
            Session.accessibility.textSizeStep = 0
        }

        // At the largest text the side panel (palette + calculator) scrolls on a 720-line
        // screen: its scroll bar must be shown, wide, and visible against the page.
        function test_scrollBarIsShownWideAndInTheThemesColours() {
            goToFirstQuestion()
            Session.accessibility.textSizeStep = 2
            if (Session.calculatorAllowed)
                click("calculatorButton")
            const bar = item("sidePanelScrollBar")
            tryVerify(function () { return bar.size < 1.0 }, 3000, "the side panel has more to see")
            verify(bar.visible)
            const panel = item("sidePanel")
            compare(bar.parent, panel)
            compare(bar.x + bar.width, panel.width, "at the panel's right edge")
            verify(bar.height > panel.height / 2, "bar height " + bar.height)
            const handle = bar.contentItem
            verify(handle.visible)
            verify(handle.height > 0 && handle.height < bar.height, "handle height " + handle.height)
            verify(handle.width >= 16, "handle width " + handle.width)
            for (const theme of [AccessibilitySettings.Standard, AccessibilitySettings.HighContrast]) {
                Session.accessibility.theme = theme
                compare(handle.color, Session.accessibility.mutedText)
                verify(contrast(handle.color, Session.accessibility.background) >= 3.0,
                       "handle contrast " + contrast(handle.color, Session.accessibility.background))
            }
        }
    }
}
