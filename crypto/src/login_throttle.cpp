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
    std::optional<ThrottleRecord> record = storage_.load(subject);
    if (!record) {
        return {};
    }
    if (record->locked && !neverLocks()) {
        return {false, true, milliseconds::zero()};
    }
    if (nowMs < record->lastFailureMs) {
        // The clock went back: count the wait from now, or it would last as long as the jump.
        record->lastFailureMs = nowMs;
        storage_.save(subject, *record);
    }
    const milliseconds delay = throttleDelayAfter(record->failures, policy_);
    const milliseconds waited{nowMs - record->lastFailureMs};
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
    record.locked = neverLocks() ? false : record.locked || record.failures >= policy_.lockAfter;
    storage_.save(subject, record);
}

void LoginThrottle::recordSuccess(const std::string& subject) {
    const std::optional<ThrottleRecord> record = storage_.load(subject);
    if (record && record->locked && !neverLocks()) {
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
