import QtQuick
import QtTest
import Vigil.Kiosk

// In high contrast an answer holding a diagram gets the question body's light panel; the sample
// seat has no such answer, so the label is shown here on its own with the sample's diagram (the
// runner's image provider serves it), and the question screen is checked to use that label.
Item {
    id: window
    width: 1280
    height: 720
    KioskScreens { id: screens; anchors.fill: parent; visible: false }

    Rectangle {
        id: page
        width: 600
        height: answers.height
        color: Session.accessibility.background
    Column {
        id: answers
        width: 600
        ChoiceLabel {
            id: diagramChoice
            width: parent.width
            indicatorSpace: 40
            letter: "A"
            body: "<p><img src=\"image://vigil/media/brake-circuit.svg\" width=\"200\"/> Circuit A</p>"
        }
        ChoiceLabel {
            id: textChoice
            width: parent.width
            indicatorSpace: 40
            letter: "B"
            body: "<p>Option B</p>"
        }
    }
    }

    KioskTestCase {
        name: "ChoiceDiagramContrast"
        screens: screens

        function cleanup() {
            Session.accessibility.theme = AccessibilitySettings.Standard
        }
        function darkest(image, x0, y0, x1, y1) {
            let result = 1
            for (let y = y0; y < y1; y += 2) {
                for (let x = x0; x < x1; x += 2) {
                    const c = image.pixel(x, y)
                    result = Math.min(result, Math.max(c.r, c.g, c.b))
                }
            }
            return result
        }

        function test_diagramAnswerOnLightPanelInHighContrastOnly() {
            Session.accessibility.theme = AccessibilitySettings.Standard
            waitForRendering(diagramChoice)
            verify(!diagramChoice.onLightPanel)
            verify(!findChild(diagramChoice, "choicePanel").visible)

            Session.accessibility.theme = AccessibilitySettings.HighContrast
            waitForRendering(diagramChoice)
            verify(diagramChoice.onLightPanel)
            verify(findChild(diagramChoice, "choicePanel").visible)
            compare(diagramChoice.color, Qt.color("black"))
            verify(!textChoice.onLightPanel, "a text-only answer stays on the theme's black")
            compare(textChoice.color, Qt.color("white"))

            // What is drawn: a white panel right of the indicator, the diagram's dark lines on it.
            const image = grabImage(page)
            const panelLeft = diagramChoice.indicatorSpace
            verify(Qt.colorEqual(image.pixel(diagramChoice.width - 4, diagramChoice.height / 2), "white"))
            verify(Qt.colorEqual(image.pixel(panelLeft / 2, diagramChoice.height / 2), "black"),
                   "the indicator's column keeps the page colour")
            verify(darkest(image, panelLeft + 60, 8, panelLeft + 260, diagramChoice.height - 8) < 0.3,
                   "the diagram's lines show on the panel")
        }

        function test_questionScreenAnswersUseTheLabel() {
            screens.visible = true
            const question = goToFirstQuestion()
            Session.accessibility.theme = AccessibilitySettings.HighContrast
            const label = item("choice_0").contentItem
            verify(label.onLightPanel !== undefined, "answers are ChoiceLabels")
            compare(label.body, "<p>Option A</p>")
            verify(!label.onLightPanel)
            // The sample's item 3 has a diagram as its answer B: on its screen that answer, and
            // only that one, is on the light panel, and only in high contrast.
            let found = false
            for (let position = 0; position < Session.questionCount && !found; ++position) {
                Session.goTo(position)
                questionShown()
                const second = item("choice_1").contentItem
                if (second.body.indexOf("<img") < 0)
                    continue
                found = true
                verify(second.body.indexOf("image://vigil/") >= 0, "served from memory: " + second.body)
                tryVerify(function () { return second.onLightPanel })
                verify(findChild(second, "choicePanel").visible)
                verify(!item("choice_0").contentItem.onLightPanel)
                Session.accessibility.theme = AccessibilitySettings.Standard
                verify(!second.onLightPanel)
            }
            verify(found, "the sample has an answer with a diagram")
        }
    }
}
