#pragma once

#include "assessment_settings.h"
#include "vigil/exam/qti_import.h"

#include <cstdint>
#include <optional>
#include <string>

namespace vigil::exam::qti {

class PackageSource;
class ProblemLog;
struct TestPlan;

// The settings for an import: vigil-assessment.json in the export's root, or the settings file
// the options name. Both at once is a conflict (nothing is merged or overridden); neither is a
// problem unless the options make settings optional. `source` says which was read.
std::optional<AssessmentSettings> findSettings(PackageSource& exported,
                                               const QtiImportOptions& options, ProblemLog& log,
                                               std::string& source);

// The sitting's duration in seconds: the test's timeLimits maxTime or the settings'
// durationMinutes. Both given and different is a conflict naming both; neither, a problem
// (unless settings are optional and absent). 0 when there is none.
std::int64_t settleDuration(const TestPlan& plan, const std::string& testFile,
                            const std::optional<AssessmentSettings>& settings,
                            bool settingsOptional, ProblemLog& log);

} // namespace vigil::exam::qti
