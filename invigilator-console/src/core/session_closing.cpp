#include "vigil/console/session_closing.h"

#include <set>

namespace vigil::console {
namespace {

bool resolved(const SeatAtClose& seat) {
    switch (seat.outcome) {
    case SeatOutcome::Submitted:
    case SeatOutcome::Voided:
        return true;
    case SeatOutcome::Explained:
        return seat.explanation.find_first_not_of(" \t\r\n") != std::string::npos;
    case SeatOutcome::NotStarted:
    case SeatOutcome::InProgress:
        return false;
    }
    return false;
}

} // namespace

std::optional<ConsoleFailure> checkSeatsResolved(std::span<const SeatAtClose> seats) {
    std::set<std::string> seen;
    for (const auto& seat : seats) {
        if (!seen.insert(seat.seat).second) {
            return refusal(ConsoleError::InvalidSession, "seat " + seat.seat + " is given twice");
        }
    }
    std::string unresolved;
    for (const auto& seat : seats) {
        if (resolved(seat)) {
            continue;
        }
        if (!unresolved.empty()) {
            unresolved += "; ";
        }
        unresolved += seat.seat;
        if (!seat.candidate.empty()) {
            unresolved += " (" + seat.candidate + ")";
        }
        unresolved += seat.outcome == SeatOutcome::Explained
                          ? " has no explanation"
                          : " is " + std::string(outcomeName(seat.outcome));
    }
    if (unresolved.empty()) {
        return std::nullopt;
    }
    return refusal(ConsoleError::SeatsUnresolved, unresolved);
}

} // namespace vigil::console
