#include "vigil/console/live_seat.h"

#include <QDateTime>
#include <QTimeZone>
#include <array>

namespace vigil::console {
namespace {

struct StateName {
    SeatState state;
    std::string_view code;
    std::string_view label;
};

constexpr std::array<StateName, 8> kStateNames{{
    {SeatState::NotConnected, "not-connected", "Not connected"},
    {SeatState::Locked, "locked", "Locked"},
    {SeatState::WaitingForLogin, "waiting-for-login", "Waiting for login"},
    {SeatState::InProgress, "in-progress", "In progress"},
    {SeatState::Paused, "paused", "Paused"},
    {SeatState::Submitted, "submitted", "Submitted"},
    {SeatState::Result, "result", "Result"},
    {SeatState::OutOfService, "out-of-service", "Out of service"},
}};

std::string minutesAndSeconds(std::int64_t seconds) {
    const auto minutes = seconds / 60;
    const auto rest = seconds % 60;
    return std::to_string(minutes) + ":" + (rest < 10 ? "0" : "") + std::to_string(rest);
}

std::string progress(const LiveSeat& seat) {
    std::string text;
    if (seat.questionCount > 0 && seat.position > 0) {
        text = "question " + std::to_string(seat.position) + " of " +
               std::to_string(seat.questionCount) + ", ";
    }
    return text + minutesAndSeconds(seat.secondsLeft) + " left";
}

} // namespace

std::string_view codeOf(SeatState state) noexcept {
    for (const auto& name : kStateNames) {
        if (name.state == state) {
            return name.code;
        }
    }
    return "locked";
}

std::optional<SeatState> seatStateFromCode(std::string_view code) noexcept {
    for (const auto& name : kStateNames) {
        if (name.code == code) {
            return name.state;
        }
    }
    return std::nullopt;
}

std::string_view labelOf(SeatState state) noexcept {
    for (const auto& name : kStateNames) {
        if (name.state == state) {
            return name.label;
        }
    }
    return "Locked";
}

std::string clockTime(std::int64_t ms, const std::string& timeZone) {
    const QTimeZone zone(QByteArray::fromStdString(timeZone));
    const auto at = zone.isValid() ? QDateTime::fromMSecsSinceEpoch(ms, zone)
                                   : QDateTime::fromMSecsSinceEpoch(ms);
    return at.toString(QStringLiteral("HH:mm:ss")).toStdString();
}

std::string describeState(const LiveSeat& seat, const std::string& timeZone) {
    if (seat.progress == SittingProgress::MovedAway && !seat.movedTo.empty()) {
        // Where the candidate went first: the PC itself may be dead or back on Locked.
        auto here = seat;
        here.progress = SittingProgress::None;
        return "Moved to " + seat.movedTo + "; " + describeState(here, timeZone);
    }
    switch (seat.state) {
    case SeatState::NotConnected:
        return seat.lastHeardMs == 0
                   ? std::string("Not connected")
                   : "Not connected since " + clockTime(seat.lastHeardMs, timeZone);
    case SeatState::InProgress:
        return "In progress: " + progress(seat);
    case SeatState::Paused:
        return "Paused: " + progress(seat);
    case SeatState::OutOfService:
        return seat.problem.empty() ? std::string("Out of service")
                                    : "Out of service: " + seat.problem;
    default:
        return std::string(labelOf(seat.state));
    }
}

std::string describeOffer(const std::string& seat, const ExtraTimeOffer& offer,
                          const std::string& timeZone) {
    return seat + (offer.paused ? " was paused " : " was not connected ") +
           clockTime(offer.fromMs, timeZone) + " to " + clockTime(offer.toMs, timeZone) + ": " +
           std::to_string(offer.minutes) + " min for " + offer.reason;
}

} // namespace vigil::console
