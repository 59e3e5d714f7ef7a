#pragma once

#include <chrono>
#include <cstdint>

namespace vigil::exam {

// Where a sitting reads time. Only monotonicNow() ever measures a duration: the wall clock is
// recorded for people (started/submitted times) and may jump without affecting the timer.
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::chrono::milliseconds monotonicNow() const = 0;
    [[nodiscard]] virtual std::int64_t wallNowMs() const = 0; // ms since the Unix epoch
};

// std::chrono::steady_clock and std::chrono::system_clock.
class SystemClock final : public Clock {
public:
    [[nodiscard]] std::chrono::milliseconds monotonicNow() const override;
    [[nodiscard]] std::int64_t wallNowMs() const override;
};

// A clock its owner moves by hand: tests, and UI previews that must not depend on real time.
class ManualClock final : public Clock {
public:
    [[nodiscard]] std::chrono::milliseconds monotonicNow() const override { return monotonic_; }
    [[nodiscard]] std::int64_t wallNowMs() const override { return wallMs_; }
    void advance(std::chrono::milliseconds by) {
        monotonic_ += by;
        wallMs_ += by.count();
    }
    void setWall(std::int64_t wallMs) { wallMs_ = wallMs; } // a wall-clock jump only
    void setMonotonic(std::chrono::milliseconds value) { monotonic_ = value; }

private:
    std::chrono::milliseconds monotonic_{0};
    std::int64_t wallMs_ = 1'767'225'600'000; // 2026-01-01T00:00:00Z
};

} // namespace vigil::exam
