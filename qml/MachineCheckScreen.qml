import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// What the lockdown layer found on this PC; the invigilator accepts each with a reason or the
// sitting cannot start.
FocusScope {
    objectName: "machineCheckScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 900)
        spacing: 14
        KText { Layout.fillWidth: true; scale: 1.4; font.bold: true; text: qsTr("Machine check") }
        KText {
            Layout.fillWidth: true
            text: qsTr("This PC is not ready for a sitting. Fix each problem or accept it with a reason (recorded).")
        }
        Repeater {
            model: Session.findings
            delegate: ColumnLayout {
                required property var modelData
                required property int index
                Layout.fillWidth: true
                KText {
                    Layout.fillWidth: true
                    text: modelData.message + (modelData.accepted ? qsTr(" (accepted)") : "")
                    color: modelData.accepted ? Session.accessibility.mutedText : Session.accessibility.warning
                }
                RowLayout {
                    visible: !modelData.accepted
                    Layout.fillWidth: true
                    TextField {
                        id: reason
                        objectName: "overrideReason_" + index
                        Layout.fillWidth: true
                        placeholderText: qsTr("Reason for accepting")
                        Accessible.name: qsTr("Reason for accepting: %1").arg(modelData.message)
                    }
                    KButton {
                        objectName: "overrideButton_" + index
                        text: qsTr("Accept")
                        onClicked: Session.overrideFinding(modelData.key, reason.text)
                    }
                }
            }
        }
        KText {
            objectName: "overrideMessage"
            visible: text.length > 0
            color: Session.accessibility.warning
            text: Session.loginMessage
        }
        KButton {
            objectName: "machineContinueButton"
            primary: true
            focus: true
            enabled: Session.machineClear
            text: qsTr("Continue")
            onClicked: Session.continueAfterMachineCheck()
        }
    }
}
