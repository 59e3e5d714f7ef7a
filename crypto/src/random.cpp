#include "vigil/crypto/random.h"

#include "vigil/crypto/sodium.h"

#include <sodium.h>

namespace vigil::crypto {

void fillRandom(std::span<std::uint8_t> out) noexcept {
    // randombytes_buf is usable even if sodium_init failed: it opens the system source itself.
    (void)ensureSodium();
    if (!out.empty()) {
        randombytes_buf(out.data(), out.size());
    }
}

std::vector<std::uint8_t> randomBytes(std::size_t size) {
    std::vector<std::uint8_t> bytes(size);
    fillRandom(bytes);
    return bytes;
}

std::uint64_t randomUint64() noexcept {
    std::uint64_t value = 0;
    (void)ensureSodium();
    randombytes_buf(&value, sizeof value);
    return value;
}

std::uint32_t randomUniform(std::uint32_t upperBound) noexcept {
    (void)ensureSodium();
    return upperBound < 2 ? 0 : randombytes_uniform(upperBound);
}

} // namespace vigil::crypto
