#pragma once

#include <string>

namespace vigil::kiosk {

// A decision the console made for the sitting open at this seat (a verified console command,
// its body read): what the session applies through the sitting's own operations. Every event
// it writes names the command as its actor ("console command <id>"), so the journal shows which
// command did what.
struct SittingOrder {
    enum class Kind { Pause, Resume, GrantExtraTime, Void, AuthoriseResume, MoveAway };
    Kind kind = Kind::Pause;
    std::string commandId;
    std::string reason;    // Pause, GrantExtraTime, Void
    int minutes = 0;       // GrantExtraTime: 1..600
    std::string toSeat;    // MoveAway: the spare PC's seat the sitting moved to
    std::string sittingId; // MoveAway: the sitting the console moved (must be the open one)

    [[nodiscard]] std::string actor() const { return "console command " + commandId; }
};

} // namespace vigil::kiosk
