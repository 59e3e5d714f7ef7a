#pragma once

#include "vigil/console/live_room.h"
#include "vigil/console/session.h"

#include <map>
#include <string>
#include <vector>

// Closing a session from the live room: each seated candidate's outcome as the room knows it
// (SessionRegistry::close checks that every one is resolved). Plain C++ without a window.
namespace vigil::console {

// One SeatAtClose per seat of the plan with a candidate, in plan order:
// - in progress or paused now, or a sitting started (also one moved to a spare PC and not yet
//   ended there): InProgress, whatever the explanation (void it, or let it be submitted);
// - submitted (or timed out), or voided, as its journal says (followed to the spare PC a
//   sitting moved to), even when the PC is no longer connected;
// - anything else (never started, not connected, out of service, ...): Explained with the
//   invigilator's explanation for that seat, or NotStarted without one.
// `explanations` holds the invigilator's words by seat; blank ones count as none.
[[nodiscard]] std::vector<SeatAtClose>
seatsAtClose(const LiveRoom& room, const std::map<std::string, std::string>& explanations);

} // namespace vigil::console
