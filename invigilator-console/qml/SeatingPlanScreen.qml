import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The session's seating plan: the room as a grid of places, the enrolled PCs in it, each seat's
// candidate and live state. Choose a candidate (or drag one) onto a seat; drag a PC to a free
// place for a room whose desks are not a plain grid. A refusal (of the eligibility rules, or a
// place taken) is said under the plan, and nothing moves.
Item {
    id: screen
    property string chosen: ""
    // A drag in progress: the plan is not re-read under it (that would make its places anew and
    // drop the drag from under the invigilator's pointer).
    property bool dragging: false
    Timer {
        interval: 1000
        running: !screen.dragging
        repeat: true
        onTriggered: consoleApp.refresh()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 24
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                text: "Seating plan: " + consoleApp.session.id + "  " + consoleApp.session.room
                font.pixelSize: 22
                font.bold: true
            }
            RowLayout {
                visible: consoleApp.plan.rows === undefined
                FormField { id: rows; objectName: "rows"; label: "Rows"; text: "3" }
                FormField { id: columns; objectName: "columns"; label: "Columns"; text: "4" }
                ConsoleButton {
                    objectName: "createPlan"
                    text: "Create the plan"
                    Layout.alignment: Qt.AlignBottom
                    onClicked: message.text = consoleApp.createPlan(parseInt(rows.text),
                                                                   parseInt(columns.text))
                }
            }
            Grid {
                objectName: "grid"
                columns: consoleApp.plan.columns || 1
                spacing: 8
                Repeater {
                    model: consoleApp.plan.cells || []
                    Rectangle {
                        id: place
                        objectName: "place_" + modelData.row + "_" + modelData.column
                        // A PC's place is dragged by its seat label to a free place.
                        readonly property string seat: modelData.seat
                        width: 150
                        height: 84
                        z: placeDrag.active ? 10 : 0
                        Drag.active: placeDrag.active
                        Drag.keys: ["pc"]
                        Drag.hotSpot: placeDrag.centroid.pressPosition
                        DragHandler {
                            id: placeDrag
                            enabled: modelData.seat !== ""
                            property point home
                            onActiveChanged: {
                                screen.dragging = active
                                if (active) {
                                    home = Qt.point(place.x, place.y)
                                } else {
                                    place.Drag.drop()
                                    place.x = home.x // where it was, until the plan says otherwise
                                    place.y = home.y
                                }
                            }
                        }
                        radius: 6
                        color: modelData.seat === "" ? "transparent"
                               : modelData.live === "connected" ? "#e3f4e1"
                               : modelData.live === "expected, not connected" ? "#fde2e1"
                               : "#ffffff"
                        border.color: modelData.seat === "" ? "#c8ccd2" : "#1d3557"
                        // A click: an empty place takes the PC named beside the plan; a PC's
                        // place takes the chosen candidate.
                        function choose() {
                            if (modelData.seat === "" && pcName.text !== "")
                                message.text = consoleApp.addPc(pcName.text, modelData.row,
                                                                modelData.column)
                            else if (modelData.seat !== "" && screen.chosen !== "")
                                message.text = consoleApp.assignSeat(modelData.seat,
                                    screen.chosen, assessment.currentText)
                        }
                        // To a screen reader a place is one button that says what the place
                        // shows (the first row is the front of the room), pressed as clicked.
                        Accessible.role: Accessible.Button
                        Accessible.name: modelData.seat === ""
                            ? "Empty place, row " + (modelData.row + 1) + ", column " +
                              (modelData.column + 1)
                            : [modelData.seat, "row " + (modelData.row + 1) + ", column " +
                               (modelData.column + 1),
                               modelData.candidate || "no candidate", modelData.assessmentId,
                               modelData.live].filter(part => part).join(", ")
                        Accessible.onPressAction: choose()
                        Column {
                            anchors.fill: parent
                            anchors.margins: 6
                            Label { text: modelData.seat; font.bold: true; Accessible.ignored: true }
                            Label {
                                text: modelData.candidate
                                elide: Text.ElideRight
                                width: 138
                                Accessible.ignored: true
                            }
                            Label {
                                text: modelData.assessmentId
                                font.pixelSize: 11
                                Accessible.ignored: true
                            }
                            Label { text: modelData.live; font.pixelSize: 11; Accessible.ignored: true }
                        }
                        DropArea {
                            anchors.fill: parent
                            keys: ["candidate", "pc"]
                            enabled: !placeDrag.active // not onto itself
                            onDropped: drop => {
                                if (drop.keys.indexOf("pc") >= 0)
                                    message.text = consoleApp.movePc(drop.source.seat,
                                                                     modelData.row, modelData.column)
                                else
                                    message.text = consoleApp.assignSeat(
                                        modelData.seat, drop.source.registrationNumber,
                                        assessment.currentText)
                            }
                        }
                        MouseArea { anchors.fill: parent; onClicked: place.choose() }
                    }
                }
            }
            Item { Layout.fillHeight: true }
        }
        ColumnLayout {
            Layout.preferredWidth: 360
            Label { text: "Assessment for the next seat" }
            // Buttons, one per assessment of the session (the first chosen at the start).
            Item {
                id: assessment
                property string currentText: (consoleApp.session.assessmentIds || [""])[0]
            }
            Flow {
                Layout.fillWidth: true
                spacing: 6
                Repeater {
                    model: consoleApp.session.assessmentIds || []
                    ConsoleButton {
                        objectName: "assessment_" + modelData
                        text: modelData
                        checkable: true
                        checked: assessment.currentText === modelData
                        onClicked: assessment.currentText = modelData
                    }
                }
            }
            Label { text: "Candidates (choose one, then a seat)"; font.bold: true }
            Repeater {
                model: consoleApp.candidates
                ConsoleRow {
                    id: candidate
                    objectName: "candidate_" + modelData.registrationNumber
                    property string registrationNumber: modelData.registrationNumber
                    Layout.fillWidth: true
                    text: modelData.registrationNumber + "  " + modelData.name
                    highlighted: screen.chosen === modelData.registrationNumber
                    onClicked: screen.chosen = modelData.registrationNumber
                    z: dragArea.active ? 10 : 0
                    Drag.active: dragArea.active
                    Drag.keys: ["candidate"]
                    Drag.hotSpot: dragArea.centroid.pressPosition
                    DragHandler {
                        id: dragArea
                        property point home
                        onActiveChanged: {
                            screen.dragging = active
                            if (active) {
                                home = Qt.point(candidate.x, candidate.y)
                            } else {
                                candidate.Drag.drop()
                                candidate.x = home.x // back in the list
                                candidate.y = home.y
                            }
                        }
                    }
                }
            }
            FormField {
                id: pcName
                objectName: "pcName"
                label: "A PC for an empty place (click it)"
            }
            // Print / PDF: the plan on one page, for the door and the desk.
            RowLayout {
                FormField {
                    id: planPdf
                    objectName: "planPdfPath"
                    label: "Print the plan to a PDF file"
                }
                ConsoleButton {
                    objectName: "printPlan"
                    text: "Print / PDF"
                    Layout.alignment: Qt.AlignBottom
                    onClicked: message.text = consoleApp.writeSeatingPlanPdf(planPdf.text)
                                              || "The plan is in " + planPdf.text
                }
            }
            Label {
                id: message
                objectName: "message"
                color: "#b00020"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Item { Layout.fillHeight: true }
        }
    }
}
