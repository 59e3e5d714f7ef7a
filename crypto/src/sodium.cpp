#include "vigil/crypto/sodium.h"

#include <sodium.h>

namespace vigil::crypto {

Status ensureSodium() noexcept {
    // sodium_init is itself thread-safe and idempotent (0 first time, 1 afterwards).
    static const int result = sodium_init();
    if (result < 0) {
        return Error::SodiumInitFailed;
    }
    return Done{};
}

} // namespace vigil::crypto
