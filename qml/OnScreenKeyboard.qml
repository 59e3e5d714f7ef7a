import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// Digits and letters for touch screens; the physical keyboard works as well. Keys do not take
// focus, so the field being typed into keeps it.
ColumnLayout {
    id: keyboard
    signal typed(string character)
    signal erased()
    property bool shifted: false
    // Less height than a plain button: five rows of keys and the fields above them must fit a
    // short screen at the largest text size.
    readonly property int keyPadding: Math.round(6 * Session.accessibility.textScale)
    spacing: 4

    Repeater {
        model: ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"]
        delegate: RowLayout {
            required property string modelData
            Layout.alignment: Qt.AlignHCenter
            spacing: 4
            Repeater {
                model: modelData.split("")
                delegate: KButton {
                    required property string modelData
                    objectName: "key_" + modelData
                    focusPolicy: Qt.NoFocus
                    implicitWidth: 52 * Session.accessibility.textScale
                    topPadding: keyboard.keyPadding
                    bottomPadding: keyboard.keyPadding
                    text: keyboard.shifted ? modelData.toUpperCase() : modelData
                    Accessible.name: qsTr("Key %1").arg(text)
                    onClicked: {
                        keyboard.typed(text)
                        keyboard.shifted = false
                    }
                }
            }
        }
    }
    RowLayout {
        Layout.alignment: Qt.AlignHCenter
        spacing: 4
        KButton {
            objectName: "key_shift"
            focusPolicy: Qt.NoFocus
            topPadding: keyboard.keyPadding
            bottomPadding: keyboard.keyPadding
            text: keyboard.shifted ? qsTr("Shift (on)") : qsTr("Shift")
            onClicked: keyboard.shifted = !keyboard.shifted
        }
        KButton {
            objectName: "key_backspace"
            focusPolicy: Qt.NoFocus
            topPadding: keyboard.keyPadding
            bottomPadding: keyboard.keyPadding
            text: qsTr("Delete")
            Accessible.name: qsTr("Delete last character")
            onClicked: keyboard.erased()
        }
    }
}
