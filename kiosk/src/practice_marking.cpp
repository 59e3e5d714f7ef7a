#include "vigil/kiosk/practice_marking.h"

#include <algorithm>

namespace vigil::kiosk {

namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

MarkedQuiz markPracticeQuiz(const exam::Assessment& quiz, const exam::Answers& answers) {
    MarkedQuiz marked;
    marked.summary = exam::scoreAssessment(quiz, answers);
    for (std::size_t i = 0; i < quiz.items.size(); ++i) {
        const exam::Item& item = quiz.items[i];
        MarkedQuestion question;
        question.item = &item;
        const auto given = answers.find(item.identifier);
        for (const auto& choice : item.choices) {
            if (given != answers.end() && contains(given->second, choice.identifier)) {
                question.chosen.push_back(choice.identifier);
            }
        }
        question.correctChoices = item.correctResponse;
        question.score = marked.summary.items.at(i).score;
        question.maxScore = marked.summary.items.at(i).maxScore;
        question.correct = question.maxScore > 0 && question.score >= question.maxScore;
        for (const auto& feedback : item.feedback) {
            const bool applies =
                contains(question.chosen, feedback.identifier) ||
                (feedback.identifier == exam::kFeedbackWhenCorrect && question.correct) ||
                (feedback.identifier == exam::kFeedbackWhenIncorrect && !question.correct);
            if (applies) {
                question.feedbackHtml.push_back(feedback.contentHtml);
            }
        }
        marked.questions.push_back(std::move(question));
    }
    return marked;
}

} // namespace vigil::kiosk
