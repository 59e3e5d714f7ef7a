#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace vigil::exam {

// The life of one sitting. Interrupted is where a sitting lands when the kiosk reloads it while
// it was InProgress or Paused (crash, power cut, move to a spare PC): the clock is stopped and
// only an invigilator's ResumeAuthorised lets the candidate continue.
enum class SittingState {
    Locked,              // created for a seat, nobody verified yet
    InvigilatorVerified, // an invigilator logged in at this PC
    CandidateConfirmed,  // the invigilator confirmed the candidate's identity and seat
    InProgress,          // the only state in which time runs and answers change
    Paused,              // by an invigilator (emergency, fire alarm, ...)
    Interrupted,         // reloaded after the kiosk went down; waits for an invigilator
    Submitted,           // by the candidate, or by the timer (timed out)
    Resulted,            // scored, result record signed and sealed (final)
    Voided,              // abandoned with a reason (final)
    // On the PC a sitting left for a spare one: nothing more may happen to it here. The PC it
    // moved to carries on from the same journal (MoveHere: Interrupted, an invigilator resumes).
    Moved,
};

enum class SittingAction {
    VerifyInvigilator,
    ConfirmCandidate,
    Start,
    Pause,
    Resume,          // from Paused, by the invigilator who paused or another
    Interrupt,       // written by the engine when it reloads a running sitting
    AuthoriseResume, // from Interrupted
    Submit,
    TimeOut,
    IssueResult,
    Void,
    MoveAway, // from a started sitting (InProgress, Paused, Interrupted)
    MoveHere, // on the PC it arrives at: from Moved, or the states MoveAway leaves
};

struct Transition {
    SittingState from;
    SittingAction action;
    SittingState to;
};

// The whole state machine, one row per legal transition; anything not listed is illegal.
[[nodiscard]] std::span<const Transition> transitionTable() noexcept;
[[nodiscard]] std::optional<SittingState> nextState(SittingState from,
                                                    SittingAction action) noexcept;

[[nodiscard]] bool isFinal(SittingState state) noexcept; // Resulted, Voided
[[nodiscard]] std::string_view toString(SittingState state) noexcept;
[[nodiscard]] std::string_view toString(SittingAction action) noexcept;
[[nodiscard]] std::optional<SittingState> sittingStateFromString(std::string_view text) noexcept;

} // namespace vigil::exam
