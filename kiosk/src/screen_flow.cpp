#include "vigil/kiosk/screen_flow.h"

#include <array>

namespace vigil::kiosk {

namespace {

using S = KioskScreen;
using E = ScreenEvent;
using G = ScreenGuard;

constexpr std::optional<KioskScreen> kBack = std::nullopt;

// The screen flow. The three screens of a running sitting (Question, Review, SubmitConfirm)
// offer the same ways out; the Login screen returns to where it was opened from when
// cancelled, and goes where the purpose it was opened for leads once accepted.
constexpr std::array kScreenFlow{
    // The invigilator is asked for
    ScreenTransition{S::Locked, E::BeginLogin, S::Login, G::SeatOpen},
    ScreenTransition{S::Question, E::BeginPause, S::Login},
    ScreenTransition{S::Review, E::BeginPause, S::Login},
    ScreenTransition{S::SubmitConfirm, E::BeginPause, S::Login},
    ScreenTransition{S::Question, E::BeginIncidentReview, S::Login},
    ScreenTransition{S::Review, E::BeginIncidentReview, S::Login},
    ScreenTransition{S::SubmitConfirm, E::BeginIncidentReview, S::Login},
    ScreenTransition{S::Paused, E::BeginResumeFromPause, S::Login},
    // The Login screen: cancelled, refused by the lockdown layer, or accepted for its purpose
    ScreenTransition{S::Login, E::CancelLogin, kBack},
    ScreenTransition{S::Login, E::LockdownFailed, S::Locked},
    ScreenTransition{S::Login, E::SittingNotOpened, S::Locked},
    ScreenTransition{S::Login, E::StartAcceptedMachineClear, S::Confirm},
    ScreenTransition{S::Login, E::StartAcceptedMachineFindings, S::MachineCheck},
    ScreenTransition{S::Login, E::StartAcceptedAlreadyConfirmed, S::Instructions},
    ScreenTransition{S::Login, E::InterruptedResumed, S::Question},
    ScreenTransition{S::Login, E::PausedAtSeat, S::Paused},
    ScreenTransition{S::Login, E::PauseResumed, S::Question},
    ScreenTransition{S::Login, E::IncidentsOpened, S::Incidents},
    // Before the sitting starts
    ScreenTransition{S::MachineCheck, E::ContinueAfterMachineCheck, S::Confirm, G::MachineClear},
    ScreenTransition{S::Confirm, E::ConfirmCandidate, S::Instructions},
    ScreenTransition{S::Confirm, E::RejectCandidate, S::Locked},
    ScreenTransition{S::Instructions, E::Start, S::Question},
    // The running sitting
    ScreenTransition{S::Question, E::GoToQuestion, S::Question},
    ScreenTransition{S::Review, E::GoToQuestion, S::Question},
    ScreenTransition{S::Question, E::OpenReview, S::Review},
    ScreenTransition{S::Review, E::CloseReview, S::Question},
    ScreenTransition{S::Question, E::RequestSubmit, S::SubmitConfirm},
    ScreenTransition{S::Review, E::RequestSubmit, S::SubmitConfirm},
    ScreenTransition{S::SubmitConfirm, E::ConfirmSubmitOnce, S::SubmitConfirm},
    ScreenTransition{S::SubmitConfirm, E::CancelSubmit, S::Question},
    // Submitted, or time ran out while the sitting ran (the Login screen of a pause included)
    ScreenTransition{S::Question, E::ResultIssued, S::Result},
    ScreenTransition{S::Review, E::ResultIssued, S::Result},
    ScreenTransition{S::SubmitConfirm, E::ResultIssued, S::Result},
    ScreenTransition{S::Login, E::ResultIssued, S::Result},
    ScreenTransition{S::Result, E::Finish, S::Locked},
    ScreenTransition{S::Result, E::ResultTimeElapsed, S::Locked},
    // The seat's events, read by the invigilator while the sitting is paused
    ScreenTransition{S::Incidents, E::IncidentsAcknowledged, S::Question},
    ScreenTransition{S::Incidents, E::IncidentsAcknowledgedKeepPaused, S::Paused},
    // The console's commands (sitting_order_rules.h decides which apply to the sitting's state)
    ScreenTransition{S::Question, E::ConsolePaused, S::Paused},
    ScreenTransition{S::Review, E::ConsolePaused, S::Paused},
    ScreenTransition{S::SubmitConfirm, E::ConsolePaused, S::Paused},
    ScreenTransition{S::Login, E::ConsolePaused, S::Paused},
    ScreenTransition{S::Locked, E::ConsoleResumed, S::Question},
    ScreenTransition{S::Login, E::ConsoleResumed, S::Question},
    ScreenTransition{S::Paused, E::ConsoleResumed, S::Question},
    ScreenTransition{S::Incidents, E::ConsoleResumed, S::Question},
    ScreenTransition{S::Locked, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Login, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::MachineCheck, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Confirm, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Instructions, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Question, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Review, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::SubmitConfirm, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Result, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Paused, E::ConsoleEnded, S::Locked},
    ScreenTransition{S::Incidents, E::ConsoleEnded, S::Locked},
};

constexpr std::array kScreenNames{
    std::pair{S::Locked, std::string_view("Locked")},
    std::pair{S::Login, std::string_view("Login")},
    std::pair{S::MachineCheck, std::string_view("MachineCheck")},
    std::pair{S::Confirm, std::string_view("Confirm")},
    std::pair{S::Instructions, std::string_view("Instructions")},
    std::pair{S::Question, std::string_view("Question")},
    std::pair{S::Review, std::string_view("Review")},
    std::pair{S::SubmitConfirm, std::string_view("SubmitConfirm")},
    std::pair{S::Result, std::string_view("Result")},
    std::pair{S::Paused, std::string_view("Paused")},
    std::pair{S::Incidents, std::string_view("Incidents")},
};

constexpr std::array kEventNames{
    std::pair{E::BeginLogin, std::string_view("BeginLogin")},
    std::pair{E::BeginPause, std::string_view("BeginPause")},
    std::pair{E::BeginIncidentReview, std::string_view("BeginIncidentReview")},
    std::pair{E::BeginResumeFromPause, std::string_view("BeginResumeFromPause")},
    std::pair{E::CancelLogin, std::string_view("CancelLogin")},
    std::pair{E::LockdownFailed, std::string_view("LockdownFailed")},
    std::pair{E::SittingNotOpened, std::string_view("SittingNotOpened")},
    std::pair{E::StartAcceptedMachineClear, std::string_view("StartAcceptedMachineClear")},
    std::pair{E::StartAcceptedMachineFindings, std::string_view("StartAcceptedMachineFindings")},
    std::pair{E::StartAcceptedAlreadyConfirmed, std::string_view("StartAcceptedAlreadyConfirmed")},
    std::pair{E::InterruptedResumed, std::string_view("InterruptedResumed")},
    std::pair{E::PausedAtSeat, std::string_view("PausedAtSeat")},
    std::pair{E::PauseResumed, std::string_view("PauseResumed")},
    std::pair{E::IncidentsOpened, std::string_view("IncidentsOpened")},
    std::pair{E::ContinueAfterMachineCheck, std::string_view("ContinueAfterMachineCheck")},
    std::pair{E::ConfirmCandidate, std::string_view("ConfirmCandidate")},
    std::pair{E::RejectCandidate, std::string_view("RejectCandidate")},
    std::pair{E::Start, std::string_view("Start")},
    std::pair{E::GoToQuestion, std::string_view("GoToQuestion")},
    std::pair{E::OpenReview, std::string_view("OpenReview")},
    std::pair{E::CloseReview, std::string_view("CloseReview")},
    std::pair{E::RequestSubmit, std::string_view("RequestSubmit")},
    std::pair{E::ConfirmSubmitOnce, std::string_view("ConfirmSubmitOnce")},
    std::pair{E::CancelSubmit, std::string_view("CancelSubmit")},
    std::pair{E::ResultIssued, std::string_view("ResultIssued")},
    std::pair{E::Finish, std::string_view("Finish")},
    std::pair{E::ResultTimeElapsed, std::string_view("ResultTimeElapsed")},
    std::pair{E::IncidentsAcknowledged, std::string_view("IncidentsAcknowledged")},
    std::pair{E::IncidentsAcknowledgedKeepPaused,
              std::string_view("IncidentsAcknowledgedKeepPaused")},
    std::pair{E::ConsolePaused, std::string_view("ConsolePaused")},
    std::pair{E::ConsoleResumed, std::string_view("ConsoleResumed")},
    std::pair{E::ConsoleEnded, std::string_view("ConsoleEnded")},
};

bool holds(ScreenGuard guard, const ScreenFacts& facts) noexcept {
    switch (guard) {
    case G::None:
        return true;
    case G::SeatOpen:
        return facts.seatOpen;
    case G::MachineClear:
        return facts.machineClear;
    }
    return false;
}

ScreenRefusalReason refusalFor(ScreenGuard guard) noexcept {
    switch (guard) {
    case G::SeatOpen:
        return ScreenRefusalReason::SeatNotOpen;
    case G::MachineClear:
        return ScreenRefusalReason::FindingsOpen;
    case G::None:
        break;
    }
    return ScreenRefusalReason::NotOffered;
}

} // namespace

std::span<const ScreenTransition> screenFlowTable() noexcept {
    return kScreenFlow;
}

ScreenStep nextScreen(KioskScreen from, ScreenEvent event, const ScreenFacts& facts,
                      KioskScreen beforeLogin) {
    for (const auto& row : kScreenFlow) {
        if (row.from != from || row.event != event) {
            continue;
        }
        if (!holds(row.guard, facts)) {
            return ScreenRefusal{refusalFor(row.guard), from, event};
        }
        return row.to.value_or(beforeLogin);
    }
    return ScreenRefusal{ScreenRefusalReason::NotOffered, from, event};
}

std::string ScreenRefusal::describe() const {
    const std::string where(toString(screen));
    const std::string what(toString(event));
    switch (reason) {
    case ScreenRefusalReason::NotOffered:
        return where + " does not offer " + what;
    case ScreenRefusalReason::SeatNotOpen:
        return what + " on " + where + ": no seat assignment is open, or sittings are stopped";
    case ScreenRefusalReason::FindingsOpen:
        return what + " on " + where + ": a machine check finding is not accepted yet";
    }
    return where + ": " + what + " refused";
}

std::string_view toString(KioskScreen screen) noexcept {
    for (const auto& [value, name] : kScreenNames) {
        if (value == screen) {
            return name;
        }
    }
    return "?";
}

std::string_view toString(ScreenEvent event) noexcept {
    for (const auto& [value, name] : kEventNames) {
        if (value == event) {
            return name;
        }
    }
    return "?";
}

ScreenStep ScreenFlow::check(ScreenEvent event, const ScreenFacts& facts) const {
    return nextScreen(screen_, event, facts, beforeLogin_);
}

ScreenStep ScreenFlow::follow(ScreenEvent event, const ScreenFacts& facts) {
    auto step = check(event, facts);
    if (step) {
        if (step.value() == KioskScreen::Login && screen_ != KioskScreen::Login) {
            beforeLogin_ = screen_;
        }
        screen_ = step.value();
    }
    return step;
}

} // namespace vigil::kiosk
