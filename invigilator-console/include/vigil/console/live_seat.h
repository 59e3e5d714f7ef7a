#pragma once

#include "vigil/console/seating_plan.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// One seat of the live room as the invigilator sees it: who sits there, for what, and what the
// kiosk last said about itself (pushed over the link), on the console's own clock.
namespace vigil::console {

enum class SeatState {
    NotConnected,    // never heard, or silent for N heartbeats: "not connected since hh:mm:ss"
    Locked,          // the kiosk's Locked screen, nothing launched
    WaitingForLogin, // launched (or a sitting waits): the invigilator logs the candidate in
    InProgress,      // question n of N, time left
    Paused,
    Submitted, // the sitting ended, no result yet
    Result,    // the result screen
    OutOfService,
};

inline constexpr SeatState kSeatStates[] = {
    SeatState::NotConnected, SeatState::Locked,       SeatState::WaitingForLogin,
    SeatState::InProgress,   SeatState::Paused,       SeatState::Submitted,
    SeatState::Result,       SeatState::OutOfService,
};

// "not-connected", "in-progress", ...: the stable name filters use.
[[nodiscard]] std::string_view codeOf(SeatState state) noexcept;
[[nodiscard]] std::optional<SeatState> seatStateFromCode(std::string_view code) noexcept;
// "Not connected", "In progress", ...
[[nodiscard]] std::string_view labelOf(SeatState state) noexcept;

// What the seat's journal (as the console's replica holds it) says of its latest sitting,
// whether or not the PC is connected now: what closing the session reads.
enum class SittingProgress {
    None,      // no sitting heard of at this seat
    Created,   // the candidate is being logged in
    Started,   // under way (also a sitting that moved here from another PC)
    Submitted, // submitted, or the timer submitted it
    Voided,
    MovedAway, // moved to the spare PC at movedTo
};

// Extra time the room offers for an interval the seat's sitting was held up: a pause (its
// journal's Paused to Resumed, on the kiosk's clock) or an outage while a sitting was under way
// (not connected, on the console's clock). Intervals under a minute are not offered; a grant of
// extra time at the seat after the interval began answers it.
struct ExtraTimeOffer {
    bool paused = false; // else not connected
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    int minutes = 0;    // the interval, rounded up to whole minutes (at most 600)
    std::string reason; // one of kExtraTimeReasons (seat_actions.h)
    bool operator==(const ExtraTimeOffer&) const = default;
};

struct LiveSeat {
    std::string seat; // the PC's label, "PC07"
    Place place;
    std::string candidateName; // empty: nobody is seated here
    std::string registrationNumber;
    std::string assessmentId;
    SeatState state = SeatState::NotConnected;
    std::int64_t lastHeardMs = 0; // console clock; 0: never heard
    std::string sittingId;
    int position = 0; // question n (1-based) of questionCount
    int questionCount = 0;
    std::int64_t secondsLeft = 0;
    std::string problem;                           // OutOfService: what the kiosk's screen says
    std::optional<std::int64_t> lastAnswerSavedMs; // the kiosk's time of the last answer
    int unreadIncidents = 0;
    bool launched = false; // the console's launch was applied at this seat
    SittingProgress progress = SittingProgress::None;
    std::string movedTo; // MovedAway: the seat its sitting moved to
    // A spare nobody was planned at that took over the sitting of this seat: its candidate,
    // registration number and assessment are that seat's.
    std::string movedFrom;
    std::optional<ExtraTimeOffer> extraTimeOffer;
    bool operator==(const LiveSeat&) const = default;
};

// "09:41:07" in the centre's time zone (the system's when the zone is unknown).
[[nodiscard]] std::string clockTime(std::int64_t ms, const std::string& timeZone);

// What the seat's tile says: "Not connected since 09:41:07", "Locked", "Waiting for login",
// "In progress: question 3 of 20, 12:05 left", "Paused: question 3 of 20, 12:05 left",
// "Submitted", "Result", "Out of service: <the kiosk's reason>"; a seat whose sitting moved to a
// spare PC says so first: "Moved to PC12; Not connected since 09:41:07".
[[nodiscard]] std::string describeState(const LiveSeat& seat, const std::string& timeZone);

// "PC01 was paused 09:41:07 to 09:48:07: 7 min for fire alarm / evacuation"; "PC02 was not
// connected 10:02:00 to 10:05:30: 4 min for IT failure (loss of connection)".
[[nodiscard]] std::string describeOffer(const std::string& seat, const ExtraTimeOffer& offer,
                                        const std::string& timeZone);

} // namespace vigil::console
