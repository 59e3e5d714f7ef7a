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

// What an assessmentTest contributes: title, timing, modes and the items in order. A test
// without timeLimits is not refused here: the importer weighs it against the settings'
// durationMinutes.
struct TestPlan {
    std::string identifier;
    std::string title;
    int line = 0;                     // of the assessmentTest start tag
    bool readToTheEnd = false;        // false: not well-formed, or not a QTI test at all
    int timeLimitsLine = 0;           // 0: no timeLimits, the settings must give the duration
    std::int64_t durationSeconds = 0; // from timeLimits maxTime; 0 when absent or refused
    NavigationMode navigation = NavigationMode::Nonlinear;
    SubmissionMode submission = SubmissionMode::Simultaneous;
    std::vector<ItemRef> items;
};

TestPlan readTest(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log);

} // namespace vigil::exam::qti
