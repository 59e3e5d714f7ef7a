#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace vigil::crypto {

using Digest = std::array<std::uint8_t, 32>;

// BLAKE2b-256 (crypto_generichash), optionally keyed. A key longer than 64 bytes is a
// programming error and throws std::invalid_argument; an empty key means unkeyed.
[[nodiscard]] Digest blake2b(std::span<const std::uint8_t> message);
[[nodiscard]] Digest blake2b(std::span<const std::uint8_t> message,
                             std::span<const std::uint8_t> key);

// Incremental BLAKE2b-256 for data that arrives in parts.
class Blake2bState {
public:
    Blake2bState();
    void update(std::span<const std::uint8_t> part);
    [[nodiscard]] Digest finish();

private:
    alignas(64) std::array<std::uint8_t, 384> state_{}; // >= sizeof(crypto_generichash_state)
};

[[nodiscard]] std::string toHex(std::span<const std::uint8_t> bytes);
// Lower-case hex (sodium_bin2hex). fromHex decodes exactly out.size() bytes in constant time;
// it returns false (and zeroes out) when text is not hex or not exactly 2 * out.size() long.
[[nodiscard]] bool fromHex(std::string_view text, std::span<std::uint8_t> out);

} // namespace vigil::crypto
