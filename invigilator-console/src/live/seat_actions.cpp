#include "vigil/console/seat_actions.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace vigil::console {
namespace {

struct ActionName {
    SeatAction action;
    std::string_view code;
    std::string_view label;
    sync::CommandKind command;
};

constexpr std::array<ActionName, 7> kActionNames{{
    {SeatAction::Deliver, "deliver", "Deliver", sync::CommandKind::DeliverAssignment},
    {SeatAction::Launch, "launch", "Launch", sync::CommandKind::Launch},
    {SeatAction::Pause, "pause", "Pause", sync::CommandKind::Pause},
    {SeatAction::Resume, "resume", "Resume", sync::CommandKind::Resume},
    {SeatAction::ExtraTime, "extra-time", "Extra time", sync::CommandKind::GrantExtraTime},
    {SeatAction::Void, "void", "Void", sync::CommandKind::Void},
    {SeatAction::AuthoriseResume, "authorise-resume", "Authorise resume",
     sync::CommandKind::AuthoriseResume},
}};

const ActionName& nameOf(SeatAction action) {
    for (const auto& name : kActionNames) {
        if (name.action == action) {
            return name;
        }
    }
    return kActionNames[2];
}

bool oneOf(SeatState state, std::initializer_list<SeatState> states) {
    for (const auto s : states) {
        if (s == state) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string_view codeOf(SeatAction action) noexcept {
    return nameOf(action).code;
}
std::string_view labelOf(SeatAction action) noexcept {
    return nameOf(action).label;
}
sync::CommandKind commandOf(SeatAction action) noexcept {
    return nameOf(action).command;
}
std::optional<SeatAction> seatActionFromCode(std::string_view code) noexcept {
    for (const auto& name : kActionNames) {
        if (name.code == code) {
            return name.action;
        }
    }
    return std::nullopt;
}

std::string whyNot(SeatAction action, const LiveSeat& seat) {
    using enum SeatState;
    const std::string state(labelOf(seat.state));
    if (seat.state == NotConnected) {
        return seat.seat + " is not connected";
    }
    switch (action) {
    case SeatAction::Deliver:
        if (seat.candidateName.empty() || seat.assessmentId.empty()) {
            return "nobody is seated at " + seat.seat + " for an assessment";
        }
        // The kiosk refuses an assignment while a sitting is under way; said here first.
        return oneOf(seat.state, {Locked, OutOfService, Submitted, Result})
                   ? std::string()
                   : "a sitting is under way at " + seat.seat + " (" + state + ")";
    case SeatAction::Launch:
        if (seat.candidateName.empty() || seat.assessmentId.empty()) {
            return "nobody is seated at " + seat.seat + " for an assessment";
        }
        return seat.state == Locked ? std::string()
                                    : "nothing to launch: " + seat.seat + " is " + state;
    case SeatAction::Pause:
        return seat.state == InProgress ? std::string()
                                        : "nothing to pause: " + seat.seat + " is " + state;
    case SeatAction::Resume:
        return seat.state == Paused ? std::string() : seat.seat + " is not paused";
    case SeatAction::ExtraTime:
        return oneOf(seat.state, {InProgress, Paused, WaitingForLogin})
                   ? std::string()
                   : "no sitting under way at " + seat.seat + " (" + state + ")";
    case SeatAction::Void:
        return oneOf(seat.state, {WaitingForLogin, InProgress, Paused, OutOfService})
                   ? std::string()
                   : "no sitting to void at " + seat.seat + " (" + state + ")";
    case SeatAction::AuthoriseResume:
        return oneOf(seat.state, {Locked, WaitingForLogin})
                   ? std::string()
                   : "no sitting waits to resume at " + seat.seat + " (" + state + ")";
    }
    return {};
}

std::string extraTimeReasonForPause(std::string_view pauseReason) {
    const auto lower = [](std::string_view text) {
        std::string out(text);
        for (auto& c : out) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
    };
    auto given = lower(pauseReason);
    while (!given.empty() && std::isspace(static_cast<unsigned char>(given.back()))) {
        given.pop_back();
    }
    if (given.size() >= 4) {
        for (const auto reason : kExtraTimeReasons) {
            if (lower(reason).starts_with(given)) {
                return std::string(reason);
            }
        }
    }
    return "disturbance in the room";
}

std::string extraTimeReasonForOutage() {
    return std::string(kExtraTimeReasons[1]);
}

int offeredMinutes(std::int64_t fromMs, std::int64_t toMs) {
    const auto ms = toMs - fromMs;
    if (ms < 60'000) {
        return 0;
    }
    return static_cast<int>(std::min<std::int64_t>((ms + 59'999) / 60'000, 600));
}

std::string checkDetails(SeatAction action, const ActionDetails& details) {
    if (action == SeatAction::ExtraTime) {
        if (details.minutes < 1 || details.minutes > 600) {
            return "extra time is 1 to 600 minutes";
        }
        if (details.reason.empty()) {
            return "choose the reason for the extra time";
        }
    }
    if (action == SeatAction::Void && details.reason.empty()) {
        return "give the reason for voiding";
    }
    return {};
}

std::string_view labelOf(ActionOutcome outcome) noexcept {
    switch (outcome) {
    case ActionOutcome::Sent:
        return "sent";
    case ActionOutcome::Applied:
        return "applied";
    case ActionOutcome::Refused:
        return "refused";
    case ActionOutcome::NotConnected:
        return "not connected";
    case ActionOutcome::NotSent:
        return "not sent";
    }
    return "not sent";
}

std::string describe(const SeatActionResult& result) {
    std::string text = std::string(labelOf(result.action)) + " " + result.seat + ": " +
                       std::string(labelOf(result.outcome));
    if (!result.reason.empty() && result.outcome != ActionOutcome::NotConnected) {
        text += ": " + result.reason;
    }
    return text;
}

} // namespace vigil::console
