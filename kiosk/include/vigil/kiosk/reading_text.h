#pragma once

#include <QString>

namespace vigil::kiosk {

// What a screen reader and the built-in read-aloud say for a piece of item content: the
// sanitised item HTML (exam/qti's subset) as plain sentences in reading order. Paragraphs and
// list entries become lines; a table is read row by row, each cell with its column's header
// ("Table with 3 columns: Axle, Nearside, Offside. Row 1: Axle Front, Nearside 300 kgf,
// Offside 180 kgf. End of table."); an image is read as its text alternative ("Diagram: …", or
// "Diagram with no description." when the item bank gave none). Never markup, never an image's
// file name. Content that is not well-formed falls back to the text Qt's HTML reader finds.
[[nodiscard]] QString readingText(const QString& itemHtml);

// "12 minutes 5 seconds", "1 hour 3 minutes", "45 seconds": a time left as it is said.
[[nodiscard]] QString spokenDuration(int seconds);

} // namespace vigil::kiosk
