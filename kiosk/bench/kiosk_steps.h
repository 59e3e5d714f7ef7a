#pragma once

#include "frame_timing.h"
#include "vigil/kiosk/session_controller.h"

#include <functional>

namespace vigil::kiosk::bench {

// The steps the kiosk benchmarks share: reaching question 1 and timing an action to its frame.

// What the benchmarks time around on the way to question 1: the two logins.
struct LoginTimes {
    Samples* wrongPassword = nullptr; // a right PIN with a wrong password, refused
    Samples* login = nullptr;         // the right credentials
};

// From the Locked screen to question 1 as an invigilator and a candidate get there: login (a
// right PIN with a wrong password first), machine check findings accepted with a reason (a
// benchmark VM raises some), confirm, start. Waits for the screen to settle after each step.
// False, said on stderr, when the sitting stops elsewhere.
[[nodiscard]] bool reachFirstQuestion(SessionController& session, FrameWatch& frames,
                                      LoginTimes times = {});

// Nothing rendered for this long: the screen has settled.
inline constexpr int kQuietMs = 40;
inline constexpr int kSettleCapMs = 1'500;
inline constexpr int kFrameTimeoutMs = 5'000;

// Waits for the screen to be quiet (so the next frame is the action's), runs `action` and adds
// the time of the call, until its first frame and (when given) until the screen settled.
// False, nothing added but the call, when no frame came within kFrameTimeoutMs.
bool timeToFrame(FrameWatch& frames, const std::function<void()>& action, Samples& call,
                 Samples& frame, Samples* settled = nullptr);

} // namespace vigil::kiosk::bench
