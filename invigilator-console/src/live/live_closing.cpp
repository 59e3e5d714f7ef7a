#include "vigil/console/live_closing.h"

namespace vigil::console {
namespace {

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

} // namespace

std::vector<SeatAtClose> seatsAtClose(const LiveRoom& room,
                                      const std::map<std::string, std::string>& explanations) {
    std::vector<SeatAtClose> seats;
    for (const auto& seat : room.seats()) {
        if (seat.candidateName.empty()) {
            continue; // a spare, or a PC nobody was seated at
        }
        SeatAtClose atClose{seat.seat, seat.candidateName, SeatOutcome::NotStarted, {}};
        const auto progress = room.finalProgress(seat.seat);
        if (seat.state == SeatState::InProgress || seat.state == SeatState::Paused ||
            progress == SittingProgress::Started || progress == SittingProgress::MovedAway) {
            atClose.outcome = SeatOutcome::InProgress;
        } else if (progress == SittingProgress::Submitted) {
            atClose.outcome = SeatOutcome::Submitted;
        } else if (progress == SittingProgress::Voided) {
            atClose.outcome = SeatOutcome::Voided;
        } else if (const auto found = explanations.find(seat.seat);
                   found != explanations.end() && !blank(found->second)) {
            atClose.outcome = SeatOutcome::Explained;
            atClose.explanation = found->second;
        }
        seats.push_back(std::move(atClose));
    }
    return seats;
}

} // namespace vigil::console
