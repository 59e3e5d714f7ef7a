#pragma once

#include "arguments.h"
#include "vigil/exam/qti_import.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace vigil::pack {

// What build and check take beside the export: --settings FILE and --test IDENTIFIER.
exam::QtiImportOptions importOptions(const Arguments& args);

// One line per test an export holds: identifier, title, item count, file.
void printTests(const std::vector<exam::QtiTestSummary>& tests, std::ostream& out);

// "45 minutes" from the test's timeLimits, or that it has none (the settings must say).
std::string describeTimeLimit(const exam::QtiTestSummary& test);

// Lists the tests after a refusal that came from choosing one (several and none chosen, or an
// identifier none has), so the person sees the identifiers --test takes.
void printTestsIfTheChoiceFailed(const exam::QtiImportResult& result,
                                 const exam::QtiImportOptions& options, std::ostream& err);

} // namespace vigil::pack
