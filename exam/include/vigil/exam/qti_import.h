#pragma once

#include "vigil/exam/assessment.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vigil::exam {

// One reason a package cannot be imported as authored. `file` is relative to the package
// root ("items/q07.xml"); `line` is 0 when the problem is not tied to a line.
struct QtiProblem {
    std::string file;
    int line = 0;
    std::string element; // the QTI element concerned, without prefix, e.g. "sliderInteraction"
    std::string message;
};

// Either an assessment (problems empty) or every problem found (assessment empty): an import
// never silently drops a construct it cannot deliver.
struct QtiImportResult {
    std::optional<Assessment> assessment;
    std::vector<QtiProblem> problems;
};

// Reads a QTI 2.1/2.2 content package: a folder or a .zip holding imsmanifest.xml, plus an
// optional vigil-assessment.json in its root for what QTI cannot express (see
// exam/samples/README.md).
QtiImportResult importQtiPackage(const std::filesystem::path& folderOrZip);

// "items/q07.xml:42: <sliderInteraction>: not supported ..."
std::string formatProblem(const QtiProblem& problem);

} // namespace vigil::exam
