#pragma once

#include "vigil/exam/assessment.h"

#include <QByteArray>
#include <optional>
#include <string>

namespace vigil::exam::qti {

class ProblemLog;

inline constexpr auto kSettingsFile = "vigil-assessment.json";
inline constexpr auto kSettingsFormat = "vigil-assessment/1";

// What QTI cannot say about an assessment, from vigil-assessment.json in the package root
// (documented in exam/samples/README.md).
struct AssessmentSettings {
    std::optional<std::string> id; // replaces the assessmentTest identifier
    AssessmentMetadata metadata;   // id, title, duration and itemCount left for the test
};

std::optional<AssessmentSettings> readAssessmentSettings(const QByteArray& bytes, ProblemLog& log);

} // namespace vigil::exam::qti
