#pragma once

#include "vigil/sync/messages.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vigil::sync {

// What the console knows of each seat right now, from the kiosks' pushed status. A seat that
// has not been heard from for `missedHeartbeats` heartbeat intervals, on the console's own
// clock, is shown as "not connected since" the last time it was heard.
struct SeatLiveStatus {
    std::string seat;
    bool connected = false;       // a connection is open and the seat was heard from recently
    std::int64_t lastHeardMs = 0; // console clock; 0: never heard
    std::optional<KioskStatus> status;
};

class RoomStatus {
public:
    explicit RoomStatus(std::chrono::milliseconds heartbeatInterval = std::chrono::seconds(1),
                        int missedHeartbeats = 5);

    void heard(const std::string& seat, const KioskStatus& status, std::int64_t nowMs);
    // The connection to the seat closed (the seat stays listed, not connected).
    void lost(const std::string& seat, std::int64_t nowMs);
    // Every seat heard from since the console started, by seat label.
    [[nodiscard]] std::vector<SeatLiveStatus> seats(std::int64_t nowMs) const;
    [[nodiscard]] std::optional<SeatLiveStatus> seat(const std::string& seat,
                                                     std::int64_t nowMs) const;

private:
    struct Entry {
        bool open = false;
        std::int64_t lastHeardMs = 0;
        std::optional<KioskStatus> status;
    };
    [[nodiscard]] SeatLiveStatus view(const std::string& seat, const Entry& entry,
                                      std::int64_t nowMs) const;

    std::int64_t silenceMs_;
    std::map<std::string, Entry> seats_;
};

} // namespace vigil::sync
