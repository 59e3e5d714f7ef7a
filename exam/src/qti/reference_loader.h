#pragma once

#include "assessment_settings.h"
#include "rich_text.h"
#include "vigil/exam/assessment.h"

#include <vector>

namespace vigil::exam::qti {

class PackageSource;
class ProblemLog;

// Reads the reference documents the settings name from the package: a PDF must be one (its
// magic) and within kMaxReferenceDocumentBytes; an HTML document (XHTML: html > body) goes
// through the items' sanitiser, its images added to `media` for loadMedia. Problems name the
// settings file, or the document's file and line.
std::vector<ReferenceDocument>
loadReferenceDocuments(const std::vector<ReferenceDocumentSetting>& documents,
                       const std::string& settingsFile, PackageSource& source,
                       std::vector<MediaReference>& media, ProblemLog& log);

} // namespace vigil::exam::qti
