#include "vigil/crypto/aead.h"

#include "sodium_required.h"

#include <sodium.h>

namespace vigil::crypto {

static_assert(kAeadKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

SecureBuffer generateAeadKey() {
    detail::requireSodium();
    SecureBuffer key(kAeadKeyBytes);
    crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
    return key;
}

Result<std::vector<std::uint8_t>> aeadSeal(const SecureBuffer& key,
                                           std::span<const std::uint8_t> plaintext,
                                           std::span<const std::uint8_t> associatedData) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (key.size() != kAeadKeyBytes) {
        return Error::InvalidArgument;
    }
    if (plaintext.size() > crypto_aead_xchacha20poly1305_ietf_MESSAGEBYTES_MAX) {
        return Error::InvalidArgument;
    }
    std::vector<std::uint8_t> sealed(kAeadNonceBytes + plaintext.size() + kAeadTagBytes);
    // 192-bit nonces are safe to draw at random for any number of messages under one key.
    randombytes_buf(sealed.data(), kAeadNonceBytes);
    unsigned long long sealedLength = 0;
    if (crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data() + kAeadNonceBytes, &sealedLength,
                                                   plaintext.data(), plaintext.size(),
                                                   associatedData.data(), associatedData.size(),
                                                   nullptr, sealed.data(), key.data()) != 0) {
        return Error::InvalidArgument;
    }
    sealed.resize(kAeadNonceBytes + sealedLength);
    return sealed;
}

Result<SecureBuffer> aeadOpen(const SecureBuffer& key, std::span<const std::uint8_t> sealed,
                              std::span<const std::uint8_t> associatedData) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (key.size() != kAeadKeyBytes) {
        return Error::InvalidArgument;
    }
    if (sealed.size() < kAeadNonceBytes + kAeadTagBytes) {
        return Error::Truncated;
    }
    const auto nonce = sealed.first(kAeadNonceBytes);
    const auto ciphertext = sealed.subspan(kAeadNonceBytes);
    SecureBuffer plaintext(ciphertext.size() - kAeadTagBytes);
    unsigned long long plaintextLength = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            detail::writableOrScratch(plaintext.data()), &plaintextLength, nullptr,
            ciphertext.data(), ciphertext.size(), associatedData.data(), associatedData.size(),
            nonce.data(), key.data()) != 0) {
        return Error::AuthenticationFailed;
    }
    return plaintext;
}

} // namespace vigil::crypto
