import QtQuick
import QtQuick.Layouts
import Vigil.Kiosk

// Out of service: the kiosk could not start (store, data folder, trust keys, seat assignment
// or package). Says what is wrong, which file and what to do, for the invigilator or the
// technician; offers the candidate nothing to press. The kiosk checks the files again by itself
// every few seconds and leaves this screen when they are right. Fixed high-contrast colours
// and sizes: the candidate's accessibility settings live in the store, which may be the
// problem.
FocusScope {
    id: root
    objectName: "startupProblemScreen"
    Accessible.name: qsTr("Out of service")

    readonly property color textColour: "#ffffff"
    readonly property color warningColour: "#ffd54f"
    readonly property int basePixels: 22

    component Line: Text {
        property real scale: 1.0
        Layout.fillWidth: true
        color: root.textColour
        font.pixelSize: Math.round(root.basePixels * scale)
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        // Read as shown (KText's rule): the technician's screen reader, and the coordinator
        // reading the fingerprint, get every line, not only the clock.
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        Accessible.ignored: !visible
    }

    Rectangle {
        anchors.fill: parent
        color: "#1a1a1a"
    }
    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 1000)
        spacing: 18

        Line {
            objectName: "outOfServiceHeading"
            horizontalAlignment: Text.AlignHCenter
            scale: 2.0
            font.bold: true
            color: root.warningColour
            text: qsTr("Out of service")
        }
        Line {
            objectName: "problemSeat"
            horizontalAlignment: Text.AlignHCenter
            scale: 1.3
            text: Startup.seatLabel.length > 0 ? qsTr("Seat %1").arg(Startup.seatLabel)
                                               : qsTr("Seat not configured")
        }
        Line {
            objectName: "problemClock"
            horizontalAlignment: Text.AlignHCenter
            scale: 1.6
            text: Startup.clockText
            Accessible.name: qsTr("Time %1").arg(Startup.clockText)
        }
        Line {
            objectName: "candidateNotice"
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("This PC cannot start an assessment. Please tell the invigilator.")
        }
        Rectangle {
            Layout.fillWidth: true
            height: 2
            color: root.warningColour
        }
        Line {
            objectName: "problemTitle"
            scale: 1.3
            font.bold: true
            color: root.warningColour
            text: Startup.title
        }
        Line {
            objectName: "problemFile"
            text: qsTr("File: %1").arg(Startup.file)
        }
        Line {
            objectName: "problemAction"
            text: qsTr("What to do: %1").arg(Startup.action)
        }
        Line {
            objectName: "problemDetail"
            scale: 0.8
            color: "#cccccc"
            text: qsTr("Reason given: %1").arg(Startup.detail)
        }
        Line {
            objectName: "recheckNotice"
            scale: 0.9
            text: qsTr("This PC checks the files again every %1 seconds and starts by itself once they are right (checks so far: %2). Nothing on this PC has been deleted or changed.")
                  .arg(Startup.recheckSeconds).arg(Startup.checks)
        }
        // A seat waiting for its assignment or its launch gets them over the link: the
        // coordinator enrols this PC by the fingerprint shown here.
        Line {
            objectName: "problemLinkFingerprint"
            Layout.topMargin: 24
            visible: Link.linked
            text: Link.fingerprintText
            font.family: "monospace"
        }
        Line {
            objectName: "problemLinkConsole"
            visible: Link.linked
            text: Link.consoleText
        }
        Line {
            objectName: "problemLinkStanding"
            visible: Link.linked
            text: Link.standingText
        }
    }
}
