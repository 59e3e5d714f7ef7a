#include "vigil/sync/room_status.h"

#include <algorithm>

namespace vigil::sync {

RoomStatus::RoomStatus(std::chrono::milliseconds heartbeatInterval, int missedHeartbeats)
    : silenceMs_(heartbeatInterval.count() * std::max(missedHeartbeats, 1)) {}

void RoomStatus::heard(const std::string& seat, const KioskStatus& status, std::int64_t nowMs) {
    auto& entry = seats_[seat];
    entry.open = true;
    entry.lastHeardMs = nowMs;
    entry.status = status;
}

void RoomStatus::lost(const std::string& seat, std::int64_t) {
    const auto found = seats_.find(seat);
    if (found != seats_.end()) {
        found->second.open = false;
    }
}

SeatLiveStatus RoomStatus::view(const std::string& seat, const Entry& entry,
                                std::int64_t nowMs) const {
    return {seat, entry.open && nowMs - entry.lastHeardMs <= silenceMs_, entry.lastHeardMs,
            entry.status};
}

std::vector<SeatLiveStatus> RoomStatus::seats(std::int64_t nowMs) const {
    std::vector<SeatLiveStatus> views;
    for (const auto& [seat, entry] : seats_) {
        views.push_back(view(seat, entry, nowMs));
    }
    return views;
}

std::optional<SeatLiveStatus> RoomStatus::seat(const std::string& seat, std::int64_t nowMs) const {
    const auto found = seats_.find(seat);
    if (found == seats_.end()) {
        return std::nullopt;
    }
    return view(seat, found->second, nowMs);
}

} // namespace vigil::sync
