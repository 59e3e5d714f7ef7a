#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::crypto {

void fillRandom(std::span<std::uint8_t> out) noexcept;
[[nodiscard]] std::vector<std::uint8_t> randomBytes(std::size_t size);
[[nodiscard]] std::uint64_t randomUint64() noexcept;

} // namespace vigil::crypto
