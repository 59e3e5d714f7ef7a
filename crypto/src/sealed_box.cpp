#include "vigil/crypto/sealed_box.h"

#include "sodium_required.h"

#include <sodium.h>
#include <stdexcept>

namespace vigil::crypto {

static_assert(std::tuple_size_v<BoxPublicKey> == crypto_box_PUBLICKEYBYTES);
static_assert(kSealOverheadBytes == crypto_box_SEALBYTES);

BoxKeyPair generateBoxKeyPair() {
    detail::requireSodium();
    BoxKeyPair keys{{}, SecureBuffer(crypto_box_SECRETKEYBYTES)};
    crypto_box_keypair(keys.publicKey.data(), keys.secretKey.data());
    return keys;
}

std::vector<std::uint8_t> sealTo(const BoxPublicKey& recipient,
                                 std::span<const std::uint8_t> message) {
    detail::requireSodium();
    std::vector<std::uint8_t> sealed(message.size() + kSealOverheadBytes);
    if (crypto_box_seal(sealed.data(), message.data(), message.size(), recipient.data()) != 0) {
        // Only a low-order (e.g. all-zero) public key makes this fail: a broken key, not data.
        throw std::invalid_argument("the recipient's public key is not a usable X25519 key");
    }
    return sealed;
}

Result<SecureBuffer> openSealed(const BoxKeyPair& recipient, std::span<const std::uint8_t> sealed) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (recipient.secretKey.size() != crypto_box_SECRETKEYBYTES) {
        return Error::InvalidArgument;
    }
    if (sealed.size() < kSealOverheadBytes) {
        return Error::Truncated;
    }
    SecureBuffer message(sealed.size() - kSealOverheadBytes);
    if (crypto_box_seal_open(detail::writableOrScratch(message.data()), sealed.data(),
                             sealed.size(), recipient.publicKey.data(),
                             recipient.secretKey.data()) != 0) {
        return Error::AuthenticationFailed;
    }
    return message;
}

} // namespace vigil::crypto
