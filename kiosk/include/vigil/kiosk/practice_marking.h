#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/scoring.h"

#include <string>
#include <vector>

namespace vigil::kiosk {

// One question of a submitted practice quiz, as the candidate sees it afterwards.
struct MarkedQuestion {
    const exam::Item* item = nullptr;
    std::vector<std::string> chosen;         // the candidate's choice ids, in the item's order
    std::vector<std::string> correctChoices; // the item's correct response
    bool correct = false;                    // full marks for the item
    double score = 0.0;
    double maxScore = 0.0;
    // The item's feedback that applies, in authored order: each whose identifier is a choice
    // the candidate picked, or "correct" / "incorrect" as the answer was (assessment.h).
    std::vector<std::string> feedbackHtml;
};

struct MarkedQuiz {
    exam::ScoreSummary summary;            // score, percentage, passed against the quiz's pass mark
    std::vector<MarkedQuestion> questions; // authored order
};

// Marks a practice quiz with the engine's own scoring (exam/scoring.h): the same answer scores
// the same in practice as in an assessment.
[[nodiscard]] MarkedQuiz markPracticeQuiz(const exam::Assessment& quiz,
                                          const exam::Answers& answers);

} // namespace vigil::kiosk
