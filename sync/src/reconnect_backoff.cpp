#include "vigil/sync/reconnect_backoff.h"

#include "vigil/crypto/random.h"

#include <algorithm>

namespace vigil::sync {

ReconnectBackoff::ReconnectBackoff(Milliseconds first, Milliseconds cap, Uniform uniform)
    : first_(std::max(first, Milliseconds(1)))
    , cap_(std::max(cap, first_))
    , uniform_(uniform ? std::move(uniform) : Uniform(&crypto::randomUniform)) {}

ReconnectBackoff::Milliseconds ReconnectBackoff::nextDelay() {
    // Doubling stops once the cap is reached, so the shift never overflows.
    Milliseconds ceiling = first_;
    for (int i = 0; i < failures_ && ceiling < cap_; ++i) {
        ceiling *= 2;
    }
    ceiling = std::min(ceiling, cap_);
    ++failures_;
    const auto half = ceiling.count() / 2;
    const auto spread = std::uint32_t(ceiling.count() - half + 1);
    return Milliseconds(half + std::int64_t(uniform_(spread)));
}

void ReconnectBackoff::reset() noexcept {
    failures_ = 0;
}

} // namespace vigil::sync
