#include "vigil/crypto/login_throttle.h"

#include <algorithm>
#include <limits>

namespace vigil::crypto {

using std::chrono::milliseconds;

LoginThrottle::LoginThrottle(ThrottleStorage& storage, ThrottlePolicy policy)
    : storage_(storage)
    , policy_(policy) {}

milliseconds throttleDelayAfter(std::uint32_t failures, const ThrottlePolicy& policy) noexcept {
    if (failures <= policy.freeAttempts || policy.baseDelay <= milliseconds::zero()) {
        return milliseconds::zero();
    }
    // Doubling by loop rather than by shift: no overflow however many failures are recorded.
    milliseconds delay = policy.baseDelay;
    for (std::uint32_t paid = failures - policy.freeAttempts; paid > 1; --paid) {
        if (delay >= policy.maxDelay) {
            break;
        }
        delay *= 2;
    }
    return std::min(delay, policy.maxDelay);
}

ThrottleDecision LoginThrottle::check(const std::string& subject, std::int64_t nowMs) {
    const std::optional<ThrottleRecord> record = storage_.load(subject);
    if (!record) {
        return {};
    }
    if (record->locked) {
        return {false, true, milliseconds::zero()};
    }
    const milliseconds delay = throttleDelayAfter(record->failures, policy_);
    const std::int64_t elapsed = nowMs - record->lastFailureMs;
    // A clock set backwards must not stretch the wait beyond one full delay.
    const milliseconds waited{std::max<std::int64_t>(elapsed, 0)};
    if (waited >= delay) {
        return {};
    }
    return {false, false, delay - waited};
}

ThrottleDecision LoginThrottle::checkAll(std::span<const std::string> subjects,
                                         std::int64_t nowMs) {
    ThrottleDecision strictest;
    for (const std::string& subject : subjects) {
        const ThrottleDecision decision = check(subject, nowMs);
        strictest.allowed = strictest.allowed && decision.allowed;
        strictest.locked = strictest.locked || decision.locked;
        strictest.retryAfter = std::max(strictest.retryAfter, decision.retryAfter);
    }
    return strictest;
}

void LoginThrottle::recordFailure(const std::string& subject, std::int64_t nowMs) {
    ThrottleRecord record = storage_.load(subject).value_or(ThrottleRecord{});
    if (record.failures < std::numeric_limits<std::uint32_t>::max()) {
        ++record.failures;
    }
    record.lastFailureMs = nowMs;
    if (policy_.lockAfter != 0 && record.failures >= policy_.lockAfter) {
        record.locked = true;
    }
    storage_.save(subject, record);
}

void LoginThrottle::recordSuccess(const std::string& subject) {
    const std::optional<ThrottleRecord> record = storage_.load(subject);
    if (record && record->locked) {
        return; // only unlock() lifts a lock, even if a caller verified a locked subject
    }
    if (record) {
        storage_.erase(subject);
    }
}

void LoginThrottle::unlock(const std::string& subject) {
    storage_.erase(subject);
}

} // namespace vigil::crypto
