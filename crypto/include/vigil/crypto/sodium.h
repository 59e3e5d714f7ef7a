#pragma once

#include "vigil/crypto/error.h"

namespace vigil::crypto {

// Initialises libsodium once per process; safe to call from any thread, any number of times.
// Every other function in vigil::crypto calls it, so callers rarely need to.
[[nodiscard]] Status ensureSodium() noexcept;

} // namespace vigil::crypto
