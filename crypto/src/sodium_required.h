#pragma once

// Internal to crypto/src: helpers shared by the wrappers, not part of the public API.

#include "vigil/crypto/sodium.h"

#include <cstdint>
#include <stdexcept>

namespace vigil::crypto::detail {

// For calls whose public signature has no Result: libsodium failing to start (no entropy
// source) leaves nothing safe to do, so it is an exception rather than a silent bad value.
inline void requireSodium() {
    if (!ensureSodium()) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

// libsodium accepts a null output pointer for zero-length results only in some calls; an empty
// SecureBuffer has no storage, so empty outputs are written through this instead.
inline std::uint8_t* writableOrScratch(std::uint8_t* data) noexcept {
    static thread_local std::uint8_t scratch = 0;
    return data != nullptr ? data : &scratch;
}

} // namespace vigil::crypto::detail
