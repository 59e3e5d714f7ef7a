#pragma once

#include <stdexcept>
#include <string>

namespace vigil::exam {

enum class SittingErrorCode {
    IllegalTransition,           // the action is not allowed in the current state
    UnansweredNeedsConfirmation, // submit() with unanswered items and no matching confirmation
    UnknownItem,
    UnknownChoice,
    TooManyChoices,       // more than the item's maxChoices (or more than one for Single)
    NavigationNotAllowed, // going back in a Linear assessment
    PositionOutOfRange,
    TimeUp,          // the time ran out; the sitting has been submitted as timed out
    InvalidArgument, // empty reason, negative extra time, ...
    SittingNotFound,
    SittingExists,
    AssessmentMismatch, // the assessment given is not the one the sitting was created with
    CorruptJournal,     // a journal that does not replay (gap, unknown kind, illegal step)
};

// Thrown by the engine's calls. Nothing has been written when it is thrown, except for TimeUp,
// where the timed-out submission itself has been recorded. what() is a sentence for a person.
class SittingError : public std::runtime_error {
public:
    SittingError(SittingErrorCode code, const std::string& message, int unanswered = 0)
        : std::runtime_error(message)
        , code_(code)
        , unanswered_(unanswered) {}
    [[nodiscard]] SittingErrorCode code() const noexcept { return code_; }
    // For UnansweredNeedsConfirmation: how many items are unanswered right now.
    [[nodiscard]] int unanswered() const noexcept { return unanswered_; }

private:
    SittingErrorCode code_;
    int unanswered_;
};

} // namespace vigil::exam
