import QtQuick
import QtQuick.Controls
import QtTest
import Vigil.Kiosk
import "fit_check.js" as FitCheck

// The reference panel beside the question on the smallest supported screen (1280x720) at the
// largest text size, in standard and high-contrast colours, on the MOT sample paper with its
// real material (this test's runner is given the sample as VIGIL_QML_QTI_PACKAGE): the PDF
// manual searched, then the HTML guide reflowed into the panel. Each control and text is in the
// window or scrollable into view, none elided or spilling out of its box, nothing over anything
// else (the same check as tst_largest_text_fit.qml).
Item {
    id: window
    width: 1280
    height: 720

    // Controls inherit the candidate's text size from the kiosk's ApplicationWindow (Main.qml).
    Control {
        anchors.fill: parent
        padding: 0
        font.pixelSize: Session.accessibility.fontPixelSize
        contentItem: KioskScreens { id: screens }
    }

    KioskTestCase {
        name: "ReferenceLargestText"
        screens: screens
        property var failures: []

        function settle() {
            for (let frame = 0; frame < 3; ++frame) {
                window.Window.window.update()
                waitForRendering(screens, 1000)
            }
        }
        function checkFits(what) {
            const themes = [[AccessibilitySettings.Standard, "standard"],
                            [AccessibilitySettings.HighContrast, "high contrast"]]
            for (const [theme, themeName] of themes) {
                Session.accessibility.theme = theme
                settle()
                for (const line of FitCheck.problems(window, screens))
                    failures.push(what + ", " + themeName + ": " + line)
            }
            Session.accessibility.theme = AccessibilitySettings.Standard
            settle()
        }

        function test_thePanelFitsBesideTheQuestionAtTheLargestTextSize() {
            Session.accessibility.textSizeStep = 2 // the largest of three
            compare(Session.accessibility.textScale, 1.6)
            goToFirstQuestion()
            click("referenceButton")
            const panel = item("referencePanel")
            tryVerify(function () { return panel.visible }, 2000)
            checkFits("The manual")
            Session.reference.search("tread")
            compare(Session.reference.resultCount, 3)
            checkFits("The manual, searched")

            click("referenceDocument_1")
            compare(Session.reference.title, "Tyre and lamp quick guide")
            checkFits("The HTML guide, searched")
            // Reflowed into the panel at this text size: the page is the panel's page area.
            const view = item("referencePageView")
            const pageArea = item("referencePageScroll")
            tryVerify(function () { return view.implicitWidth > 100 && view.implicitWidth <= pageArea.availableWidth
                                           && view.implicitHeight <= pageArea.availableHeight }, 2000,
                      view.implicitWidth + "x" + view.implicitHeight + " in "
                      + pageArea.availableWidth + "x" + pageArea.availableHeight)
            verify(Session.reference.pageCount > 1)

            for (const line of failures)
                console.warn(line)
            verify(failures.length === 0, failures.length + " problem(s), listed above")
        }
    }
}
