#include "import_report.h"

#include <algorithm>
#include <iomanip>
#include <ostream>

namespace vigil::pack {

exam::QtiImportOptions importOptions(const Arguments& args) {
    exam::QtiImportOptions options;
    if (const auto settings = args.optional("--settings")) {
        options.settingsFile = *settings;
    }
    options.testIdentifier = args.optional("--test");
    return options;
}

std::string describeTimeLimit(const exam::QtiTestSummary& test) {
    const auto seconds = test.timeLimitSeconds;
    if (seconds == 0) {
        return "no time limit in the QTI (durationMinutes in the settings gives it)";
    }
    std::string text = "time limit " + std::to_string(seconds / 60) + " minutes";
    return seconds % 60 == 0 ? text : text + " " + std::to_string(seconds % 60) + " seconds";
}

void printTests(const std::vector<exam::QtiTestSummary>& tests, std::ostream& out) {
    std::size_t width = 0;
    for (const auto& test : tests) {
        width = std::max(width, test.identifier.size());
    }
    for (const auto& test : tests) {
        out << "  " << std::left << std::setw(static_cast<int>(width)) << test.identifier;
        if (test.identifier.empty()) {
            out << "  (cannot be read)";
        } else {
            out << "  \"" << test.title << "\", " << test.itemCount
                << (test.itemCount == 1 ? " item" : " items");
        }
        out << "  " << test.file << "\n";
    }
}

void printTestsIfTheChoiceFailed(const exam::QtiImportResult& result,
                                 const exam::QtiImportOptions& options, std::ostream& err) {
    const bool noneChosen = result.items.empty() && !result.assessment;
    if (!noneChosen || result.tests.empty() ||
        (result.tests.size() == 1 && !options.testIdentifier)) {
        return;
    }
    err << "the export holds " << result.tests.size()
        << (result.tests.size() == 1 ? " test" : " tests")
        << "; choose one with --test IDENTIFIER:\n";
    printTests(result.tests, err);
}

} // namespace vigil::pack
