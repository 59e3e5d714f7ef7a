#include "commands.h"
#include "import_report.h"
#include "vigil/exam/qti_import.h"

#include <algorithm>
#include <ostream>

namespace vigil::pack {

namespace {

bool sameProblem(const exam::QtiProblem& a, const exam::QtiProblem& b) {
    return a.file == b.file && a.line == b.line && a.element == b.element && a.message == b.message;
}

struct Tally {
    int delivered = 0;
    int refused = 0;
    int otherProblems = 0;
};

// One test's report: each item delivered as is or refused with its problems, then whatever
// else would stop a build (the test, the manifest, the settings).
void printReport(const exam::QtiImportResult& result, std::ostream& out, Tally& tally) {
    const auto& items = result.items;
    for (const auto& item : items) {
        out << "  " << item.identifier << "  " << item.file << ": ";
        if (item.problems.empty()) {
            out << "delivered as is\n";
            ++tally.delivered;
            continue;
        }
        out << "refused\n";
        ++tally.refused;
        for (const auto& problem : item.problems) {
            out << "      " << exam::formatProblem(problem) << "\n";
        }
    }
    std::vector<exam::QtiProblem> others;
    for (const auto& problem : result.problems) {
        const bool inAnItem = std::any_of(items.begin(), items.end(), [&](const auto& item) {
            return std::any_of(item.problems.begin(), item.problems.end(),
                               [&](const auto& p) { return sameProblem(p, problem); });
        });
        if (!inAnItem) {
            others.push_back(problem);
        }
    }
    // An export that cannot be opened says nothing about its settings.
    if (!result.settingsSource.empty() || !result.tests.empty()) {
        out << "  settings: "
            << (result.settingsSource.empty()
                    ? "none (the export holds no vigil-assessment.json); build needs --settings "
                      "FILE, with durationMinutes for a test without timeLimits"
                    : result.settingsSource)
            << "\n";
    }
    if (!others.empty()) {
        out << "  beyond the items, " << others.size()
            << (others.size() == 1 ? " problem" : " problems") << ":\n";
        for (const auto& problem : others) {
            out << "      " << exam::formatProblem(problem) << "\n";
        }
    }
    tally.otherProblems += static_cast<int>(others.size());
}

void printHeading(const exam::QtiImportResult& result, const std::string& identifier,
                  std::ostream& out) {
    const auto test = std::find_if(result.tests.begin(), result.tests.end(),
                                   [&](const auto& t) { return t.identifier == identifier; });
    if (test == result.tests.end()) {
        return;
    }
    out << "test " << test->identifier << " \"" << test->title << "\" (" << test->file << "), "
        << test->itemCount << (test->itemCount == 1 ? " item" : " items") << ", "
        << describeTimeLimit(*test) << ":\n";
}

} // namespace

// The per-item report of an export, as build would import it, without keys or output. With
// several tests and no --test, every test is reported.
int runCheck(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Arguments args(words, {"--settings", "--test"}, {});
    args.expectPositionals(1);
    const auto source = args.positional(0, "<qti-folder-or-zip>");
    auto options = importOptions(args);
    options.settingsOptional = true; // the content can be checked before its settings exist

    const auto first = exam::importQtiPackage(source, options);
    std::vector<std::pair<std::string, exam::QtiImportResult>> reports;
    if (!options.testIdentifier && first.tests.size() > 1) {
        out << "the export holds " << first.tests.size() << " tests:\n";
        printTests(first.tests, out);
        for (const auto& test : first.tests) {
            auto oneTest = options;
            oneTest.testIdentifier = test.identifier;
            reports.emplace_back(test.identifier, exam::importQtiPackage(source, oneTest));
        }
    } else {
        const std::string identifier = first.tests.size() == 1 && !options.testIdentifier
                                           ? first.tests.front().identifier
                                           : options.testIdentifier.value_or("");
        reports.emplace_back(identifier, first);
    }

    Tally tally;
    for (const auto& [identifier, result] : reports) {
        printHeading(result, identifier, out);
        printReport(result, out, tally);
    }
    const int items = tally.delivered + tally.refused;
    out << items << (items == 1 ? " item: " : " items: ") << tally.delivered << " delivered as is, "
        << tally.refused << " refused";
    if (tally.otherProblems > 0) {
        out << "; " << tally.otherProblems << " other "
            << (tally.otherProblems == 1 ? "problem" : "problems");
    }
    out << "\n";
    if (tally.refused > 0 || tally.otherProblems > 0) {
        err << "vigil-pack check: " << source
            << " cannot be delivered as it stands; nothing was built\n";
        if (reports.size() == 1) {
            printTestsIfTheChoiceFailed(first, options, err);
        }
        return kExitFailed;
    }
    return kExitOk;
}

} // namespace vigil::pack
