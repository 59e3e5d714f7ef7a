#pragma once

#include "vigil/exam/sitting.h"
#include "vigil/kiosk/choice_model.h"
#include "vigil/kiosk/question_palette_model.h"

#include <QString>
#include <string>
#include <vector>

namespace vigil::kiosk {

// What the question screens show of a sitting, read from the sitting alone: plain functions
// the session's properties call and tests drive without a window.

// The item at the sitting's position; null when the position is outside the order.
[[nodiscard]] const exam::Item* currentItem(const exam::Sitting& sitting);
// The item at `position` of the sitting's presentation order; null outside the order.
[[nodiscard]] const exam::Item* itemAt(const exam::Sitting& sitting, int position);

// The question's rich text (stem, then prompt), images pointing at the image provider.
[[nodiscard]] QString questionHtml(const exam::Item& item);

// "Choose one answer." and its kin; empty when the item's prompt already says the same words.
[[nodiscard]] QString choiceHint(const exam::Item& item);

// The answers of `item`, the question at `position`, in the sitting's order for it, with what
// the candidate has chosen.
[[nodiscard]] std::vector<ChoiceModel::Row> choiceRows(const exam::Sitting& sitting, int position,
                                                       const exam::Item& item);

// One palette entry per question, in presentation order: answered, flagged.
[[nodiscard]] std::vector<QuestionPaletteModel::Entry> paletteEntries(const exam::Sitting& sitting);

// Question numbers (from 1, in presentation order) left unanswered, or flagged for review.
[[nodiscard]] std::vector<int> unansweredNumbers(const exam::Sitting& sitting);
[[nodiscard]] std::vector<int> flaggedNumbers(const exam::Sitting& sitting);

// What ticking (`selected`) or unticking one answer makes of the item's answer `current`.
struct AnswerEdit {
    enum class Kind {
        Keep,        // a radio button is not unticked by itself: nothing to write
        Write,       // write `answer` (it may equal the current one)
        OverMaximum, // a tick past the item's maxChoices: refused, nothing written
    };
    Kind kind = Kind::Keep;
    std::vector<std::string> answer;
};
[[nodiscard]] AnswerEdit editAnswer(const exam::Item& item, std::vector<std::string> current,
                                    const std::string& choiceId, bool selected);

} // namespace vigil::kiosk
