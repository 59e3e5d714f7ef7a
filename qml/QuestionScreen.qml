import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// One question: its text and diagrams, its choices, navigation, flag, palette, timer,
// calculator (when allowed) and "report a problem".
FocusScope {
    id: screen
    objectName: "questionScreen"
    property bool reporting: false
    property bool calculatorOpen: false
    // Leaving the question (review, pause, submission) closes the reference material.
    onVisibleChanged: if (!visible) Session.reference.setOpen(false)
    Component.onDestruction: Session.reference.setOpen(false) // the screen loader replaced it
    // Diagrams are usually black lines on a transparent background: on the high-contrast
    // theme's black they vanish, so a body with an image is shown on a light panel there.
    readonly property bool bodyOnLightPanel: Session.accessibility.theme === AccessibilitySettings.HighContrast
                                             && Session.questionText.indexOf("<img") >= 0
    // Sizes come from the screen's own width, never from a layout's result: a binding that reads
    // a width its own layout is still settling is not always re-run (seen with Qt 6.4).
    readonly property real contentWidth: width - 2 * content.anchors.margins
    // The palette takes at most a third of the row, so the question keeps most of a
    // 1280-pixel screen at the largest text size; its grid then has fewer columns.
    readonly property real paletteWidth: Math.min(300 * Session.accessibility.textScale, contentWidth * 0.34)
    // Every palette cell is wide enough for the highest number with its flag mark, so a
    // flagged cell never elides and the grid's columns stay even.
    readonly property int paletteCellPadding: Math.round(6 * Session.accessibility.textScale)
    readonly property int paletteCellWidth: Math.max(Math.round(52 * Session.accessibility.textScale),
                                                     Math.ceil(paletteCellMetrics.advanceWidth) + 2 * paletteCellPadding + 4)

    // The answers keep their controls from one question to the next (the choice model updates
    // its rows in place): focus on an answer of the last question must not stay on the answer
    // shown in its place, as it did not when every control was made anew.
    Connections {
        target: Session
        function onQuestionChanged() {
            for (let item = screen.Window.activeFocusItem; item; item = item.parent) {
                if (item === questionColumn) {
                    screen.Window.activeFocusItem.focus = false
                    return
                }
            }
        }
    }

    // The computer reader's keys (the seat's access arrangement); F-keys, which no text field
    // uses and the input lockdown lets through.
    function focusedChoice() {
        const focused = screen.Window.activeFocusItem
        return focused && focused.objectName.startsWith("choice_") ? parseInt(focused.objectName.substring(7)) : -1
    }
    Shortcut { sequence: "F2"; enabled: Session.reader.enabled; onActivated: Session.reader.readQuestion() }
    Shortcut { sequence: "F3"; enabled: Session.reader.enabled; onActivated: Session.reader.readChoice(screen.focusedChoice()) }
    Shortcut { sequence: "F4"; enabled: Session.reader.enabled; onActivated: Session.reader.repeat() }
    Shortcut { sequence: "F6"; enabled: Session.reader.enabled; onActivated: Session.reader.stop() }
    Shortcut { sequence: "F7"; enabled: Session.reader.enabled; onActivated: Session.reader.slower() }
    Shortcut { sequence: "F8"; enabled: Session.reader.enabled; onActivated: Session.reader.faster() }
    Shortcut { sequence: "F9"; enabled: Session.reader.enabled; onActivated: Session.reader.readTimeLeft() }

    TextMetrics {
        id: paletteCellMetrics
        font.pixelSize: Session.accessibility.fontPixelSize
        text: Session.questionCount + "\u2691"
    }

    ColumnLayout {
        id: content
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            KText {
                objectName: "questionHeading"
                // Takes the room the timer and buttons leave, wrapping at the largest text size.
                Layout.fillWidth: true
                text: Session.questionHeading
                font.bold: true
                scale: 1.2
                Accessible.role: Accessible.Heading
                Accessible.name: Session.questionSummary
            }
            KText {
                objectName: "timeWarning"
                visible: Session.timeWarningLevel > 0
                text: Session.timeWarningText
                color: Session.accessibility.warning
                font.bold: true
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            KText {
                objectName: "timeLeft"
                text: qsTr("Time left %1").arg(Session.timeLeftText)
                color: Session.timeWarningLevel > 0 ? Session.accessibility.warning : Session.accessibility.text
                font.bold: Session.timeWarningLevel > 0
                // In words, read when the candidate moves to it: never announced each second.
                Accessible.name: Session.timeLeftSpoken
            }
            KButton {
                objectName: "calculatorButton"
                visible: Session.calculatorAllowed
                text: screen.calculatorOpen ? qsTr("Hide calculator") : qsTr("Calculator")
                onClicked: screen.calculatorOpen = !screen.calculatorOpen
            }
            KButton {
                objectName: "referenceButton"
                visible: Session.reference.available
                text: Session.reference.open ? qsTr("Hide reference") : qsTr("Reference material")
                Accessible.name: Session.reference.open ? qsTr("Hide the reference material")
                                                        : qsTr("Open the reference material: %1").arg(Session.reference.documentTitles.join(", "))
                onClicked: Session.reference.setOpen(!Session.reference.open)
            }
            KButton {
                objectName: "pauseButton"
                text: qsTr("Invigilator")
                Accessible.name: qsTr("Invigilator: pause the sitting")
                onClicked: Session.beginPause()
            }
        }
        AccessibilityBar { Layout.fillWidth: true }
        ReaderBar {
            Layout.fillWidth: true
            visible: Session.reader.enabled
        }

        RowLayout {
            id: questionRow
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 16

            ScrollView {
                id: scroll
                // A fixed preferred width: the content's width follows the view's, so the view's
                // own size must not follow the content's (a layout loop otherwise).
                Layout.preferredWidth: 600
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                contentWidth: availableWidth
                // Room for the scroll bar, and for the reference material when it is open.
                rightPadding: ScrollBar.vertical.width
                              + (Session.reference.open ? referencePanel.width + 16 : 0)
                ScrollBar.vertical: KScrollBar { objectName: "questionScrollBar"; view: scroll }

                ColumnLayout {
                    id: questionColumn
                    width: scroll.availableWidth
                    spacing: 12
                    Rectangle {
                        objectName: "questionBodyPanel"
                        Layout.fillWidth: true
                        // The text's height at its width, not its implicit height: a rich
                        // Text whose implicit size is read lays the question out twice on
                        // every switch (unwrapped for its ideal width, then at its width).
                        implicitHeight: questionText.height + 2 * questionText.y
                        radius: screen.bodyOnLightPanel ? 6 : 0
                        color: screen.bodyOnLightPanel ? "white" : "transparent"
                        Text {
                            id: questionText
                            objectName: "questionText"
                            x: screen.bodyOnLightPanel ? Math.round(12 * Session.accessibility.textScale) : 0
                            y: x
                            width: parent.width - 2 * x
                            text: Session.questionText
                            textFormat: Text.RichText
                            wrapMode: Text.Wrap
                            // Black on the white panel: still the theme's highest contrast.
                            color: screen.bodyOnLightPanel ? "black" : Session.accessibility.text
                            font.pixelSize: Session.accessibility.fontPixelSize
                            // The stem as sentences: tables row by row, diagrams by their
                            // text alternative (the rich text itself reaches no screen reader).
                            Accessible.role: Accessible.StaticText
                            Accessible.name: Session.questionReadingText
                        }
                    }
                    KText {
                        objectName: "choiceHint"
                        text: Session.choiceHint
                        color: Session.accessibility.mutedText
                    }
                    Repeater {
                        objectName: "choices"
                        model: Session.choices
                        delegate: Loader {
                            id: choiceLoader
                            required property int index
                            required property string identifier
                            required property string text
                            required property string letter
                            required property bool selected
                            required property string readingText
                            Layout.fillWidth: true
                            sourceComponent: Session.multipleResponse ? checkChoice : radioChoice
                            Component {
                                id: radioChoice
                                RadioButton {
                                    objectName: "choice_" + choiceLoader.index
                                    id: radiobuttonControl
                                    indicator: ChoiceIndicator {
                                        x: radiobuttonControl.leftPadding
                                        y: (radiobuttonControl.height - height) / 2
                                        round: true
                                        checked: radiobuttonControl.checked
                                        focused: radiobuttonControl.activeFocus
                                    }
                                    checked: choiceLoader.selected
                                    autoExclusive: false
                                    // The letter and the words ("B. Zone B, …"), not only the letter.
                                    Accessible.name: choiceLoader.readingText
                                    // toggle() alone changes the tick without toggled(): the
                                    // answer would not be recorded, and with the control kept for
                                    // the next question, its tick would stay there.
                                    Keys.onReturnPressed: { toggle(); toggled() }
                                    Keys.onEnterPressed: { toggle(); toggled() }
                                    // A screen reader's activate, as Return (see KButton).
                                    Accessible.onPressAction: { toggle(); toggled() }
                                    onToggled: {
                                        Session.setChoice(choiceLoader.identifier, checked)
                                        checked = Qt.binding(() => choiceLoader.selected)
                                    }
                                    contentItem: ChoiceLabel {
                                        indicatorSpace: parent.indicator.width + parent.spacing
                                        letter: choiceLoader.letter
                                        body: choiceLoader.text
                                    }
                                }
                            }
                            Component {
                                id: checkChoice
                                CheckBox {
                                    objectName: "choice_" + choiceLoader.index
                                    id: checkboxControl
                                    indicator: ChoiceIndicator {
                                        x: checkboxControl.leftPadding
                                        y: (checkboxControl.height - height) / 2
                                        round: false
                                        checked: checkboxControl.checked
                                        focused: checkboxControl.activeFocus
                                    }
                                    checked: choiceLoader.selected
                                    Accessible.name: choiceLoader.readingText
                                    Keys.onReturnPressed: { toggle(); toggled() } // as above
                                    Keys.onEnterPressed: { toggle(); toggled() }
                                    Accessible.onPressAction: { toggle(); toggled() }
                                    onToggled: {
                                        Session.setChoice(choiceLoader.identifier, checked)
                                        checked = Qt.binding(() => choiceLoader.selected)
                                    }
                                    contentItem: ChoiceLabel {
                                        indicatorSpace: parent.indicator.width + parent.spacing
                                        letter: choiceLoader.letter
                                        body: choiceLoader.text
                                    }
                                }
                            }
                        }
                    }
                    KText {
                        objectName: "answerMessage"
                        visible: text.length > 0
                        text: Session.answerMessage
                        color: Session.accessibility.warning
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: text
                    }
                }
            }


            // Palette, legend and calculator scroll on their own: on a short screen at a large
            // text size they are taller than the row, and the row must not push the navigation
            // off the screen.
            ScrollView {
                id: sidePanel
                objectName: "sidePanel"
                Layout.preferredWidth: screen.paletteWidth
                Layout.maximumWidth: screen.paletteWidth
                Layout.fillHeight: true
                clip: true
                contentWidth: availableWidth
                // Room for the scroll bar, which is always shown when there is more to see.
                rightPadding: ScrollBar.vertical.width
                ScrollBar.vertical: KScrollBar { objectName: "sidePanelScrollBar"; view: sidePanel }

                ColumnLayout {
                    id: paletteColumn
                    objectName: "paletteColumn"
                    width: sidePanel.availableWidth
                    spacing: 8
                    // First when open: the calculator is what the candidate just asked for.
                    CalculatorPanel {
                        visible: screen.calculatorOpen && Session.calculatorAllowed
                        Layout.fillWidth: true
                        Layout.bottomMargin: 8
                    }
                    KText { text: qsTr("Questions"); font.bold: true }
                    GridLayout {
                        columns: Math.max(1, Math.floor((screen.paletteWidth - sidePanel.rightPadding + columnSpacing)
                                                        / (screen.paletteCellWidth + columnSpacing)))
                        rowSpacing: 4
                        columnSpacing: 4
                        Repeater {
                            model: Session.palette
                            delegate: KButton {
                                required property int number
                                required property bool answered
                                required property bool flagged
                                required property bool current
                                required property string statusText
                                objectName: "palette_" + number
                                implicitWidth: screen.paletteCellWidth
                                leftPadding: screen.paletteCellPadding
                                rightPadding: screen.paletteCellPadding
                                text: number + (flagged ? "\u2691" : "")
                                primary: answered
                                Accessible.name: qsTr("Question %1, %2").arg(number).arg(statusText)
                                background: Rectangle {
                                    radius: 4
                                    color: answered ? Session.accessibility.accent : Session.accessibility.surface
                                    border.width: current || parent.activeFocus ? 4 : 1
                                    border.color: parent.activeFocus || current ? Session.accessibility.focusRing
                                                                                : Session.accessibility.text
                                }
                                onClicked: Session.goTo(number - 1)
                            }
                        }
                    }
                    Flow {
                        objectName: "paletteLegend"
                        Layout.fillWidth: true
                        spacing: Math.round(8 * Session.accessibility.textScale)
                        Repeater {
                            model: [qsTr("Filled: answered."), qsTr("\u2691: flagged for review.")]
                            delegate: KText {
                                required property string modelData
                                width: Math.min(implicitWidth, parent.width)
                                text: modelData
                                color: Session.accessibility.mutedText
                            }
                        }
                    }
                }
            }
        }

        ColumnLayout {
            visible: screen.reporting
            Layout.fillWidth: true
            KText {
                Layout.fillWidth: true
                text: qsTr("Describe the problem with question %1 in a few words. Do not copy the question.").arg(Session.position + 1)
            }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: problemText
                    objectName: "problemText"
                    Layout.fillWidth: true
                    maximumLength: 500
                    Accessible.name: qsTr("Problem description")
                    Accessible.ignored: !visible
                }
                KButton {
                    objectName: "sendProblemButton"
                    text: qsTr("Send to invigilator")
                    onClicked: if (Session.reportProblem(problemText.text)) { problemText.clear(); screen.reporting = false }
                }
                KButton {
                    text: qsTr("Cancel")
                    onClicked: { problemText.clear(); screen.reporting = false }
                }
            }
        }
        KText {
            objectName: "problemStatus"
            visible: text.length > 0
            text: Session.problemReportStatus
        }

        // Two groups on one row, or on two rows when the text is too large for one.
        GridLayout {
            id: navigation
            objectName: "navigationBar"
            Layout.fillWidth: true
            columnSpacing: 10
            rowSpacing: 8
            columns: questionNavigation.implicitWidth + columnSpacing + sittingNavigation.implicitWidth
                     <= screen.contentWidth ? 2 : 1
            RowLayout {
                id: questionNavigation
                spacing: 10
                KButton {
                    objectName: "previousButton"
                    text: qsTr("Previous")
                    enabled: Session.canGoBack
                    onClicked: Session.previous()
                }
                KButton {
                    objectName: "nextButton"
                    primary: true
                    focus: true
                    text: qsTr("Next")
                    enabled: Session.canGoForward
                    onClicked: Session.next()
                }
                KButton {
                    objectName: "flagButton"
                    text: Session.currentFlagged ? qsTr("Remove flag") : qsTr("Flag for review")
                    onClicked: Session.toggleFlag()
                }
                KButton {
                    objectName: "reportProblemButton"
                    text: qsTr("Report a problem")
                    Accessible.name: qsTr("Report a problem with this question")
                    onClicked: { screen.reporting = true; problemText.forceActiveFocus() }
                }
            }
            RowLayout {
                id: sittingNavigation
                Layout.fillWidth: true
                spacing: 10
                Item { Layout.fillWidth: true }
                KButton {
                    objectName: "reviewButton"
                    text: qsTr("Review")
                    onClicked: Session.openReview()
                }
                KButton {
                    objectName: "submitButton"
                    text: qsTr("Finish and submit")
                    onClicked: Session.requestSubmit()
                }
            }
        }
    }

    // The paper's reference material, where it allows some, beside the question: over the
    // right of the question's column, whose text makes room for it (its padding). Placed by
    // plain bindings rather than as a child of the row: Qt 6.4's RowLayout there does not lay
    // out again when a child appears.
    ReferenceMaterialPanel {
        id: referencePanel
        visible: Session.reference.open
        width: Math.round(screen.contentWidth * 0.4)
        height: questionRow.height
        x: content.x + questionRow.x + scroll.x + scroll.width - scroll.ScrollBar.vertical.width - width
        y: content.y + questionRow.y
        onVisibleChanged: if (visible) forceActiveFocus()
        onCloseRequested: Session.reference.setOpen(false)
    }
}
