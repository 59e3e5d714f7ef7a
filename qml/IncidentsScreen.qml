import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// The invigilator, logged in at the seat, reads what happened during this sitting. The
// sitting is paused meanwhile, the question hidden and the timer stopped.
FocusScope {
    objectName: "incidentsScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 14
        KText {
            Layout.fillWidth: true
            scale: 1.4
            font.bold: true
            text: qsTr("Events at %1 during this sitting").arg(Session.seatLabel)
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        KText {
            Layout.fillWidth: true
            text: qsTr("The sitting is paused with %1 left. New events are marked; they stay in the sitting's record.")
                  .arg(Session.timeLeftText)
        }
        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: availableWidth
            rightPadding: ScrollBar.vertical.width
            ScrollBar.vertical: KScrollBar { view: scroll }
            ColumnLayout {
                width: scroll.availableWidth
                spacing: 6
                Repeater {
                    objectName: "incidentRows"
                    model: Session.incidents
                    delegate: Rectangle {
                        required property var modelData
                        required property int index
                        objectName: "incident_" + index
                        Layout.fillWidth: true
                        implicitHeight: line.implicitHeight + 16
                        color: modelData.pending ? Session.accessibility.surface : "transparent"
                        border.width: modelData.pending ? 2 : 0
                        border.color: Session.accessibility.warning
                        KText {
                            id: line
                            anchors.fill: parent
                            anchors.margins: 8
                            text: (modelData.pending ? qsTr("NEW") + "  " : "")
                                  + modelData.time + "  " + modelData.source + "  " + modelData.text
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                        }
                    }
                }
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 12
            KButton {
                objectName: "acknowledgeIncidentsButton"
                focus: true
                primary: true
                text: qsTr("Reviewed: return to the candidate")
                onClicked: Session.acknowledgeIncidents()
            }
            KButton {
                objectName: "keepPausedButton"
                text: qsTr("Reviewed: keep the sitting paused")
                onClicked: Session.acknowledgeIncidentsAndKeepPaused()
            }
        }
    }
}
