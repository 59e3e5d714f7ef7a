#pragma once

#include "vigil/exam/assessment.h"

#include <QByteArray>
#include <optional>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class ProblemLog;

inline constexpr auto kSettingsFile = "vigil-assessment.json";
inline constexpr auto kSettingsFormat = "vigil-assessment/1";

// A reference document the settings name: read from the package by reference_loader.h.
struct ReferenceDocumentSetting {
    std::string id;
    std::string title;
    std::string file; // package path, as written in the settings
    int line = 0;     // of the "referenceDocuments" key, for problems
};

// What QTI cannot say about an assessment, from vigil-assessment.json in the package root or a
// settings file beside an export (documented in exam/samples/README.md).
struct AssessmentSettings {
    std::string file;                   // where they came from, as problems name it
    std::optional<std::string> id;      // replaces the assessmentTest identifier
    AssessmentMetadata metadata;        // id, title, duration and itemCount left for the test
    std::optional<int> durationMinutes; // for a test without timeLimits
    int durationMinutesLine = 0;
    std::vector<ReferenceDocumentSetting> referenceDocuments;
};

// `file` names the settings in problems: kSettingsFile, or the settings file's path.
std::optional<AssessmentSettings> readAssessmentSettings(const QByteArray& bytes,
                                                         const std::string& file, ProblemLog& log);

} // namespace vigil::exam::qti
