import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// Tells the invigilator walking the room that something happened at this seat (focus lost, a
// program found, a problem reported) and gives them the way to read it. The candidate sees
// it too: it says only that the invigilator has been told.
Rectangle {
    id: strip
    objectName: "incidentStrip"
    readonly property bool wanted: Session.pendingIncidents > 0
                                   && (Session.screen === Session.Question
                                       || Session.screen === Session.Review
                                       || Session.screen === Session.SubmitConfirm)
    visible: wanted
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    color: Session.accessibility.surface
    border.color: Session.accessibility.warning
    border.width: 2

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        spacing: 12
        KText {
            objectName: "incidentStripText"
            Layout.fillWidth: true
            color: Session.accessibility.warning
            font.bold: true
            text: Session.pendingIncidents === 1 ? qsTr("Invigilator: 1 event at this seat to review.")
                  : qsTr("Invigilator: %1 events at this seat to review.").arg(Session.pendingIncidents)
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        KButton {
            objectName: "reviewIncidentsButton"
            text: qsTr("Invigilator: review")
            Accessible.name: qsTr("Invigilator: review the events at this seat")
            onClicked: Session.beginIncidentReview()
        }
    }
}
