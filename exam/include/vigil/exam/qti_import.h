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

// What a caller adds to an export as another engine wrote it, which is never edited.
struct QtiImportOptions {
    // Settings beside the export, for one without vigil-assessment.json: the same keys, plus
    // durationMinutes for a test without timeLimits. An export holding its own
    // vigil-assessment.json and a settings file is refused: settings come from one place.
    std::optional<std::filesystem::path> settingsFile;
    // The assessmentTest to import, by its identifier; needed when the export holds several.
    std::optional<std::string> testIdentifier;
    // For checking content before its settings exist (vigil-pack check without --settings):
    // finding no settings is then no problem, nor is a test without a duration; without
    // settings the result holds no assessment, only problems, tests and item reports.
    bool settingsOptional = false;
};

// One assessmentTest an export holds.
struct QtiTestSummary {
    std::string identifier; // empty when the test file cannot be read
    std::string title;
    int itemCount = 0;
    std::int64_t timeLimitSeconds = 0; // its timeLimits maxTime; 0: none, settings must say
    std::string file;                  // package path of the test
};

// One item of the imported test and the problems found in it (in its file, its images, or its
// reference in the test); no problems: it is delivered as authored.
struct QtiItemReport {
    std::string identifier; // the assessmentItemRef identifier
    std::string file;
    std::vector<QtiProblem> problems;
};

// Either an assessment (problems empty) or every problem found (assessment empty): an import
// never silently drops a construct it cannot deliver.
struct QtiImportResult {
    std::optional<Assessment> assessment;
    std::vector<QtiProblem> problems;  // all of them, the items' included
    std::vector<QtiTestSummary> tests; // every test the export holds, in manifest order
    std::vector<QtiItemReport> items;  // the imported test's items, in order
    std::string settingsSource;        // "vigil-assessment.json", the settings file, or ""
};

// Reads a QTI 2.1/2.2 content package: a folder or a .zip holding imsmanifest.xml, plus
// vigil-assessment.json in its root or a settings file in `options` for what QTI cannot
// express (see exam/samples/README.md).
QtiImportResult importQtiPackage(const std::filesystem::path& folderOrZip,
                                 const QtiImportOptions& options = {});

// "items/q07.xml:42: <sliderInteraction>: not supported ..."
std::string formatProblem(const QtiProblem& problem);

} // namespace vigil::exam
