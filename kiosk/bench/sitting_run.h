#pragma once

#include "frame_timing.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vigil::kiosk::bench {

// A whole sitting on the real KioskRuntime (store, package, session, screens, lockdown):
// Locked, login, machine check, confirm, start, then every item answered and every switch to
// the next question timed until its frame is swapped; then back to the first. Prints the
// switch, answer and memory tables.
class SittingRun {
public:
    using MemoryPoint = std::pair<std::string, MemoryUse>;

    explicit SittingRun(KioskOptions options);
    // `before`: memory points taken before the runtime existed. Returns the exit code.
    int execute(std::vector<MemoryPoint> before);

private:
    // Runs `action`, waits for the frame that shows it and for the screen to settle.
    void timeToFrame(const std::function<void()>& action, Samples& call, Samples& frame,
                     Samples& settled);
    void printTables(const std::vector<MemoryPoint>& memory) const;

    KioskOptions options_;
    std::unique_ptr<KioskRuntime> runtime_;
    std::unique_ptr<FrameWatch> frames_;
    Samples lockedFrame_, loginMs_, wrongPasswordMs_;
    Samples nextCall_, nextFrame_, nextSettled_;
    Samples answerCall_, answerFrame_, answerSettled_;
    Samples previousCall_, previousFrame_, previousSettled_;
    int missedFrames_ = 0;
    int items_ = 0;
    int media_ = 0;
};

} // namespace vigil::kiosk::bench
