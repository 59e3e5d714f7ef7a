import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// The paper's reference material (Session.reference) beside the question: choose a document
// where the paper allows several, page through, search with the results highlighted, zoom;
// all by keyboard. The page is an image drawn by C++ from the document in memory (a PDF, or
// HTML reflowed into this panel at the seat's text size and theme): there is no text to
// select, copy, print or save. Keys while the panel has focus: Page Down / Page Up turn the
// page, Ctrl+F searches, F3 / Shift+F3 step through the results, Ctrl+= / Ctrl+- zoom,
// Ctrl+Page Down / Ctrl+Page Up the next or previous document, Escape closes.
FocusScope {
    id: panel
    objectName: "referencePanel"
    // Sized by the layout it is in, never by its content.
    implicitWidth: 0
    implicitHeight: 0
    readonly property ReferencePanel reference: Session.reference
    signal closeRequested()

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Reference material: %1").arg(reference.title)
    Accessible.ignored: !visible

    Keys.onPressed: (event) => {
        const ctrl = event.modifiers & Qt.ControlModifier
        if (ctrl && event.key === Qt.Key_PageDown) { reference.chooseDocument(reference.documentIndex + 1); event.accepted = true }
        else if (ctrl && event.key === Qt.Key_PageUp) { reference.chooseDocument(reference.documentIndex - 1); event.accepted = true }
        else if (event.key === Qt.Key_PageDown) { reference.nextPage(); event.accepted = true }
        else if (event.key === Qt.Key_PageUp) { reference.previousPage(); event.accepted = true }
        else if (ctrl && event.key === Qt.Key_F) { if (content.item) content.item.focusSearch(); event.accepted = true }
        else if (event.key === Qt.Key_F3) {
            if (event.modifiers & Qt.ShiftModifier) reference.previousResult(); else reference.nextResult()
            event.accepted = true
        }
        else if (ctrl && (event.key === Qt.Key_Equal || event.key === Qt.Key_Plus)) { reference.zoomIn(); event.accepted = true }
        else if (ctrl && event.key === Qt.Key_Minus) { reference.zoomOut(); event.accepted = true }
        else if (event.key === Qt.Key_Escape) { panel.closeRequested(); event.accepted = true }
    }

    // The panel's controls exist only while it is shown. Qt 6.4 does not tell the accessibility
    // bus when an item's ignored flag changes, so controls kept while the panel is hidden could
    // still reach a screen reader (tst_screen_reader_tree): not made, nothing to expose.
    Loader {
        id: content
        anchors.fill: parent
        active: panel.visible
        focus: true
        sourceComponent: FocusScope {
            focus: true
            function focusSearch() { searchField.forceActiveFocus() }

            // Where an HTML document reflows: the page area, the seat's text size and theme.
            Binding { target: panel.reference; property: "viewport"; value: Qt.size(Math.max(1, Math.floor(pageScroll.availableWidth) - 2), Math.max(1, Math.floor(pageScroll.availableHeight) - 2)) }
            Binding { target: panel.reference; property: "textPixelSize"; value: Session.accessibility.fontPixelSize }
            Binding { target: panel.reference; property: "textColour"; value: Session.accessibility.text }
            Binding { target: panel.reference; property: "paperColour"; value: Session.accessibility.background }

            Rectangle {
                anchors.fill: parent
                color: Session.accessibility.surface
                border.color: Session.accessibility.text
            }

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 8
                spacing: 6

                // Every control in one strip that scrolls when it is taller than it may be (the largest
                // text size): the page keeps at least half the panel's height.
                ScrollView {
                    id: controlsScroll
                    objectName: "referenceControls"
                    Accessible.ignored: !visible
                    focus: true // the search field inside takes the focus when the panel opens
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.min(controlsColumn.implicitHeight, panel.height * 0.45)
                    Layout.preferredWidth: 100
                    clip: true
                    contentWidth: availableWidth
                    rightPadding: ScrollBar.vertical.width
                    ScrollBar.vertical: KScrollBar {
                        objectName: "referenceControlsScrollBar"
                        view: controlsScroll
                    }
                    // The strip is as wide as the panel: never a sideways bar, and none for a screen reader.
                    ScrollBar.horizontal: ScrollBar {
                        policy: ScrollBar.AlwaysOff
                        Accessible.ignored: true
                    }
                    ColumnLayout {
                        id: controlsColumn
                        width: controlsScroll.availableWidth
                        spacing: 6
                        RowLayout {
                            Layout.fillWidth: true
                            KText {
                                Layout.fillWidth: true
                                text: panel.reference.title
                                font.bold: true
                                wrapMode: Text.Wrap
                                Accessible.role: Accessible.Heading
                                Accessible.name: text
                            }
                            KButton {
                                objectName: "referenceCloseButton"
                                text: qsTr("Close")
                                Accessible.name: qsTr("Close the reference material")
                                onClicked: panel.closeRequested()
                            }
                        }

                        // The paper's documents, where it names more than one: one button each, the one shown
                        // marked; they wrap onto more rows at a large text size.
                        Flow {
                            id: documentChooser
                            objectName: "referenceDocuments"
                            Layout.fillWidth: true
                            visible: panel.reference.documentTitles.length > 1
                            spacing: 6
                            Accessible.role: Accessible.PageTabList
                            Accessible.name: qsTr("Reference documents")
                            Accessible.ignored: !visible
                            Repeater {
                                model: panel.reference.documentTitles
                                delegate: KButton {
                                    id: documentButton
                                    required property int index
                                    required property string modelData
                                    readonly property bool shown: index === panel.reference.documentIndex
                                    objectName: "referenceDocument_" + index
                                    width: Math.min(implicitWidth, documentChooser.width)
                                    text: modelData
                                    primary: shown
                                    Accessible.role: Accessible.PageTab
                                    Accessible.name: shown ? qsTr("%1, shown").arg(modelData)
                                                           : qsTr("Show %1").arg(modelData)
                                    onClicked: panel.reference.chooseDocument(index)
                                    // A long title wraps at a large text size rather than being cut.
                                    contentItem: Text {
                                        text: documentButton.text
                                        font: documentButton.font
                                        color: documentButton.primary ? Session.accessibility.accentText
                                                                      : Session.accessibility.text
                                        wrapMode: Text.Wrap
                                        horizontalAlignment: Text.AlignHCenter
                                        verticalAlignment: Text.AlignVCenter
                                    }
                                }
                            }
                        }

                        RowLayout {
                            Layout.fillWidth: true
                            TextField {
                                id: searchField
                                objectName: "referenceSearchField"
                                Layout.fillWidth: true
                                focus: true
                                font.pixelSize: Session.accessibility.fontPixelSize
                                color: Session.accessibility.text
                                placeholderText: qsTr("Search the material")
                                selectByMouse: false
                                Accessible.name: qsTr("Search the reference material")
                                Accessible.ignored: !visible
                                background: Rectangle {
                                    color: Session.accessibility.background
                                    border.color: searchField.activeFocus ? Session.accessibility.focusRing : Session.accessibility.text
                                    border.width: searchField.activeFocus ? Session.accessibility.focusRingWidth : 1
                                }
                                onAccepted: {
                                    if (text.trim() === panel.reference.searchText && panel.reference.resultCount > 0)
                                        panel.reference.nextResult()
                                    else
                                        panel.reference.search(text)
                                }
                            }
                            KButton {
                                objectName: "referenceSearchButton"
                                text: qsTr("Find")
                                Accessible.name: qsTr("Find in the reference material")
                                onClicked: panel.reference.search(searchField.text)
                            }
                        }

                        RowLayout {
                            Layout.fillWidth: true
                            visible: panel.reference.searchText.length > 0
                            KText {
                                objectName: "referenceResultStatus"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: panel.reference.resultCount === 0
                                      ? qsTr("No results for \u201c%1\u201d").arg(panel.reference.searchText)
                                      : qsTr("Result %1 of %2").arg(panel.reference.currentResult + 1).arg(panel.reference.resultCount)
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                            }
                            KButton {
                                objectName: "referencePreviousResult"
                                text: qsTr("Previous")
                                enabled: panel.reference.resultCount > 1
                                Accessible.name: qsTr("Previous result")
                                onClicked: panel.reference.previousResult()
                            }
                            KButton {
                                objectName: "referenceNextResult"
                                text: qsTr("Next")
                                enabled: panel.reference.resultCount > 1
                                Accessible.name: qsTr("Next result")
                                onClicked: panel.reference.nextResult()
                            }
                        }
                        // Wraps onto two rows when the page number does not fit between the buttons.
                        Flow {
                            Layout.fillWidth: true
                            spacing: 6
                            KButton {
                                objectName: "referencePreviousPage"
                                text: qsTr("Previous page")
                                enabled: panel.reference.page > 0
                                onClicked: panel.reference.previousPage()
                            }
                            KText {
                                objectName: "referencePageStatus"
                                width: Math.min(implicitWidth, parent.width)
                                height: referenceNextPageButton.height
                                wrapMode: Text.Wrap
                                verticalAlignment: Text.AlignVCenter
                                text: qsTr("Page %1 of %2").arg(panel.reference.page + 1).arg(panel.reference.pageCount)
                                Accessible.name: text
                            }
                            KButton {
                                id: referenceNextPageButton
                                objectName: "referenceNextPage"
                                text: qsTr("Next page")
                                enabled: panel.reference.page + 1 < panel.reference.pageCount
                                onClicked: panel.reference.nextPage()
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            KButton {
                                objectName: "referenceZoomOut"
                                text: "\u2212"
                                Accessible.name: qsTr("Zoom out")
                                onClicked: panel.reference.zoomOut()
                            }
                            KText {
                                objectName: "referenceZoomStatus"
                                wrapMode: Text.NoWrap
                                text: qsTr("Zoom %1%").arg(panel.reference.zoomPercent)
                                Accessible.name: text
                            }
                            KButton {
                                objectName: "referenceZoomIn"
                                text: "+"
                                Accessible.name: qsTr("Zoom in")
                                onClicked: panel.reference.zoomIn()
                            }
                        }
                    }
                }

                ScrollView {
                    id: pageScroll
                    objectName: "referencePageScroll"
                    Accessible.ignored: !visible
                    // Fixed preferred sizes: the page's own size (which zoom changes) must not feed
                    // back into the layout around it.
                    Layout.preferredWidth: 100
                    Layout.preferredHeight: 100
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    contentWidth: pageView.implicitWidth
                    contentHeight: pageView.implicitHeight
                    // Scroll bars a screen reader hears of only while there is something to scroll.
                    ScrollBar.vertical: KScrollBar {
                        objectName: "referenceScrollBar"
                        view: pageScroll
                        Accessible.ignored: !visible || size >= 1.0
                    }
                    ScrollBar.horizontal: ScrollBar {
                        parent: pageScroll
                        x: pageScroll.leftPadding
                        y: pageScroll.height - height
                        width: pageScroll.availableWidth
                        policy: size < 1.0 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
                        Accessible.name: qsTr("Scroll sideways")
                        Accessible.ignored: !visible || size >= 1.0
                    }
                    ReferencePageView {
                        id: pageView
                        objectName: "referencePageView"
                        // Session.reference: its own property `panel` hides the panel's id here.
                        panel: Session.reference
                        width: implicitWidth
                        height: implicitHeight
                        Accessible.role: Accessible.Document
                        Accessible.name: qsTr("Page %1 of %2").arg(Session.reference.page + 1).arg(Session.reference.pageCount)
                        Accessible.description: Session.reference.pageText
                        Accessible.ignored: !visible
                    }
                }
            }
        }
    }
}
