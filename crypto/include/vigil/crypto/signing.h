#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/secure_buffer.h"

#include <array>
#include <cstdint>
#include <span>

namespace vigil::crypto {

// Ed25519 (crypto_sign_detached).
using SigningPublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;
// First 8 bytes of BLAKE2b(public key): names a key in file headers, checked before verify.
using KeyId = std::array<std::uint8_t, 8>;

struct SigningKeyPair {
    SigningPublicKey publicKey{};
    SecureBuffer secretKey; // 64 bytes (seed || public key), libsodium's layout
};

[[nodiscard]] SigningKeyPair generateSigningKeyPair();
[[nodiscard]] Result<SigningKeyPair> signingKeyPairFromSeed(std::span<const std::uint8_t> seed32);
[[nodiscard]] KeyId keyIdOf(const SigningPublicKey& publicKey);

// Throws std::invalid_argument when keys.secretKey is not 64 bytes (e.g. moved from).
[[nodiscard]] Signature sign(const SigningKeyPair& keys, std::span<const std::uint8_t> message);
[[nodiscard]] bool verifySignature(const SigningPublicKey& publicKey,
                                   std::span<const std::uint8_t> message,
                                   const Signature& signature) noexcept;

} // namespace vigil::crypto
