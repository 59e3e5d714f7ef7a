#include "vigil/console/live_room.h"

#include "vigil/console/seat_actions.h"

#include <algorithm>

namespace vigil::console {
namespace {

bool oneOf(const std::string& screen, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), screen) != names.end();
}

// Events written only once a sitting has started: a journal taken up after its first events
// (a batch the replica had not yet) still shows the sitting under way.
bool startsOrShowsStarted(exam::EventKind kind) {
    using enum exam::EventKind;
    switch (kind) {
    case Started:
    case AnswerChanged:
    case FlagChanged:
    case Navigated:
    case Paused:
    case Resumed:
    case Interrupted:
    case ResumeAuthorised:
    case Checkpoint:
        return true;
    default:
        return false;
    }
}

} // namespace

LiveRoom::LiveRoom(LiveRoomOptions options)
    : silenceMs_(options.heartbeat.count() * std::max(options.missedHeartbeats, 1)) {}

void LiveRoom::setPlan(const PlanLayout& layout) {
    std::vector<LiveSeat> seats;
    for (const auto& row : layout.cells) {
        for (const auto& cell : row) {
            if (cell.seat.empty()) {
                continue;
            }
            LiveSeat seat;
            if (const auto* known = find(cell.seat)) {
                seat = *known;
            }
            seat.seat = cell.seat;
            seat.place = cell.place;
            seat.candidateName = cell.candidateName;
            seat.registrationNumber = cell.registrationNumber;
            seat.assessmentId = cell.assessmentId;
            seat.movedFrom.clear(); // settle() follows the moves anew
            seats.push_back(std::move(seat));
        }
    }
    seats_ = std::move(seats);
    for (auto& seat : seats_) {
        settle(seat);
    }
}

LiveSeat* LiveRoom::find(const std::string& label) {
    const auto found = std::find_if(seats_.begin(), seats_.end(),
                                    [&](const LiveSeat& seat) { return seat.seat == label; });
    return found == seats_.end() ? nullptr : &*found;
}

const LiveSeat* LiveRoom::seat(const std::string& label) const {
    return const_cast<LiveRoom*>(this)->find(label);
}

std::optional<std::size_t> LiveRoom::indexOf(const std::string& label) const {
    const auto* found = seat(label);
    if (!found) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(found - seats_.data());
}

void LiveRoom::settle(LiveSeat& seat) const {
    const auto known = heard_.find(seat.seat);
    if (known != heard_.end()) {
        seat.progress = known->second.progress;
        seat.movedTo = known->second.movedTo;
        seat.extraTimeOffer = known->second.offer;
    }
    if (seat.registrationNumber.empty() || !seat.movedFrom.empty()) {
        followCandidateHere(seat);
    }
    if (known == heard_.end() || !known->second.open || !known->second.status) {
        seat.state = SeatState::NotConnected;
        return;
    }
    const auto& status = *known->second.status;
    seat.sittingId = status.sittingId;
    seat.position = status.position;
    seat.questionCount = status.questionCount;
    seat.secondsLeft = status.secondsLeft;
    seat.problem.clear();
    const auto& screen = status.screen;
    if (screen == "AwaitingLaunch") {
        // Delivered, waiting for its content key: nothing launched yet.
        seat.state = SeatState::Locked;
    } else if (oneOf(screen, {"OutOfService", "StoreBehind", "AwaitingAssignment"})) {
        seat.state = SeatState::OutOfService;
        seat.problem = status.problem;
    } else if (oneOf(screen, {"Question", "Review", "SubmitConfirm", "Incidents"})) {
        seat.state = SeatState::InProgress;
    } else if (screen == "Paused") {
        seat.state = SeatState::Paused;
    } else if (screen == "Result") {
        seat.state = SeatState::Result;
    } else if (known->second.progress == SittingProgress::Submitted) {
        seat.state = SeatState::Submitted;
    } else if (oneOf(screen, {"Login", "MachineCheck", "Confirm", "Instructions"}) ||
               (screen == "Locked" && (seat.launched || !status.sittingId.empty()))) {
        seat.state = SeatState::WaitingForLogin;
    } else {
        seat.state = SeatState::Locked;
    }
}

bool LiveRoom::heard(const std::string& label, const sync::KioskStatus& status,
                     std::int64_t nowMs) {
    auto& known = heard_[label];
    if (auto* seat = find(label); seat && !known.open && seat->lastHeardMs > 0 &&
                                  known.progress == SittingProgress::Started) {
        // Heard again after an outage while its sitting was under way.
        if (const auto minutes = offeredMinutes(seat->lastHeardMs, nowMs); minutes > 0) {
            known.offer = ExtraTimeOffer{false, seat->lastHeardMs, nowMs, minutes,
                                         extraTimeReasonForOutage()};
        }
    }
    if (!status.sittingId.empty() && !known.sittingId.empty() &&
        known.sittingId != status.sittingId) {
        // Another sitting at this seat (a kiosk back on its Locked screen names none: what its
        // journal said of the last one still holds).
        known.progress = SittingProgress::None;
        known.movedTo.clear();
        known.pausedAtMs.reset();
        known.offer.reset();
    }
    if (!status.sittingId.empty()) {
        known.sittingId = status.sittingId;
    }
    known.open = true;
    known.status = status;
    auto* seat = find(label);
    if (!seat) {
        return false;
    }
    const LiveSeat before = *seat;
    seat->lastHeardMs = nowMs;
    settle(*seat);
    // The time heard alone changes nothing the invigilator sees while the seat is connected.
    LiveSeat compared = before;
    compared.lastHeardMs = nowMs;
    return !(compared == *seat);
}

bool LiveRoom::lost(const std::string& label) {
    heard_[label].open = false;
    auto* seat = find(label);
    if (!seat || seat->state == SeatState::NotConnected) {
        return false;
    }
    settle(*seat);
    return true;
}

std::vector<std::string> LiveRoom::tick(std::int64_t nowMs) {
    std::vector<std::string> changed;
    for (auto& seat : seats_) {
        auto known = heard_.find(seat.seat);
        if (known == heard_.end() || !known->second.open) {
            continue;
        }
        if (nowMs - seat.lastHeardMs > silenceMs_) {
            known->second.open = false;
            settle(seat);
            changed.push_back(seat.seat);
        }
    }
    return changed;
}

bool LiveRoom::journal(const std::string& label, std::span<const exam::SittingEvent> events) {
    auto& known = heard_[label];
    auto* seat = find(label);
    const LiveSeat before = seat ? *seat : LiveSeat{};
    for (const auto& event : events) {
        if (startsOrShowsStarted(event.kind) && (known.progress == SittingProgress::None ||
                                                 known.progress == SittingProgress::Created)) {
            known.progress = SittingProgress::Started;
        }
        switch (event.kind) {
        case exam::EventKind::AnswerChanged:
            if (seat) {
                seat->lastAnswerSavedMs = event.wallMs;
            }
            break;
        case exam::EventKind::Created:
            known.progress = SittingProgress::Created;
            known.movedTo.clear();
            known.pausedAtMs.reset();
            known.offer.reset();
            if (seat) {
                seat->lastAnswerSavedMs.reset();
            }
            break;
        case exam::EventKind::SittingMovedHere:
            known.progress = SittingProgress::Started;
            known.movedTo.clear();
            break;
        case exam::EventKind::Submitted:
        case exam::EventKind::TimedOut:
            known.progress = SittingProgress::Submitted;
            break;
        case exam::EventKind::Voided:
            known.progress = SittingProgress::Voided;
            break;
        case exam::EventKind::Paused:
            known.pausedAtMs = event.wallMs;
            known.pauseReason = event.text;
            break;
        case exam::EventKind::Resumed:
            if (known.pausedAtMs) {
                if (const auto minutes = offeredMinutes(*known.pausedAtMs, event.wallMs);
                    minutes > 0) {
                    known.offer = ExtraTimeOffer{true, *known.pausedAtMs, event.wallMs, minutes,
                                                 extraTimeReasonForPause(known.pauseReason)};
                }
                known.pausedAtMs.reset();
            }
            break;
        case exam::EventKind::ExtraTimeGranted:
            // Extra time given during or after the interval answers it.
            known.offer.reset();
            known.pausedAtMs.reset();
            break;
        case exam::EventKind::SittingMoved:
            known.progress = SittingProgress::MovedAway;
            known.movedTo = event.text;
            break;
        default:
            break;
        }
    }
    if (!seat) {
        return false;
    }
    settle(*seat);
    return !(before == *seat);
}

void LiveRoom::followCandidateHere(LiveSeat& spare) const {
    for (const auto& from : seats_) {
        const auto told = heard_.find(from.seat);
        if (&from == &spare || from.registrationNumber.empty() || told == heard_.end() ||
            told->second.progress != SittingProgress::MovedAway ||
            told->second.movedTo != spare.seat) {
            continue;
        }
        spare.movedFrom = from.seat;
        spare.candidateName = from.candidateName;
        spare.registrationNumber = from.registrationNumber;
        spare.assessmentId = from.assessmentId;
    }
}

bool LiveRoom::setUnread(const std::string& label, int unread) {
    auto* seat = find(label);
    if (!seat || seat->unreadIncidents == unread) {
        return false;
    }
    seat->unreadIncidents = unread;
    return true;
}

bool LiveRoom::setLaunched(const std::string& label) {
    auto* seat = find(label);
    if (!seat || seat->launched) {
        return false;
    }
    seat->launched = true;
    settle(*seat);
    return true;
}

bool LiveRoom::setMovedAway(const std::string& label, const std::string& toSeat) {
    auto& known = heard_[label];
    if (known.progress == SittingProgress::MovedAway && known.movedTo == toSeat) {
        return false;
    }
    known.progress = SittingProgress::MovedAway;
    known.movedTo = toSeat;
    auto* seat = find(label);
    if (!seat) {
        return false;
    }
    settle(*seat);
    return true;
}

SittingProgress LiveRoom::finalProgress(const std::string& label) const {
    std::string at = label;
    // A sitting moves on from a spare at most a few times; the bound stops a loop of moves.
    for (std::size_t hops = 0; hops <= heard_.size(); ++hops) {
        const auto known = heard_.find(at);
        if (known == heard_.end()) {
            return hops == 0 ? SittingProgress::None : SittingProgress::MovedAway;
        }
        if (known->second.progress != SittingProgress::MovedAway) {
            return known->second.progress;
        }
        at = known->second.movedTo;
    }
    return SittingProgress::MovedAway;
}

std::map<SeatState, int> LiveRoom::counts() const {
    std::map<SeatState, int> counts;
    for (const auto state : kSeatStates) {
        counts[state] = 0;
    }
    for (const auto& seat : seats_) {
        ++counts[seat.state];
    }
    return counts;
}

std::vector<const LiveSeat*> LiveRoom::listed(std::optional<SeatState> filter) const {
    std::vector<const LiveSeat*> list;
    for (const auto& seat : seats_) {
        if (!filter || seat.state == *filter) {
            list.push_back(&seat);
        }
    }
    std::stable_sort(list.begin(), list.end(), [](const LiveSeat* a, const LiveSeat* b) {
        return (a->unreadIncidents > 0) > (b->unreadIncidents > 0);
    });
    return list;
}

} // namespace vigil::console
