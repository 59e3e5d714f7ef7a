#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/secure_buffer.h"

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::crypto {

// XChaCha20-Poly1305-IETF for records. Sealed layout: 24-byte random nonce || ciphertext+tag.
inline constexpr std::size_t kAeadKeyBytes = 32;
inline constexpr std::size_t kAeadNonceBytes = 24;
inline constexpr std::size_t kAeadTagBytes = 16;

[[nodiscard]] SecureBuffer generateAeadKey();

[[nodiscard]] Result<std::vector<std::uint8_t>>
aeadSeal(const SecureBuffer& key, std::span<const std::uint8_t> plaintext,
         std::span<const std::uint8_t> associatedData = {});

// Plaintext comes back in a SecureBuffer: it is usually something worth wiping.
[[nodiscard]] Result<SecureBuffer> aeadOpen(const SecureBuffer& key,
                                            std::span<const std::uint8_t> sealed,
                                            std::span<const std::uint8_t> associatedData = {});

} // namespace vigil::crypto
