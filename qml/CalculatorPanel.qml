import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Kiosk

// A basic calculator; the arithmetic is the C++ Calculator's.
ColumnLayout {
    objectName: "calculatorPanel"
    spacing: 4
    Calculator { id: calculator }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: display.implicitHeight + 12
        color: Session.accessibility.surface
        border.color: Session.accessibility.text
        Text {
            id: display
            objectName: "calculatorDisplay"
            anchors.fill: parent
            anchors.margins: 6
            horizontalAlignment: Text.AlignRight
            text: calculator.display
            color: Session.accessibility.text
            font.pixelSize: Session.accessibility.fontPixelSize * 1.3
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Calculator display %1").arg(text)
            // Closed, or banned by the paper: not in the accessibility tree.
            Accessible.ignored: !visible
        }
    }
    GridLayout {
        columns: 4
        rowSpacing: 4
        columnSpacing: 4
        Repeater {
            model: [["7", "7"], ["8", "8"], ["9", "9"], ["/", "\u00f7"],
                    ["4", "4"], ["5", "5"], ["6", "6"], ["*", "\u00d7"],
                    ["1", "1"], ["2", "2"], ["3", "3"], ["-", "\u2212"],
                    ["0", "0"], [".", "."], ["=", "="], ["+", "+"],
                    ["C", "C"], ["back", "\u232b"], ["sign", "\u00b1"]]
            delegate: KButton {
                required property var modelData
                objectName: "calc_" + modelData[0]
                implicitWidth: 56 * Session.accessibility.textScale
                // Less height than a plain button: five rows of keys must fit a short screen.
                topPadding: Math.round(6 * Session.accessibility.textScale)
                bottomPadding: topPadding
                text: modelData[1]
                Accessible.name: ({"/": qsTr("divide"), "*": qsTr("multiply"), "-": qsTr("minus"),
                                   "+": qsTr("plus"), "=": qsTr("equals"), "C": qsTr("clear"),
                                   "back": qsTr("delete digit"), "sign": qsTr("change sign"),
                                   ".": qsTr("decimal point")})[modelData[0]] || modelData[1]
                onClicked: calculator.press(modelData[0])
            }
        }
    }
}
