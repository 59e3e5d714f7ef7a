// The candidate CSV a coordinator imports into a session (parseCandidateCsv): any bytes as the
// file. A refusal must name at least one problem, each with a line, in line then column order;
// a clean file gives candidates in the form every way in keeps (normaliseEntry changes
// nothing), none twice, none the session already has, and written back as CSV they read back
// the same.
#include "vigil/console/candidate_csv.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

using namespace vigil::console;

namespace {

// A candidate the session already has: the refusal the import must give for that number.
const std::set<std::string>& inSession() {
    static const std::set<std::string> numbers{"AB123456"};
    return numbers;
}

std::string quoted(const std::string& field) {
    std::string text = "\"";
    for (const char c : field) {
        text += c;
        if (c == '"') {
            text += '"';
        }
    }
    return text + "\"";
}

void checkRefusal(const std::vector<CsvProblem>& problems) {
    if (problems.empty()) {
        std::abort(); // refused without saying why
    }
    for (std::size_t i = 0; i < problems.size(); ++i) {
        const auto& problem = problems[i];
        if (problem.line < 1 || problem.column < 0 || describe(problem).empty()) {
            std::abort(); // a problem the coordinator cannot find in the file
        }
        if (i > 0 &&
            (problems[i - 1].line > problem.line ||
             (problems[i - 1].line == problem.line && problems[i - 1].column > problem.column))) {
            std::abort(); // not in line then column order
        }
    }
}

void checkCandidates(const std::vector<CandidateEntry>& candidates) {
    if (candidates.empty() || candidates.size() > kMaxCsvRows) {
        std::abort(); // a clean file holds 1..kMaxCsvRows candidates
    }
    std::set<std::string> numbers;
    std::string written = "name,registration number\r\n";
    for (const auto& candidate : candidates) {
        const auto kept = normaliseEntry(candidate);
        if (!kept || !(kept.value() == candidate)) {
            std::abort(); // imported in a form typing it in would not keep
        }
        if (inSession().contains(candidate.registrationNumber) ||
            !numbers.insert(candidate.registrationNumber).second) {
            std::abort(); // the same candidate twice
        }
        written += quoted(candidate.name) + "," + quoted(candidate.registrationNumber) + "\r\n";
    }
    const auto again = parseCandidateCsv(written, inSession());
    if (!again || again.value() != candidates) {
        std::abort(); // the candidates written back as CSV do not read back the same
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view file(reinterpret_cast<const char*>(data), size);
    const auto parsed = parseCandidateCsv(file, inSession());
    if (parsed) {
        checkCandidates(parsed.value());
    } else {
        checkRefusal(parsed.error());
    }
    return 0;
}
