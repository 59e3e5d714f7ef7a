import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// A button operable by pointer, Tab + Space and Tab + Enter, with a visible focus ring.
Button {
    id: control
    property bool primary: false
    // A disabled button is drawn flat on the page's colour, its text and border the theme's
    // text colour blended a third of the way towards the page: plainly inactive, yet at least
    // 4.5:1 against the page in every theme (a faded primary button's text was not).
    readonly property color disabledColour: Qt.tint(Session.accessibility.text,
                                                    Qt.rgba(Session.accessibility.background.r,
                                                            Session.accessibility.background.g,
                                                            Session.accessibility.background.b, 0.35))
    focusPolicy: Qt.StrongFocus
    Accessible.name: text
    // A hidden button (the calculator's on a paper that bans it, a closed panel's) is not in
    // the accessibility tree.
    Accessible.ignored: !visible
    font.pixelSize: Session.accessibility.fontPixelSize
    padding: Math.round(12 * Session.accessibility.textScale)
    // A screen reader's "activate" (AT-SPI's Press): Qt 6.4's Button reports the action but
    // does not click, so a screen-reader user could press nothing without this.
    Accessible.onPressAction: if (enabled) clicked()
    Keys.onReturnPressed: if (enabled) clicked()
    Keys.onEnterPressed: if (enabled) clicked()
    contentItem: Text {
        text: control.text
        font: control.font
        color: !control.enabled ? control.disabledColour
                                : control.primary ? Session.accessibility.accentText : Session.accessibility.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 44
        radius: 4
        color: !control.enabled ? Session.accessibility.background
                                : control.primary ? Session.accessibility.accent : Session.accessibility.surface
        border.width: control.activeFocus ? Session.accessibility.focusRingWidth : 1
        border.color: control.activeFocus ? Session.accessibility.focusRing
                                          : control.enabled ? Session.accessibility.text : control.disabledColour
        opacity: control.down ? 0.8 : 1.0
    }
}
