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

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            KText {
                objectName: "questionHeading"
                text: Session.questionHeading
                font.bold: true
                scale: 1.2
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Item { Layout.fillWidth: true }
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
                Accessible.name: text
            }
            KButton {
                objectName: "calculatorButton"
                visible: Session.calculatorAllowed
                text: screen.calculatorOpen ? qsTr("Hide calculator") : qsTr("Calculator")
                onClicked: screen.calculatorOpen = !screen.calculatorOpen
            }
            KButton {
                objectName: "pauseButton"
                text: qsTr("Invigilator")
                Accessible.name: qsTr("Invigilator: pause the sitting")
                onClicked: Session.beginPause()
            }
        }
        AccessibilityBar { Layout.fillWidth: true }

        RowLayout {
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

                ColumnLayout {
                    width: scroll.availableWidth
                    spacing: 12
                    Text {
                        objectName: "questionText"
                        Layout.fillWidth: true
                        text: Session.questionText
                        textFormat: Text.RichText
                        wrapMode: Text.Wrap
                        color: Session.accessibility.text
                        font.pixelSize: Session.accessibility.fontPixelSize
                        Accessible.role: Accessible.StaticText
                        Accessible.name: Session.questionHeading
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
                                    Accessible.name: qsTr("Answer %1").arg(choiceLoader.letter)
                                    Keys.onReturnPressed: toggle()
                                    Keys.onEnterPressed: toggle()
                                    onToggled: {
                                        Session.setChoice(choiceLoader.identifier, checked)
                                        checked = Qt.binding(() => choiceLoader.selected)
                                    }
                                    contentItem: Text {
                                        leftPadding: parent.indicator.width + parent.spacing
                                        text: "<b>" + choiceLoader.letter + ".</b> " + choiceLoader.text
                                        textFormat: Text.RichText
                                        wrapMode: Text.Wrap
                                        color: Session.accessibility.text
                                        font.pixelSize: Session.accessibility.fontPixelSize
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
                                    Accessible.name: qsTr("Answer %1").arg(choiceLoader.letter)
                                    Keys.onReturnPressed: toggle()
                                    Keys.onEnterPressed: toggle()
                                    onToggled: {
                                        Session.setChoice(choiceLoader.identifier, checked)
                                        checked = Qt.binding(() => choiceLoader.selected)
                                    }
                                    contentItem: Text {
                                        leftPadding: parent.indicator.width + parent.spacing
                                        text: "<b>" + choiceLoader.letter + ".</b> " + choiceLoader.text
                                        textFormat: Text.RichText
                                        wrapMode: Text.Wrap
                                        color: Session.accessibility.text
                                        font.pixelSize: Session.accessibility.fontPixelSize
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

            ColumnLayout {
                Layout.preferredWidth: 300 * Session.accessibility.textScale
                Layout.fillHeight: true
                spacing: 8
                KText { text: qsTr("Questions"); font.bold: true }
                GridLayout {
                    columns: 5
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
                            implicitWidth: 52 * Session.accessibility.textScale
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
                KText {
                    text: qsTr("Filled: answered. \u2691: flagged for review.")
                    color: Session.accessibility.mutedText
                    Layout.fillWidth: true
                }
                CalculatorPanel {
                    visible: screen.calculatorOpen && Session.calculatorAllowed
                    Layout.fillWidth: true
                }
                Item { Layout.fillHeight: true }
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

        RowLayout {
            Layout.fillWidth: true
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
