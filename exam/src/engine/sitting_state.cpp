#include "vigil/exam/sitting_state.h"

#include <array>

namespace vigil::exam {

namespace {

using S = SittingState;
using A = SittingAction;

// The state machine. Void is allowed from every state that is not final.
constexpr std::array kTransitions{
    Transition{S::Locked, A::VerifyInvigilator, S::InvigilatorVerified},
    Transition{S::InvigilatorVerified, A::ConfirmCandidate, S::CandidateConfirmed},
    Transition{S::CandidateConfirmed, A::Start, S::InProgress},
    Transition{S::InProgress, A::Pause, S::Paused},
    Transition{S::Paused, A::Resume, S::InProgress},
    Transition{S::InProgress, A::Interrupt, S::Interrupted},
    Transition{S::Paused, A::Interrupt, S::Interrupted},
    Transition{S::Interrupted, A::AuthoriseResume, S::InProgress},
    Transition{S::InProgress, A::Submit, S::Submitted},
    Transition{S::InProgress, A::TimeOut, S::Submitted},
    Transition{S::Submitted, A::IssueResult, S::Resulted},
    Transition{S::Locked, A::Void, S::Voided},
    Transition{S::InvigilatorVerified, A::Void, S::Voided},
    Transition{S::CandidateConfirmed, A::Void, S::Voided},
    Transition{S::InProgress, A::Void, S::Voided},
    Transition{S::Paused, A::Void, S::Voided},
    Transition{S::Interrupted, A::Void, S::Voided},
    Transition{S::Submitted, A::Void, S::Voided},
    // A started sitting moves to a spare PC; where it arrives it waits for an invigilator.
    Transition{S::InProgress, A::MoveAway, S::Moved},
    Transition{S::Paused, A::MoveAway, S::Moved},
    Transition{S::Interrupted, A::MoveAway, S::Moved},
    Transition{S::Moved, A::MoveHere, S::Interrupted},
    Transition{S::InProgress, A::MoveHere, S::Interrupted},
    Transition{S::Paused, A::MoveHere, S::Interrupted},
    Transition{S::Interrupted, A::MoveHere, S::Interrupted},
};

constexpr std::array kStateNames{
    std::pair{S::Locked, std::string_view("Locked")},
    std::pair{S::InvigilatorVerified, std::string_view("InvigilatorVerified")},
    std::pair{S::CandidateConfirmed, std::string_view("CandidateConfirmed")},
    std::pair{S::InProgress, std::string_view("InProgress")},
    std::pair{S::Paused, std::string_view("Paused")},
    std::pair{S::Interrupted, std::string_view("Interrupted")},
    std::pair{S::Submitted, std::string_view("Submitted")},
    std::pair{S::Resulted, std::string_view("Resulted")},
    std::pair{S::Voided, std::string_view("Voided")},
    std::pair{S::Moved, std::string_view("Moved")},
};

} // namespace

std::span<const Transition> transitionTable() noexcept {
    return kTransitions;
}

std::optional<SittingState> nextState(SittingState from, SittingAction action) noexcept {
    for (const auto& row : kTransitions) {
        if (row.from == from && row.action == action) {
            return row.to;
        }
    }
    return std::nullopt;
}

bool isFinal(SittingState state) noexcept {
    return state == S::Resulted || state == S::Voided;
}

std::string_view toString(SittingState state) noexcept {
    for (const auto& [value, name] : kStateNames) {
        if (value == state) {
            return name;
        }
    }
    return "?";
}

std::optional<SittingState> sittingStateFromString(std::string_view text) noexcept {
    for (const auto& [value, name] : kStateNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view toString(SittingAction action) noexcept {
    switch (action) {
    case A::VerifyInvigilator:
        return "VerifyInvigilator";
    case A::ConfirmCandidate:
        return "ConfirmCandidate";
    case A::Start:
        return "Start";
    case A::Pause:
        return "Pause";
    case A::Resume:
        return "Resume";
    case A::Interrupt:
        return "Interrupt";
    case A::AuthoriseResume:
        return "AuthoriseResume";
    case A::Submit:
        return "Submit";
    case A::TimeOut:
        return "TimeOut";
    case A::IssueResult:
        return "IssueResult";
    case A::Void:
        return "Void";
    case A::MoveAway:
        return "MoveAway";
    case A::MoveHere:
        return "MoveHere";
    }
    return "?";
}

} // namespace vigil::exam
