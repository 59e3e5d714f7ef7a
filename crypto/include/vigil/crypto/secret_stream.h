#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/secure_buffer.h"

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::crypto {

// crypto_secretstream_xchacha20poly1305 over a whole message split into fixed-size chunks.
// Layout: 24-byte header || chunks, the last one tagged FINAL. Truncation, reordering or a
// flipped byte anywhere is AuthenticationFailed (a missing FINAL tag is Truncated).
inline constexpr std::size_t kSecretStreamChunkBytes = 64 * 1024;

// Throws std::invalid_argument for a key that is not 32 bytes (decrypt: InvalidArgument).
[[nodiscard]] std::vector<std::uint8_t> secretStreamEncrypt(const SecureBuffer& key,
                                                            std::span<const std::uint8_t> plain);
[[nodiscard]] Result<SecureBuffer> secretStreamDecrypt(const SecureBuffer& key,
                                                       std::span<const std::uint8_t> sealed);

} // namespace vigil::crypto
