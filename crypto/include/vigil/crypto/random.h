#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::crypto {

void fillRandom(std::span<std::uint8_t> out) noexcept;
[[nodiscard]] std::vector<std::uint8_t> randomBytes(std::size_t size);
[[nodiscard]] std::uint64_t randomUint64() noexcept;
// Uniform in [0, upperBound) without modulo bias (randombytes_uniform); 0 when upperBound < 2.
[[nodiscard]] std::uint32_t randomUniform(std::uint32_t upperBound) noexcept;

} // namespace vigil::crypto
