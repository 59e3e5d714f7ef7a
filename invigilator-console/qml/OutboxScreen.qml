import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The centre's outbox: what waits for the awarding body, the oldest item's age, the last
// receipt, a warning past a day, "Send now" with its progress and each item's outcome, and for
// the coordinator the USB drive (write a bundle, import its receipts), "Get packages from the
// awarding body" and the receiver's settings. Presentation only (consoleApp.outbox).
Item {
    readonly property var outbox: consoleApp.outbox

    ScrollView {
        anchors.fill: parent
        anchors.margins: 24
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: 8

            Label { text: "Outbox to the awarding body"; font.pixelSize: 22; font.bold: true }
            Label {
                objectName: "waitingSummary"
                text: outbox.waitingCount === 0
                      ? "Nothing is waiting."
                      : outbox.waitingCount + (outbox.waitingCount === 1 ? " item" : " items") +
                        " waiting: " + outbox.kinds.map(k => k.count + " " + k.kind).join(", ")
            }
            Label {
                objectName: "oldestAge"
                visible: outbox.oldestAge !== ""
                text: "Oldest unsent item waiting for " + outbox.oldestAge
            }
            Rectangle {
                objectName: "overADayWarning"
                visible: outbox.overADay > 0
                Layout.fillWidth: true
                implicitHeight: warningText.implicitHeight + 16
                color: "#fde2e1"
                border.color: "#c0392b"
                radius: 4
                Label {
                    id: warningText
                    anchors.fill: parent
                    anchors.margins: 8
                    wrapMode: Text.Wrap
                    color: "#8e1b10"
                    text: outbox.overADay + (outbox.overADay === 1 ? " item has" : " items have") +
                          " waited more than a day. Send now, or take the outbox to the " +
                          "awarding body on a USB drive."
                }
            }
            Label {
                objectName: "lastReceipt"
                text: outbox.lastReceipt === "" ? "No receipt yet."
                                                : "Last receipt: " + outbox.lastReceipt
            }

            Repeater {
                model: outbox.items
                delegate: Label {
                    required property var modelData
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: "• " + modelData.label + " (" + modelData.kind + "), queued " +
                          modelData.queuedAt +
                          (modelData.attempts > 0
                           ? ", " + modelData.attempts + " failed attempts: " + modelData.lastError
                           : "")
                }
            }

            RowLayout {
                spacing: 8
                ConsoleButton {
                    objectName: "sendNow"
                    text: "Send now"
                    enabled: !outbox.busy
                    onClicked: {
                        const refused = outbox.sendNow()
                        if (refused !== "")
                            sendRefused.text = refused
                    }
                }
                ProgressBar {
                    objectName: "sendProgress"
                    visible: outbox.sending
                    from: 0
                    to: Math.max(1, outbox.progressTotal)
                    value: outbox.progressDone
                    Layout.preferredWidth: 240
                }
                Label {
                    objectName: "sendMessage"
                    text: outbox.sending && outbox.progressTotal > 0
                          ? "Sending " + outbox.progressDone + " of " + outbox.progressTotal
                          : outbox.sendMessage
                }
            }
            Label { id: sendRefused; objectName: "sendRefused"; color: "#8e1b10" }
            Repeater {
                model: outbox.outcomes
                delegate: Label {
                    required property string modelData
                    objectName: "outcome"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: modelData
                }
            }

            // The coordinator's: the outbox carried on a USB drive when the centre is offline.
            ColumnLayout {
                objectName: "usbForm"
                visible: consoleApp.coordinator
                Layout.fillWidth: true
                Layout.topMargin: 16
                spacing: 4
                Label { text: "Offline: carry the outbox on a USB drive"; font.bold: true }
                FormField {
                    id: drive
                    objectName: "bundleDrive"
                    label: "USB drive (folder the bundle is written in)"
                    text: "/media/usb"
                }
                ConsoleButton {
                    objectName: "writeBundle"
                    text: "Write bundle to drive"
                    enabled: !outbox.busy && outbox.waitingCount > 0
                    onClicked: {
                        const refused = outbox.writeBundle(drive.text)
                        if (refused !== "")
                            bundleRefused.text = refused
                    }
                }
                // A bar that fills as the bundle's items are written and read back would need
                // their count; until then the bar stands full while the work runs (never
                // indeterminate: Qt 6.4's Basic style leaks that bar's animated items).
                ProgressBar {
                    objectName: "bundleProgress"
                    visible: outbox.writingBundle
                    value: 1
                    Layout.preferredWidth: 240
                }
                FormField {
                    id: receiptsFile
                    objectName: "receiptsFile"
                    label: "Receipts file from the awarding body (the bundle's name + .receipts)"
                }
                ConsoleButton {
                    objectName: "importReceipts"
                    text: "Import receipts"
                    enabled: !outbox.busy
                    onClicked: outbox.importReceipts(receiptsFile.text)
                }
                Label {
                    objectName: "bundleMessage"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: outbox.bundleMessage
                }
                Label { id: bundleRefused; objectName: "bundleRefused"; color: "#8e1b10" }
            }

            // The coordinator's: the packages the awarding body published for this centre,
            // each verified before it is imported.
            ColumnLayout {
                objectName: "packagesForm"
                visible: consoleApp.coordinator
                Layout.fillWidth: true
                Layout.topMargin: 16
                spacing: 4
                Label { text: "Assessment packages"; font.bold: true }
                RowLayout {
                    spacing: 8
                    ConsoleButton {
                        objectName: "fetchPackages"
                        text: "Get packages from the awarding body"
                        enabled: !outbox.busy
                        onClicked: {
                            const refused = outbox.fetchPackages()
                            if (refused !== "")
                                fetchRefused.text = refused
                        }
                    }
                    // Determinate only: Qt 6.4's Basic style leaks the indeterminate bar's
                    // animated items (LeakSanitizer, tst_console_packages_screen); while the
                    // list is read the bar stands at 0.
                    ProgressBar {
                        objectName: "fetchProgress"
                        visible: outbox.fetchingPackages
                        from: 0
                        to: Math.max(1, outbox.progressTotal)
                        value: outbox.progressDone
                        Layout.preferredWidth: 240
                    }
                    Label {
                        objectName: "packagesMessage"
                        text: outbox.fetchingPackages && outbox.progressTotal > 0
                              ? "Package " + outbox.progressDone + " of " + outbox.progressTotal
                              : outbox.packagesMessage
                    }
                }
                Label { id: fetchRefused; objectName: "fetchRefused"; color: "#8e1b10" }
                Repeater {
                    model: outbox.packageOutcomes
                    delegate: Label {
                        required property string modelData
                        objectName: "packageOutcome"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: modelData
                    }
                }
            }

            // The coordinator's: where the awarding body's receiver is, its key pinned.
            ColumnLayout {
                objectName: "receiverForm"
                visible: consoleApp.coordinator
                Layout.fillWidth: true
                Layout.topMargin: 16
                spacing: 4
                Label { text: "Awarding body's receiver"; font.bold: true }
                Label {
                    objectName: "receiverNow"
                    text: outbox.receiver.host === undefined
                          ? "No receiver is set up: nothing can be sent."
                          : "Sending to " + outbox.receiver.host + ":" + outbox.receiver.port
                }
                FormField {
                    id: host
                    objectName: "receiverHost"
                    label: "Host (as its certificate names it)"
                    text: outbox.receiver.host || ""
                }
                FormField {
                    id: port
                    objectName: "receiverPort"
                    label: "Port"
                    text: outbox.receiver.port !== undefined ? outbox.receiver.port : "8443"
                }
                FormField {
                    id: key
                    objectName: "receiverKey"
                    label: "Receiver's key (hex, as vigil-syncd init prints it)"
                    text: outbox.receiver.key || ""
                }
                ConsoleButton {
                    objectName: "saveReceiver"
                    text: "Save receiver"
                    onClicked: receiverMessage.text =
                               outbox.saveReceiver(host.text, parseInt(port.text), key.text) ||
                               "Saved"
                }
                Label { id: receiverMessage; objectName: "receiverMessage"; wrapMode: Text.Wrap }
            }
        }
    }
}
