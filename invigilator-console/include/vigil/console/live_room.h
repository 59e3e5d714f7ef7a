#pragma once

#include "vigil/console/live_seat.h"
#include "vigil/console/plan_layout.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/sync/messages.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

// The live room of one session: each seat of its seating plan with the state its kiosk last
// pushed, counts per state, a filter, and the list order (seats with unread incidents first).
// Plain C++ without a window or a thread of its own: whoever receives the hub's pushes hands
// them in on one thread, and each call says whether that seat's view changed, so a view
// redraws one seat and keeps its selection.
namespace vigil::console {

struct LiveRoomOptions {
    // As the hub's: a seat silent for missedHeartbeats x heartbeat on the console's clock is
    // "not connected since" the last time it was heard.
    std::chrono::milliseconds heartbeat{1'000};
    int missedHeartbeats = 5;
};

class LiveRoom {
public:
    explicit LiveRoom(LiveRoomOptions options = {});

    // The seats of the plan, front row first; what was known of a seat that stays is kept.
    void setPlan(const PlanLayout& layout);

    // Each returns true when the seat is in the plan and its view changed.
    bool heard(const std::string& seat, const sync::KioskStatus& status, std::int64_t nowMs);
    bool lost(const std::string& seat);
    bool journal(const std::string& seat, std::span<const exam::SittingEvent> events);
    bool setUnread(const std::string& seat, int unread);
    bool setLaunched(const std::string& seat);
    // The console handed the seat's sitting over to the spare PC `toSeat` (a move that
    // finished): the seat shows it moved even while its own PC is dead and cannot say so.
    bool setMovedAway(const std::string& seat, const std::string& toSeat);
    // Seats silent for too long become "not connected since"; returns those that changed.
    std::vector<std::string> tick(std::int64_t nowMs);

    [[nodiscard]] const std::vector<LiveSeat>& seats() const noexcept { return seats_; }
    [[nodiscard]] const LiveSeat* seat(const std::string& label) const;
    [[nodiscard]] std::optional<std::size_t> indexOf(const std::string& label) const;
    [[nodiscard]] std::map<SeatState, int> counts() const;
    // The list view: seats in `filter`'s state (all without one), those with unread incidents
    // first, then in plan order.
    [[nodiscard]] std::vector<const LiveSeat*> listed(std::optional<SeatState> filter = {}) const;
    [[nodiscard]] std::int64_t silenceMs() const noexcept { return silenceMs_; }
    // Where the sitting begun at `label` stands: a sitting moved away is followed to the PC it
    // moved to (a spare need not be in the plan).
    [[nodiscard]] SittingProgress finalProgress(const std::string& label) const;

private:
    LiveSeat* find(const std::string& label);
    void settle(LiveSeat& seat) const; // the state from what the seat last said
    // A spare nobody was planned at shows the candidate whose sitting moved to it.
    void followCandidateHere(LiveSeat& spare) const;

    struct Heard {
        bool open = false;
        std::optional<sync::KioskStatus> status;
        std::string sittingId; // the last sitting the kiosk's status named
        SittingProgress progress = SittingProgress::None; // from the journal
        std::string movedTo;
        // The pause under way (the kiosk's clock) and what the room offers for the last one.
        std::optional<std::int64_t> pausedAtMs;
        std::string pauseReason;
        std::optional<ExtraTimeOffer> offer;
    };
    std::int64_t silenceMs_;
    std::vector<LiveSeat> seats_;
    std::map<std::string, Heard> heard_;
};

} // namespace vigil::console
