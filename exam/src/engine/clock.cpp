#include "vigil/exam/clock.h"

namespace vigil::exam {

std::chrono::milliseconds SystemClock::monotonicNow() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
}

std::int64_t SystemClock::wallNowMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace vigil::exam
