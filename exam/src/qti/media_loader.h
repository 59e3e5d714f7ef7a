#pragma once

#include "rich_text.h"
#include "vigil/exam/assessment.h"

#include <vector>

namespace vigil::exam::qti {

class PackageSource;
class ProblemLog;

// Reads every referenced image from the package once, checks that its bytes are the image
// type its name says (SVG, PNG, JPEG, GIF) and that an SVG pulls in nothing from outside.
std::vector<Media> loadMedia(const std::vector<MediaReference>& references, PackageSource& source,
                             ProblemLog& log);

} // namespace vigil::exam::qti
