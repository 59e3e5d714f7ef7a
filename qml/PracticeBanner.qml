import QtQuick
import QtQuick.Layouts
import Vigil.Kiosk

// On every practice screen, above everything else: this is practice, not the assessment.
Rectangle {
    objectName: "practiceBanner"
    implicitHeight: bannerText.implicitHeight + 20
    color: Practice.look.banner
    Accessible.role: Accessible.StaticText
    Accessible.name: bannerText.text
    Text {
        id: bannerText
        objectName: "practiceBannerText"
        anchors.fill: parent
        anchors.margins: 10
        color: Practice.look.bannerText
        font.pixelSize: Practice.look.fontPixelSize
        font.bold: true
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        text: qsTr("PRACTICE QUIZ: not an assessment. Nothing here counts towards a result.")
    }
}
