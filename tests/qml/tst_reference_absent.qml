import QtQuick
import QtTest
import Vigil.Kiosk

// A paper that allows no reference material (the synthetic sample) shows no reference button
// and no panel.
Item {
    width: 1280
    height: 900
    KioskScreens { id: screens; anchors.fill: parent }

    KioskTestCase {
        name: "ReferenceAbsent"
        screens: screens

        function test_noReferenceOnThisPaper() {
            goToFirstQuestion()
            verify(!item("referenceButton").visible)
            verify(!item("referencePanel").visible)
            verify(!Session.reference.available)
        }
    }
}
