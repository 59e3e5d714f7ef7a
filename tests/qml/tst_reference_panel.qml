import QtQuick
import QtQuick.Controls
import QtTest
import QtQuick.Layouts
import Vigil.Kiosk

// The reference panel on the MOT sample paper with its real material, a PDF manual and an
// HTML guide (this test's runner is given the sample as VIGIL_QML_QTI_PACKAGE), by keyboard as
// a candidate without a mouse would: open it, turn the page, search a word and step through
// the results, zoom, choose the other document, close. Opening, switching and closing land in
// the journal (the record of each is the kiosk's C++ test).
Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "ReferencePanel"
        screens: screens

        function test_walkThePanelByKeyboard() {
            goToFirstQuestion()
            const button = item("referenceButton")
            verify(button.visible)
            compare(button.Accessible.name,
                    "Open the reference material: MOT inspection manual (excerpt), Tyre and lamp quick guide")
            button.forceActiveFocus()
            keyClick(Qt.Key_Space)
            const panel = item("referencePanel")
            tryVerify(function () { return panel.visible }, 2000)
            tryVerify(function () { return item("referenceSearchField").activeFocus }, 2000)
            // Beside the question, not over it: right of the question's column, its full width.
            waitForRendering(panel)
            const question = item("questionBodyPanel")
            tryVerify(function () { return panel.width > 400 }, 3000, "panel width " + panel.width)
            verify(panel.mapToItem(null, 0, 0).x >= question.mapToItem(null, question.width, 0).x,
                   "panel at " + panel.mapToItem(null, 0, 0).x + ", question ends at "
                   + question.mapToItem(null, question.width, 0).x)
            compare(item("referencePageStatus").text, "Page 1 of 2")
            const view = item("referencePageView")
            verify(view.implicitWidth > 200)
            verify(view.Accessible.description.indexOf("Headlamp aim") >= 0)
            // The page is a painted image: no text item to select, copy, print or save from.
            verify(view.selectedText === undefined)
            verify(view.copy === undefined)

            keyClick(Qt.Key_PageDown)
            compare(item("referencePageStatus").text, "Page 2 of 2")
            keyClick(Qt.Key_PageUp)
            compare(item("referencePageStatus").text, "Page 1 of 2")

            typeText("tread")
            keyClick(Qt.Key_Return)
            compare(item("referenceResultStatus").text, "Result 1 of 3")
            compare(item("referencePageStatus").text, "Page 2 of 2")
            keyClick(Qt.Key_Return) // Enter again: the next result
            compare(item("referenceResultStatus").text, "Result 2 of 3")
            keyClick(Qt.Key_F3, Qt.ShiftModifier)
            keyClick(Qt.Key_F3, Qt.ShiftModifier)
            compare(item("referenceResultStatus").text, "Result 3 of 3")
            waitForRendering(view)

            const width = view.implicitWidth
            keyClick(Qt.Key_Equal, Qt.ControlModifier)
            compare(item("referenceZoomStatus").text, "Zoom 125%")
            tryVerify(function () { return view.implicitWidth > width })
            keyClick(Qt.Key_Minus, Qt.ControlModifier)
            compare(item("referenceZoomStatus").text, "Zoom 100%")

            // The paper's second document, HTML: a button each, reached by Tab and named.
            const manualButton = item("referenceDocument_0")
            const guideButton = item("referenceDocument_1")
            verify(guideButton.visible)
            compare(manualButton.Accessible.name, "MOT inspection manual (excerpt), shown")
            compare(guideButton.Accessible.name, "Show Tyre and lamp quick guide")
            manualButton.forceActiveFocus()
            keyClick(Qt.Key_Tab)
            verify(guideButton.activeFocus)
            keyClick(Qt.Key_Space)
            compare(Session.reference.title, "Tyre and lamp quick guide")
            compare(guideButton.Accessible.name, "Tyre and lamp quick guide, shown")
            compare(item("referenceResultStatus").text, "Result 1 of 3") // "tread", searched again
            tryVerify(function () { return view.Accessible.description.indexOf("Tyre tread") >= 0 }, 2000,
                      view.Accessible.description)
            // Reflowed into the panel at the seat's text size: nothing to scroll sideways.
            const pageArea = item("referencePageScroll")
            tryVerify(function () { return view.implicitWidth > 200 && view.implicitWidth <= pageArea.availableWidth },
                      2000, view.implicitWidth + " in " + pageArea.availableWidth)
            const field = item("referenceSearchField")
            field.forceActiveFocus()
            field.clear()
            typeText("headlamp")
            keyClick(Qt.Key_Return)
            compare(item("referenceResultStatus").text, "Result 1 of 1")
            verify(view.Accessible.description.toLowerCase().indexOf("headlamp") >= 0)
            // A larger text size reflows it onto more pages.
            const pages = Session.reference.pageCount
            Session.accessibility.textSizeStep = 2
            tryVerify(function () { return Session.reference.pageCount > pages }, 2000,
                      Session.reference.pageCount + " pages, " + pages + " before")
            Session.accessibility.textSizeStep = 0
            keyClick(Qt.Key_PageUp, Qt.ControlModifier) // back to the manual
            compare(Session.reference.title, "MOT inspection manual (excerpt)")

            keyClick(Qt.Key_Escape)
            tryVerify(function () { return !panel.visible }, 2000)
            verify(!Session.reference.open)
            compare(harness.journalKinds("Reference"),
                    ["ReferenceOpened", "ReferenceClosed", "ReferenceOpened", "ReferenceClosed",
                     "ReferenceOpened", "ReferenceClosed"])

            // Leaving the question with the material open closes it (and says so).
            item("referenceButton").forceActiveFocus()
            keyClick(Qt.Key_Space)
            verify(Session.reference.open)
            Session.openReview()
            screen("reviewScreen")
            verify(!Session.reference.open)
            compare(harness.journalKinds("Reference").length, 8)
        }
    }
}
