#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/secure_buffer.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace vigil::crypto {

// X25519 sealed boxes (crypto_box_seal): anonymous sender, only the recipient can open.
using BoxPublicKey = std::array<std::uint8_t, 32>;
inline constexpr std::size_t kSealOverheadBytes = 48;

struct BoxKeyPair {
    BoxPublicKey publicKey{};
    SecureBuffer secretKey; // 32 bytes
};

[[nodiscard]] BoxKeyPair generateBoxKeyPair();
// Throws std::invalid_argument for an unusable (low-order, e.g. all-zero) recipient key.
[[nodiscard]] std::vector<std::uint8_t> sealTo(const BoxPublicKey& recipient,
                                               std::span<const std::uint8_t> message);
[[nodiscard]] Result<SecureBuffer> openSealed(const BoxKeyPair& recipient,
                                              std::span<const std::uint8_t> sealed);

} // namespace vigil::crypto
