#include "vigil/exam/kiosk_content_key.h"

#include "package_format.h"
#include "vigil/crypto/identity_box_key.h"

namespace vigil::exam {

static_assert(kSealedContentKeyBytes == detail::kSealedContentKeyBytes);

PackageResult<std::vector<std::uint8_t>>
sealContentKeyToKiosk(const crypto::SecureBuffer& contentKey,
                      const crypto::SigningPublicKey& kioskKey) {
    if (contentKey.size() != detail::kContentKeyBytes) {
        return PackageFailure{PackageError::InvalidInput, "a content key is 32 bytes"};
    }
    const auto recipient = crypto::boxPublicKeyOf(kioskKey);
    if (!recipient) {
        return PackageFailure{PackageError::InvalidInput,
                              "the kiosk key is not a usable Ed25519 public key"};
    }
    return crypto::sealTo(recipient.value(), contentKey.span());
}

PackageResult<crypto::SecureBuffer>
openContentKeySealedToKiosk(std::span<const std::uint8_t> sealed,
                            const crypto::SigningKeyPair& kioskKeys) {
    if (sealed.size() != kSealedContentKeyBytes) {
        return PackageFailure{PackageError::Malformed,
                              "a sealed content key is " + std::to_string(kSealedContentKeyBytes) +
                                  " bytes, got " + std::to_string(sealed.size())};
    }
    auto boxKeys = crypto::boxKeyPairOf(kioskKeys);
    if (!boxKeys) {
        return PackageFailure{PackageError::OtherKiosk, "this kiosk's key has no usable box key"};
    }
    auto opened = crypto::openSealed(boxKeys.value(), sealed);
    if (!opened) {
        return PackageFailure{PackageError::OtherKiosk, {}};
    }
    return std::move(opened).value();
}

} // namespace vigil::exam
