import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// The computer reader's buttons, for a candidate whose seat assignment grants one; the same
// actions as the F-keys each button names. What is read is decided by the session's ReadAloud.
Flow {
    id: bar
    objectName: "readerBar"
    spacing: 8
    KText {
        height: readButton.height
        verticalAlignment: Text.AlignVCenter
        text: qsTr("Reader")
    }
    KButton {
        id: readButton
        objectName: "readQuestionButton"
        text: qsTr("Read question (F2)")
        onClicked: Session.reader.readQuestion()
    }
    KButton {
        objectName: "readAnswerButton"
        text: qsTr("Next answer (F3)")
        onClicked: Session.reader.readChoice(-1)
    }
    KButton {
        objectName: "readRepeatButton"
        text: qsTr("Repeat (F4)")
        onClicked: Session.reader.repeat()
    }
    KButton {
        objectName: "readStopButton"
        text: qsTr("Stop (F6)")
        onClicked: Session.reader.stop()
    }
    KButton {
        objectName: "readSlowerButton"
        text: qsTr("Slower (F7)")
        enabled: Session.reader.rateStep > -2
        onClicked: Session.reader.slower()
    }
    KButton {
        objectName: "readFasterButton"
        text: qsTr("Faster (F8)")
        enabled: Session.reader.rateStep < 2
        onClicked: Session.reader.faster()
    }
    KButton {
        objectName: "readTimeButton"
        text: qsTr("Time left (F9)")
        onClicked: Session.reader.readTimeLeft()
    }
}
