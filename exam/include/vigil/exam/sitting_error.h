#pragma once

#include <optional>
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

// Why a journal's events do not extend a verified journal (see sitting_journal_chain.h), in
// the order JournalVerifier checks.
enum class JournalLinkError {
    WrongSitting, // the signed head names another sitting
    WrongSigner,  // the head is signed by a key other than the kiosk's expected
    BadSignature, // the head's signature does not verify: the head was altered or forged
    Replayed,     // an event (or head) already verified, sent again
    Fork,         // a different event at a sequence already verified, or a first new event
                  // that does not follow the verified head
    Gap,          // an event's sequence skips one: events are missing
    BrokenLink,   // within the events given, one does not follow the one before it
    HeadMismatch, // the events do not end at the signed head (events added, removed or altered)
};

// Thrown by the engine's calls. Nothing has been written when it is thrown, except for TimeUp,
// where the timed-out submission itself has been recorded. what() is a sentence for a person.
class SittingError : public std::runtime_error {
public:
    SittingError(SittingErrorCode code, const std::string& message, int unanswered = 0)
        : std::runtime_error(message)
        , code_(code)
        , unanswered_(unanswered) {}
    SittingError(SittingErrorCode code, const std::string& message, JournalLinkError link)
        : std::runtime_error(message)
        , code_(code)
        , unanswered_(0)
        , link_(link) {}
    [[nodiscard]] SittingErrorCode code() const noexcept { return code_; }
    // For UnansweredNeedsConfirmation: how many items are unanswered right now.
    [[nodiscard]] int unanswered() const noexcept { return unanswered_; }
    // For a journal that does not verify (CorruptJournal, or SittingExists on a fork): why.
    [[nodiscard]] std::optional<JournalLinkError> link() const noexcept { return link_; }

private:
    SittingErrorCode code_;
    int unanswered_;
    std::optional<JournalLinkError> link_;
};

} // namespace vigil::exam
