#include "test_choice.h"

#include "package_source.h"
#include "problem_log.h"
#include "test_reader.h"

#include <algorithm>

namespace vigil::exam::qti {
namespace {

const char* const kManifestName = "imsmanifest.xml";

// Identifier, title and item count; problems in a test that is not chosen are not this
// import's, so they go to a log of their own.
QtiTestSummary summarize(PackageSource& source, const TestResource& test) {
    QtiTestSummary summary;
    summary.file = test.path;
    if (!source.contains(test.path)) {
        return summary;
    }
    const FileRead read = source.read(test.path);
    if (!read.error.empty()) {
        return summary;
    }
    ProblemLog ignored;
    const TestPlan plan = readTest(test.path, read.bytes, ignored);
    summary.identifier = plan.identifier;
    summary.title = plan.title;
    summary.itemCount = static_cast<int>(plan.items.size());
    summary.timeLimitSeconds = plan.durationSeconds;
    return summary;
}

std::string describeTests(const std::vector<QtiTestSummary>& tests) {
    std::string text;
    for (const auto& test : tests) {
        if (!text.empty()) {
            text += "; ";
        }
        text += test.identifier.empty() ? "(unreadable, " + test.file + ")"
                                        : test.identifier + " (\"" + test.title + "\", " +
                                              std::to_string(test.itemCount) + " items)";
    }
    return text;
}

} // namespace

TestChoice chooseTest(PackageSource& source, const Manifest& manifest,
                      const std::optional<std::string>& identifier, ProblemLog& log) {
    TestChoice choice;
    for (const auto& test : manifest.tests) {
        choice.tests.push_back(summarize(source, test));
    }
    if (manifest.tests.empty()) {
        return choice;
    }
    if (!identifier) {
        if (manifest.tests.size() == 1) {
            choice.chosen = manifest.tests.front();
        } else {
            log.add(
                kManifestName, 0, "manifest",
                "the export holds " + std::to_string(manifest.tests.size()) +
                    " tests and a package delivers one: choose it by its identifier (vigil-pack "
                    "--test): " +
                    describeTests(choice.tests));
        }
        return choice;
    }
    const auto matches =
        std::count_if(choice.tests.begin(), choice.tests.end(),
                      [&](const auto& test) { return test.identifier == *identifier; });
    if (matches == 0) {
        log.add(kManifestName, 0, "manifest",
                "no test \"" + *identifier +
                    "\" in the export; it holds: " + describeTests(choice.tests));
    } else if (matches > 1) {
        log.add(kManifestName, 0, "manifest",
                std::to_string(matches) + " tests have the identifier \"" + *identifier +
                    "\": which one is meant cannot be told");
    } else {
        for (std::size_t i = 0; i < choice.tests.size(); ++i) {
            if (choice.tests[i].identifier == *identifier) {
                choice.chosen = manifest.tests[i];
            }
        }
    }
    return choice;
}

} // namespace vigil::exam::qti
