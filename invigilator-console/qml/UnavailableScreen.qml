import QtQuick
import QtQuick.Controls

// The data folder or its store cannot be used: say what is wrong, nothing else.
Item {
    Label {
        objectName: "problem"
        anchors.centerIn: parent
        width: parent.width * 0.7
        wrapMode: Text.Wrap
        font.pixelSize: 20
        text: "The console cannot open its data: " + consoleApp.problem
    }
}
