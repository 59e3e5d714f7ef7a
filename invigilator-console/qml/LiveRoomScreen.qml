import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Console

// The live room: the seating plan as the live view (each seat's candidate, assessment, state,
// last answer saved and unread incidents, redrawn as the kiosks push), the list view with its
// filter and counts per state (unread seats first), the selection, and the actions for the
// selection or the whole room, each confirmed, with each seat's outcome. Presentation only.
Item {
    id: screen
    readonly property LiveRoomController live: consoleApp.liveRoom
    property string pending: ""
    property string pendingLabel: ""
    property string extraReason: live.extraTimeReasons[0]

    function tileColour(state) {
        switch (state) {
        case "not-connected": return "#fde2e1"
        case "in-progress": return "#e3f4e1"
        case "paused": return "#fff3cd"
        case "waiting-for-login": return "#e0ecff"
        case "submitted":
        case "result": return "#eceff3"
        case "out-of-service": return "#f8d7da"
        default: return "#ffffff"
        }
    }
    function ask(action, label) {
        pending = action
        pendingLabel = label
        message.text = ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Label {
            objectName: "liveTitle"
            text: "Live room: " + consoleApp.session.id + "  " + consoleApp.session.room + "  "
                  + consoleApp.session.date + " " + consoleApp.session.startTime
            font.pixelSize: 22
            font.bold: true
        }

        // Counts per state; each is also the list view's filter.
        Flow {
            Layout.fillWidth: true
            spacing: 6
            ConsoleButton {
                objectName: "filter_all"
                text: "All"
                checkable: true
                checked: live.filter === ""
                onClicked: live.setFilter("")
            }
            // One button per state, made once: the model is how many states there are (the
            // same number at every push), so a changed count updates a button's text and
            // never re-creates the button under the keyboard's or a screen reader's focus.
            Repeater {
                model: live.counts.length
                ConsoleButton {
                    readonly property var counted: live.counts[index]
                    objectName: "filter_" + counted.code
                    text: counted.label + "  " + counted.count
                    checkable: true
                    checked: live.filter === counted.code
                    onClicked: live.setFilter(counted.code)
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 16

            // The seating grid as the live view.
            Item {
                objectName: "liveGrid"
                Layout.preferredWidth: Math.max(live.columns, 1) * 172
                Layout.preferredHeight: Math.max(live.rows, 1) * 112
                Layout.alignment: Qt.AlignTop
                Repeater {
                    model: live.grid
                    Rectangle {
                        objectName: "seat_" + model.seat
                        x: model.column * 172
                        y: model.row * 112
                        width: 164
                        height: 104
                        radius: 6
                        color: screen.tileColour(model.state)
                        border.color: model.selected ? "#1d3557" : "#9aa3ad"
                        border.width: model.selected ? 4 : 1
                        // To a screen reader a seat is one toggle button that says all the
                        // tile shows, selected or not; its lines are not read again one by one.
                        Accessible.role: Accessible.Button
                        Accessible.name: [model.seat, model.candidate, model.assessmentId,
                                          model.stateText,
                                          model.lastAnswer === ""
                                              ? "" : "last answer " + model.lastAnswer,
                                          model.unread > 0
                                              ? model.unread + " unread incidents" : ""]
                                         .filter(part => part !== "").join(", ")
                        Accessible.checkable: true
                        Accessible.checked: model.selected
                        Accessible.onPressAction: live.toggle(model.seat)
                        Accessible.onToggleAction: live.toggle(model.seat)
                        Column {
                            anchors.fill: parent
                            anchors.margins: 6
                            spacing: 1
                            Row {
                                spacing: 6
                                Label { text: model.seat; font.bold: true; Accessible.ignored: true }
                                Rectangle {
                                    visible: model.unread > 0
                                    width: 22; height: 16; radius: 8
                                    color: "#c1121f"
                                    Label {
                                        Accessible.ignored: true
                                        anchors.centerIn: parent
                                        text: model.unread
                                        color: "white"
                                        font.pixelSize: 10
                                    }
                                }
                            }
                            Label {
                                text: model.candidate
                                width: 150
                                elide: Text.ElideRight
                                Accessible.ignored: true
                            }
                            Label {
                                Accessible.ignored: true
                                text: model.assessmentId
                                font.pixelSize: 10
                                width: 150
                                elide: Text.ElideRight
                            }
                            Label {
                                Accessible.ignored: true
                                text: model.stateText
                                font.pixelSize: 11
                                width: 150
                                wrapMode: Text.WordWrap
                                maximumLineCount: 2
                            }
                            Label {
                                Accessible.ignored: true
                                text: model.lastAnswer === ""
                                      ? "" : "Last answer " + model.lastAnswer
                                font.pixelSize: 10
                            }
                        }
                        MouseArea { anchors.fill: parent; onClicked: live.toggle(model.seat) }
                    }
                }
            }

            // The list view: the filter's seats, unread incidents first.
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Label { text: "Seats (" + live.list.count + ")"; font.bold: true }
                ListView {
                    objectName: "liveList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: live.list
                    delegate: ConsoleRow {
                        objectName: "listRow_" + model.seat
                        width: ListView.view.width
                        highlighted: model.selected
                        text: model.seat + "  " + model.candidate + "  ·  " + model.stateText
                              + (model.unread > 0 ? "  ·  " + model.unread + " unread" : "")
                              + (model.outcome !== "" ? "  ·  " + model.outcome : "")
                        onClicked: live.toggle(model.seat)
                    }
                }
                Label { text: "Incidents from the kiosks, unread"; font.bold: true }
                Repeater {
                    model: live.unreadIncidents
                    RowLayout {
                        Label {
                            text: modelData.time + "  " + modelData.seat + "  " + modelData.kind
                                  + ": " + modelData.description
                            Layout.maximumWidth: 420
                            elide: Text.ElideRight
                        }
                        ConsoleButton {
                            objectName: "markRead_" + modelData.sequence
                            text: "Mark read"
                            onClicked: message.text = live.markRead(modelData.sequence)
                        }
                    }
                }
            }
        }

        // The actions: to the selection, or the whole room; each is confirmed first.
        RowLayout {
            spacing: 6
            ConsoleSwitch { id: wholeRoom; objectName: "wholeRoom"; text: "Whole room" }
            ConsoleButton { objectName: "actDeliver"; text: "Deliver"; onClicked: ask("deliver", text) }
            ConsoleButton { objectName: "actLaunch"; text: "Launch"; onClicked: ask("launch", text) }
            ConsoleButton { objectName: "actPause"; text: "Pause"; onClicked: ask("pause", text) }
            ConsoleButton { objectName: "actResume"; text: "Resume"; onClicked: ask("resume", text) }
            ConsoleButton {
                objectName: "actExtraTime"
                text: "Extra time"
                onClicked: ask("extra-time", text)
            }
            ConsoleButton { objectName: "actVoid"; text: "Void"; onClicked: ask("void", text) }
            ConsoleButton {
                objectName: "actAuthoriseResume"
                text: "Authorise resume"
                onClicked: ask("authorise-resume", text)
            }
            Label { text: "Minutes" }
            TextField {
                id: minutes
                objectName: "extraMinutes"
                text: "10"
                implicitWidth: 50
                Accessible.name: "Minutes"
            }
            TextField {
                id: reason
                objectName: "actionReason"
                placeholderText: "Reason (pause, void)"
                Accessible.name: "Reason for pause or void"
                implicitWidth: 200
            }
        }
        // The reason for extra time, from the list (radio buttons: drawn, no images).
        Flow {
            Layout.fillWidth: true
            spacing: 4
            Label { text: "Extra time for:" }
            Repeater {
                model: live.extraTimeReasons
                ConsoleRadio {
                    objectName: "reason_" + index
                    text: modelData
                    checked: modelData === screen.extraReason
                    onToggled: if (checked) screen.extraReason = modelData
                }
            }
        }
        // Extra time the room offers for the selected seat's pause or outage: "Offer" fills
        // the minutes and the reason in and asks to confirm, like the Extra time button.
        RowLayout {
            visible: live.extraTimeOffer.seat !== undefined
            spacing: 6
            Label { objectName: "extraTimeOffer"; text: live.extraTimeOffer.text || "" }
            ConsoleButton {
                objectName: "useExtraTimeOffer"
                text: "Offer " + (live.extraTimeOffer.minutes || 0) + " min"
                onClicked: {
                    minutes.text = live.extraTimeOffer.minutes
                    screen.extraReason = live.extraTimeOffer.reason
                    wholeRoom.checked = false
                    ask("extra-time", "Extra time")
                }
            }
        }
        // Move the selected seat's sitting to a spare PC (issue 11); a dead old PC is passed
        // over only once the invigilator ticks that it is dead.
        RowLayout {
            spacing: 6
            Label { text: "Move the selected sitting to spare PC" }
            TextField {
                id: spareSeat
                objectName: "moveToSeat"
                placeholderText: "PC12"
                implicitWidth: 80
                Accessible.name: "Spare PC"
            }
            // A Switch, not a CheckBox: the Basic style draws it (no image, see the radio buttons).
            ConsoleSwitch { id: oldPcDead; objectName: "oldPcDead"; text: "The old PC is dead" }
            ConsoleButton {
                objectName: "actMove"
                text: "Move"
                onClicked: ask("move", text)
            }
        }
        // Ending the session: every seat submitted, voided or explained. A seat that never
        // started is explained by selecting it and giving the words here.
        RowLayout {
            spacing: 6
            Label { text: "Explain the selected seats that never started" }
            TextField {
                id: explanation
                objectName: "closeExplanation"
                placeholderText: "candidate absent"
                implicitWidth: 220
                Accessible.name: "Why the selected seats never started"
            }
            ConsoleButton {
                objectName: "actCloseSession"
                text: "Close session"
                enabled: live.sessionState !== "closed"
                onClicked: ask("close-session", text)
            }
            Label {
                objectName: "sessionState"
                text: live.sessionState === "closed" ? "This session is closed"
                      : live.sessionState === "open" ? "This session is open" : ""
                font.bold: true
            }
        }
        Rectangle {
            objectName: "confirmBar"
            visible: screen.pending !== ""
            Layout.fillWidth: true
            Layout.preferredHeight: 44
            color: "#fff3cd"
            RowLayout {
                anchors.fill: parent
                anchors.margins: 6
                Label {
                    text: screen.pending === "close-session"
                          ? "Close this session" + (live.selection.length > 0
                                ? ", explaining " + live.selection.join(", ") : "") + "?"
                          : screen.pending === "move"
                          ? "Move the sitting at " + live.selection.join(", ") + " to "
                            + spareSeat.text + (oldPcDead.checked ? ", its PC being dead" : "")
                            + "?"
                          : screen.pendingLabel + " "
                          + (wholeRoom.checked ? "every seat of the room"
                                               : live.selection.length + " selected seat(s): "
                                                 + live.selection.join(", "))
                          + "?"
                }
                ConsoleButton {
                    objectName: "confirmAction"
                    text: "Confirm"
                    onClicked: {
                        if (screen.pending === "close-session") {
                            message.text = live.closeSession(explanation.text)
                        } else if (screen.pending === "move") {
                            message.text = live.moveSitting(spareSeat.text, oldPcDead.checked)
                            oldPcDead.checked = false
                        } else {
                            const why = screen.pending === "extra-time" ? screen.extraReason
                                                                       : reason.text
                            message.text = live.act(screen.pending, wholeRoom.checked,
                                                    parseInt(minutes.text), why)
                        }
                        screen.pending = ""
                    }
                }
                ConsoleButton { text: "Cancel"; onClicked: screen.pending = "" }
            }
        }
        Label { id: message; objectName: "message"; color: "#b00020" }
        Column {
            objectName: "results"
            Repeater {
                model: live.results
                Label { text: modelData; font.pixelSize: 12 }
            }
        }
        // The one selected seat's history: every action at it, with who and when.
        Label {
            visible: live.seatHistory.length > 0
            text: "History of " + live.selection.join("")
            font.bold: true
        }
        ListView {
            objectName: "seatHistory"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 96) // the room's grid keeps its space
            clip: true
            model: live.seatHistory
            delegate: Label {
                objectName: "history_" + index
                text: modelData.time + "  " + modelData.description + "  ("
                      + modelData.recordedBy + ")"
                font.pixelSize: 11
            }
        }
    }
}
