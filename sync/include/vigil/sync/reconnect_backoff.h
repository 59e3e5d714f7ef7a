#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace vigil::sync {

// How long a kiosk waits before its next attempt to reach the console: exponential, capped,
// with jitter, so sixty kiosks that lost the console together (a switch rebooted) do not all
// knock at the same instant when it comes back. "Full jitter": the wait is uniform in
// [ceiling / 2, ceiling], where the ceiling doubles from `first` per failed attempt up to `cap`.
class ReconnectBackoff {
public:
    using Milliseconds = std::chrono::milliseconds;
    // uniform(n): a random integer in [0, n). Injected so tests are deterministic; by default
    // crypto::randomUniform.
    using Uniform = std::function<std::uint32_t(std::uint32_t)>;

    explicit ReconnectBackoff(Milliseconds first = Milliseconds(500),
                              Milliseconds cap = Milliseconds(30'000), Uniform uniform = {});

    // The wait before the next attempt; each call counts one more failed attempt.
    [[nodiscard]] Milliseconds nextDelay();
    // A connection opened: the next failure starts again from `first`.
    void reset() noexcept;
    [[nodiscard]] int failures() const noexcept { return failures_; }

private:
    Milliseconds first_;
    Milliseconds cap_;
    Uniform uniform_;
    int failures_ = 0;
};

} // namespace vigil::sync
