import QtQuick
import QtQuick.Controls

// A row of a list that opens or selects what it shows (a session, a user, a seat): an
// ItemDelegate a screen reader can press and the keyboard can press with Return or Enter.
// Qt 6.4's ItemDelegate, like its Button, reports Press and does nothing on it.
ItemDelegate {
    Accessible.name: text
    Accessible.onPressAction: if (enabled) clicked()
    Keys.onReturnPressed: if (enabled) clicked()
    Keys.onEnterPressed: if (enabled) clicked()
}
