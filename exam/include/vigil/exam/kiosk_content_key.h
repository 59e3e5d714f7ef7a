#pragma once

#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/package.h"

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::exam {

// A package's content key released to one kiosk: sealed (crypto_box_seal) to the X25519 key
// derived from the kiosk's enrolled Ed25519 identity (crypto/identity_box_key.h). Whoever holds
// the centre's box key (the console; without one, `vigil-pack assign`) unseals the content key
// from the package and seals it here; the kiosk opens it with its own key and nothing else, so
// no kiosk holds a key that opens every package sealed to the centre.
inline constexpr std::size_t kSealedContentKeyBytes = 32 + crypto::kSealOverheadBytes;

// InvalidInput for a content key that is not 32 bytes or a kiosk key that is not a usable
// Ed25519 public key.
[[nodiscard]] PackageResult<std::vector<std::uint8_t>>
sealContentKeyToKiosk(const crypto::SecureBuffer& contentKey,
                      const crypto::SigningPublicKey& kioskKey);

// OtherKiosk when the bytes were sealed to another kiosk (or altered); Malformed for
// a length that is not kSealedContentKeyBytes.
[[nodiscard]] PackageResult<crypto::SecureBuffer>
openContentKeySealedToKiosk(std::span<const std::uint8_t> sealed,
                            const crypto::SigningKeyPair& kioskKeys);

} // namespace vigil::exam
