#include "vigil/console/session.h"

#include <algorithm>

namespace vigil::console {

std::string_view stateName(SessionState state) noexcept {
    switch (state) {
    case SessionState::Planned:
        return "planned";
    case SessionState::Open:
        return "open";
    case SessionState::Closed:
        return "closed";
    }
    return "planned";
}

std::string_view outcomeName(SeatOutcome outcome) noexcept {
    switch (outcome) {
    case SeatOutcome::NotStarted:
        return "not started";
    case SeatOutcome::InProgress:
        return "in progress";
    case SeatOutcome::Submitted:
        return "submitted";
    case SeatOutcome::Voided:
        return "voided";
    case SeatOutcome::Explained:
        return "explained";
    }
    return "not started";
}

bool Session::invigilatedBy(std::string_view userId) const {
    return std::any_of(invigilators.begin(), invigilators.end(),
                       [&](const SessionInvigilator& i) { return i.userId == userId; });
}

} // namespace vigil::console
