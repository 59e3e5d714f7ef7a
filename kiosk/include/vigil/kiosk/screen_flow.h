#pragma once

#include "vigil/checked.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vigil::kiosk {

// Which screen the kiosk shows next, as one table (like exam/'s sitting_state.h): a row per
// (screen, event) the kiosk allows, anything not listed is refused. Plain C++ without a
// window; SessionController follows it and exposes the screen to QML as its KioskScreen enum
// (same values, checked in session_controller.cpp).

enum class KioskScreen {
    Locked,
    Login,
    MachineCheck,
    Confirm,
    Instructions,
    Question,
    Review,
    SubmitConfirm,
    Result,
    Paused,
    Incidents,
};

// What happened: a person's action on a screen, or the outcome of one the session decided
// (the login accepted for a purpose, the machine check's report, a console command, time up).
enum class ScreenEvent {
    BeginLogin,           // the invigilator, at the Locked screen: start or resume the sitting
    BeginPause,           // the invigilator pauses the running sitting
    BeginIncidentReview,  // the invigilator reads the seat's events (the sitting pauses)
    BeginResumeFromPause, // the invigilator resumes a paused sitting
    CancelLogin,          // back to the screen the Login screen was opened from
    LockdownFailed,       // the lockdown layer failed while the Login screen was up
    SittingNotOpened,     // accepted to start, but the sitting could not be created or verified
    StartAcceptedMachineClear,     // accepted to start: the machine check found nothing
    StartAcceptedMachineFindings,  // accepted to start: findings need an override
    StartAcceptedAlreadyConfirmed, // accepted to start a sitting whose candidate is confirmed
    InterruptedResumed,            // accepted to resume a sitting the kiosk's restart stopped
    PausedAtSeat,                  // accepted to pause
    PauseResumed,                  // accepted to resume a paused sitting
    IncidentsOpened,               // accepted to review the seat's events
    ContinueAfterMachineCheck,     // every finding accepted with a reason
    ConfirmCandidate,
    RejectCandidate, // "wrong candidate": the sitting is voided
    Start,
    GoToQuestion, // next, previous, a palette or review entry
    OpenReview,
    CloseReview,
    RequestSubmit,
    ConfirmSubmitOnce, // the first of the two confirmations
    CancelSubmit,
    ResultIssued, // submitted by the candidate, or time ran out
    Finish,       // the candidate leaves the result screen
    ResultTimeElapsed,
    IncidentsAcknowledged,           // back to the question, the sitting resumed
    IncidentsAcknowledgedKeepPaused, // the sitting stays paused
    ConsolePaused,
    ConsoleResumed, // a console's resume, or its authorisation to resume after a restart
    ConsoleEnded,   // the console voided the sitting or moved it to a spare PC
};

// A condition a row needs besides its screen.
enum class ScreenGuard {
    None,
    SeatOpen,     // a seat assignment is open and nothing stops sittings (no setup error)
    MachineClear, // every machine check finding is accepted
};

// What the session knows when it asks; only the guards read it.
struct ScreenFacts {
    bool seatOpen = false;
    bool machineClear = false;
};

struct ScreenTransition {
    KioskScreen from;
    ScreenEvent event;
    // None: back to the screen the Login screen was opened from (CancelLogin).
    std::optional<KioskScreen> to;
    ScreenGuard guard = ScreenGuard::None;
};

enum class ScreenRefusalReason {
    NotOffered,   // this screen does not offer the event (the screens never do: a bug or a race)
    SeatNotOpen,  // no seat assignment is open, or a setup error stops sittings
    FindingsOpen, // a machine check finding is not accepted yet
};

struct ScreenRefusal {
    ScreenRefusalReason reason = ScreenRefusalReason::NotOffered;
    KioskScreen screen = KioskScreen::Locked;
    ScreenEvent event = ScreenEvent::BeginLogin;

    // "Locked does not offer OpenReview", ...
    [[nodiscard]] std::string describe() const;
};

using ScreenStep = Checked<KioskScreen, ScreenRefusal>;

// The whole screen flow, one row per allowed transition.
[[nodiscard]] std::span<const ScreenTransition> screenFlowTable() noexcept;

// The next screen from `from` on `event`, or why not. `beforeLogin` answers CancelLogin.
[[nodiscard]] ScreenStep nextScreen(KioskScreen from, ScreenEvent event, const ScreenFacts& facts,
                                    KioskScreen beforeLogin = KioskScreen::Locked);

[[nodiscard]] std::string_view toString(KioskScreen screen) noexcept;
[[nodiscard]] std::string_view toString(ScreenEvent event) noexcept;

// The screen shown, and the one the Login screen was opened from.
class ScreenFlow {
public:
    [[nodiscard]] KioskScreen screen() const noexcept { return screen_; }
    [[nodiscard]] KioskScreen beforeLogin() const noexcept { return beforeLogin_; }

    // What `event` would lead to now; nothing changes.
    [[nodiscard]] ScreenStep check(ScreenEvent event, const ScreenFacts& facts = {}) const;
    // Moves to the next screen when the table allows it; on a refusal the screen stays.
    ScreenStep follow(ScreenEvent event, const ScreenFacts& facts = {});

private:
    KioskScreen screen_ = KioskScreen::Locked;
    KioskScreen beforeLogin_ = KioskScreen::Locked;
};

} // namespace vigil::kiosk
