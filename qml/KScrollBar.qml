import QtQuick
import QtQuick.Controls
import Vigil.Kiosk

// A scroll bar in the theme's colours and as wide as the text is large: the style's own grey
// handle is faint on the standard page and hard to grab for a candidate using large text.
// Use it as `ScrollBar.vertical: KScrollBar { view: theScrollView }`.
ScrollBar {
    id: bar
    property Item view
    parent: view
    x: view ? view.width - width : 0
    y: view ? view.topPadding : 0
    height: view ? view.availableHeight : 0
    // Always shown while there is more to see, so the candidate knows to scroll.
    policy: size < 1.0 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
    padding: 2
    Accessible.name: qsTr("Scroll")
    // Nothing to scroll (or hidden): nothing for a screen reader to announce.
    Accessible.ignored: !visible || size >= 1.0
    contentItem: Rectangle {
        objectName: "scrollHandle"
        implicitWidth: Math.round(10 * Session.accessibility.textScale)
        implicitHeight: implicitWidth
        radius: width / 2
        color: bar.pressed ? Session.accessibility.text : Session.accessibility.mutedText
        visible: bar.size < 1.0
    }
}
