#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace vigil::crypto {

// Failed-login throttling, per credential subject (e.g. "invigilator:<id>") and per device
// ("seat:<label>"). The first freeAttempts failures cost nothing; after that each failure
// doubles the wait: base * 2^(failures - freeAttempts - 1), capped at maxDelay, counted from
// the last failure. The failure that reaches lockAfter locks the subject until an administrator
// clears it. lockAfter = 0 never locks: the policy of every device subject, which anyone at the
// kiosk could otherwise lock (a candidate typing wrong PINs would strand their own sitting); a
// lock an older build recorded for such a subject is read as back-off only. LoginThrottle keeps
// no state of its own: everything is in ThrottleStorage.
//
// Wall-clock time, persisted so a restart keeps the count: a clock set back never stretches a
// wait. When a check sees the clock before the last failure, the failure is moved to now, so
// the wait is at most the delay the failure count gives, from that moment (a clock set forward
// shortens it, which needs the kiosk's own locked-down session to do).
struct ThrottlePolicy {
    std::chrono::milliseconds baseDelay{1000};
    std::chrono::milliseconds maxDelay{std::chrono::minutes(5)};
    std::uint32_t freeAttempts = 2; // failures with no delay at all
    std::uint32_t lockAfter = 10;
};

struct ThrottleRecord {
    std::uint32_t failures = 0;
    std::int64_t lastFailureMs = 0; // wall-clock ms since the epoch
    bool locked = false;
};

// Where throttle records live. The kiosk and console persist them in their encrypted store
// (vigil::store::ThrottleTable), so a restart never resets the count.
class ThrottleStorage {
public:
    virtual ~ThrottleStorage() = default;
    [[nodiscard]] virtual std::optional<ThrottleRecord> load(const std::string& subject) = 0;
    virtual void save(const std::string& subject, const ThrottleRecord& record) = 0;
    virtual void erase(const std::string& subject) = 0;
};

struct ThrottleDecision {
    bool allowed = true;
    bool locked = false;
    std::chrono::milliseconds retryAfter{0};
};

// The wait owed after this many failures under policy (zero while failures are free).
[[nodiscard]] std::chrono::milliseconds throttleDelayAfter(std::uint32_t failures,
                                                           const ThrottlePolicy& policy) noexcept;

class LoginThrottle {
public:
    LoginThrottle(ThrottleStorage& storage, ThrottlePolicy policy = {});

    // May this subject try now? nowMs is wall-clock ms since the epoch. Writes only when the
    // clock has gone back past the last failure (see above).
    [[nodiscard]] ThrottleDecision check(const std::string& subject, std::int64_t nowMs);
    // The strictest decision over several subjects (e.g. the PIN's and the device's).
    [[nodiscard]] ThrottleDecision checkAll(std::span<const std::string> subjects,
                                            std::int64_t nowMs);
    void recordFailure(const std::string& subject, std::int64_t nowMs);
    // Clears the subject's failures; a locked subject stays locked (only unlock() lifts it)
    // unless the policy never locks.
    void recordSuccess(const std::string& subject);
    void unlock(const std::string& subject); // an administrator's action
    [[nodiscard]] bool neverLocks() const noexcept { return policy_.lockAfter == 0; }

private:
    ThrottleStorage& storage_;
    ThrottlePolicy policy_;
};

} // namespace vigil::crypto
