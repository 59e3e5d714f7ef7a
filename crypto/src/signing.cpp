#include "vigil/crypto/signing.h"

#include "sodium_required.h"
#include "vigil/crypto/hash.h"

#include <algorithm>
#include <sodium.h>
#include <stdexcept>

namespace vigil::crypto {

static_assert(std::tuple_size_v<SigningPublicKey> == crypto_sign_PUBLICKEYBYTES);
static_assert(std::tuple_size_v<Signature> == crypto_sign_BYTES);

SigningKeyPair generateSigningKeyPair() {
    detail::requireSodium();
    SigningKeyPair keys{{}, SecureBuffer(crypto_sign_SECRETKEYBYTES)};
    crypto_sign_keypair(keys.publicKey.data(), keys.secretKey.data());
    return keys;
}

Result<SigningKeyPair> signingKeyPairFromSeed(std::span<const std::uint8_t> seed32) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (seed32.size() != crypto_sign_SEEDBYTES) {
        return Error::InvalidArgument;
    }
    SigningKeyPair keys{{}, SecureBuffer(crypto_sign_SECRETKEYBYTES)};
    crypto_sign_seed_keypair(keys.publicKey.data(), keys.secretKey.data(), seed32.data());
    return keys;
}

KeyId keyIdOf(const SigningPublicKey& publicKey) {
    const Digest digest = blake2b(publicKey);
    KeyId id{};
    std::copy_n(digest.begin(), id.size(), id.begin());
    return id;
}

Signature sign(const SigningKeyPair& keys, std::span<const std::uint8_t> message) {
    detail::requireSodium();
    if (keys.secretKey.size() != crypto_sign_SECRETKEYBYTES) {
        // An empty (moved-from) or foreign key: signing with it would read out of bounds.
        throw std::invalid_argument("Ed25519 secret key must be 64 bytes");
    }
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                         keys.secretKey.data());
    return signature;
}

bool verifySignature(const SigningPublicKey& publicKey, std::span<const std::uint8_t> message,
                     const Signature& signature) noexcept {
    if (!ensureSodium()) {
        return false;
    }
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       publicKey.data()) == 0;
}

} // namespace vigil::crypto
