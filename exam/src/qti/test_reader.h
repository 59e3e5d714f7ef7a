#pragma once

#include "vigil/exam/assessment.h"

#include <QByteArray>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class ProblemLog;

struct ItemRef {
    std::string identifier; // unique within the test: becomes Item::identifier
    std::string path;       // package path of the item file
    int line = 0;
};

// What an assessmentTest contributes: title, timing, modes and the items in order.
struct TestPlan {
    std::string identifier;
    std::string title;
    std::int64_t durationSeconds = 0; // from timeLimits maxTime, which is required
    NavigationMode navigation = NavigationMode::Nonlinear;
    SubmissionMode submission = SubmissionMode::Simultaneous;
    std::vector<ItemRef> items;
};

TestPlan readTest(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log);

} // namespace vigil::exam::qti
