#pragma once

#include "vigil/console/live_seat.h"
#include "vigil/sync/console_command.h"

#include <optional>
#include <string>
#include <string_view>

// What an invigilator can do to a seat from the live room, which seat states allow it (and
// why not, in words), and how each seat's attempt ended: the table a bulk action runs seat by
// seat.
namespace vigil::console {

enum class SeatAction { Deliver, Launch, Pause, Resume, ExtraTime, Void, AuthoriseResume };

inline constexpr SeatAction kSeatActions[] = {
    SeatAction::Deliver,   SeatAction::Launch, SeatAction::Pause,          SeatAction::Resume,
    SeatAction::ExtraTime, SeatAction::Void,   SeatAction::AuthoriseResume};

[[nodiscard]] std::string_view codeOf(SeatAction action) noexcept; // "extra-time"
[[nodiscard]] std::optional<SeatAction> seatActionFromCode(std::string_view code) noexcept;
[[nodiscard]] std::string_view labelOf(SeatAction action) noexcept; // "Extra time"
[[nodiscard]] sync::CommandKind commandOf(SeatAction action) noexcept;

// The reasons an invigilator picks extra time for.
inline constexpr std::string_view kExtraTimeReasons[] = {
    "fire alarm / evacuation", "IT failure (loss of connection)", "candidate taken ill",
    "disturbance in the room", "access arrangement"};

// The list's reason for a pause given as `pauseReason`: the list's reason it begins (or is),
// ignoring case ("fire alarm" -> "fire alarm / evacuation"), else "disturbance in the room".
[[nodiscard]] std::string extraTimeReasonForPause(std::string_view pauseReason);
// An outage's: "IT failure (loss of connection)".
[[nodiscard]] std::string extraTimeReasonForOutage();
// The interval in whole minutes, rounded up, at most 600; 0 under a minute (nothing to offer).
[[nodiscard]] int offeredMinutes(std::int64_t fromMs, std::int64_t toMs);

// What an action carries besides the seat.
struct ActionDetails {
    int minutes = 0;    // extra time: 1 to 600
    std::string reason; // pause, extra time, void: required for extra time and void
};

// Empty when `action` may be sent to `seat` now, else why not ("PC03 is not connected",
// "nothing to pause: PC03 is Locked").
[[nodiscard]] std::string whyNot(SeatAction action, const LiveSeat& seat);
// Empty when the details suit the action, else what is missing.
[[nodiscard]] std::string checkDetails(SeatAction action, const ActionDetails& details);

enum class ActionOutcome {
    Sent,         // on its way: the kiosk's answer follows
    Applied,      // the kiosk applied it
    Refused,      // the kiosk refused it: reason is the kiosk's
    NotConnected, // the seat has no connection now: nothing was sent
    NotSent,      // the seat's state does not allow it (whyNot) or the console could not make it
};
[[nodiscard]] std::string_view labelOf(ActionOutcome outcome) noexcept; // "applied"

struct SeatActionResult {
    std::string seat;
    SeatAction action = SeatAction::Pause;
    ActionOutcome outcome = ActionOutcome::NotSent;
    std::string reason;
    std::string commandId; // Sent and the kiosk's answers
    bool operator==(const SeatActionResult&) const = default;
};

// "Pause PC03: applied", "Void PC04: refused: no sitting to void", "Launch PC05: not connected".
[[nodiscard]] std::string describe(const SeatActionResult& result);

} // namespace vigil::console
