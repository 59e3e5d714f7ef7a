import QtQuick
import Vigil.Kiosk

// Item content on the practice screens (a stem, an answer, feedback): shown as rich text, its
// images from the quiz's media in memory (the HTML comes from Practice, routed to the image
// provider), and read to a screen reader as `readingText`, the plain sentences Practice gives
// beside it, never the markup.
PracticeText {
    property string readingText
    textFormat: Text.RichText
    Accessible.name: readingText
}
