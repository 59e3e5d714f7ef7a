#pragma once

#include "rich_text.h"
#include "vigil/exam/assessment.h"

#include <QByteArray>
#include <optional>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class ProblemLog;

struct ItemReadResult {
    std::optional<Item> item; // empty when the file had any problem
    std::vector<MediaReference> media;
};

// Whether an item's modalFeedback and feedbackBlock are read (a practice quiz shows them after
// it is submitted) or refused (an assessment shows no feedback).
enum class FeedbackUse { Refuse, Read };

// Reads one QTI 2.1/2.2 assessmentItem holding exactly one choiceInteraction scored by a
// standard template; anything else is logged as a problem at its line.
ItemReadResult readItem(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log,
                        FeedbackUse feedback = FeedbackUse::Refuse);

} // namespace vigil::exam::qti
