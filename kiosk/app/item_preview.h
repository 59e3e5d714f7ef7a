#pragma once

#include <QStringList>

namespace vigil::kiosk {

// `vigil-kiosk preview SOURCE --out DIR [--settings FILE] [--test ID]`: renders every item of
// a QTI content package or an item bank's export (folder or zip, read as `vigil-pack build`
// reads it) as the kiosk shows it, one PNG per item at each text size and theme, so the
// content team signs off what candidates will see. The kiosk's own screens draw it: a real
// session over a throwaway seat in a temporary folder (its sealed package, assignment and
// store, deleted afterwards), offscreen, the real Main.qml on the question screen.

// Whether the command line asks for the preview (decided before the application exists: the
// preview always runs offscreen).
[[nodiscard]] bool isPreviewCommand(int argc, char* argv[]);

// Runs it; the process's exit status: 0 done, 1 the source does not import or a picture could
// not be made, 2 a usage error.
[[nodiscard]] int runPreview(const QStringList& arguments);

} // namespace vigil::kiosk
