#include "vigil/crypto/key_files.h"

#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/sodium.h"

#include <algorithm>
#include <array>
#include <sodium.h>
#include <string>

namespace vigil::crypto {

// File layout (all sizes fixed by the kind, so nothing in the file says how long it is):
//   0   "VGLK"
//   4   format version, 1
//   5   kind (KeyFileKind)
//   6   key bytes:  signing key pair  64  libsodium's secret key (seed || public key)
//                   signing public    32
//                   box key pair      64  secret key (32) || public key (32)
//                   box public        32
//   ..  BLAKE2b-256 of every byte before it
namespace {

constexpr std::array<std::uint8_t, 4> kMagic{'V', 'G', 'L', 'K'};
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kKeyFileHeaderBytes = kMagic.size() + 2;
constexpr std::size_t kChecksumBytes = std::tuple_size_v<Digest>;
constexpr std::size_t kLargestKeyFile = kKeyFileHeaderBytes + 64 + kChecksumBytes;

enum class KeyFileKind : std::uint8_t {
    SigningKeyPair = 1,
    SigningPublicKey = 2,
    BoxKeyPair = 3,
    BoxPublicKey = 4,
};

std::size_t keyBytesOf(KeyFileKind kind) {
    switch (kind) {
    case KeyFileKind::SigningKeyPair:
        return crypto_sign_SECRETKEYBYTES;
    case KeyFileKind::SigningPublicKey:
        return crypto_sign_PUBLICKEYBYTES;
    case KeyFileKind::BoxKeyPair:
        return crypto_box_SECRETKEYBYTES + crypto_box_PUBLICKEYBYTES;
    case KeyFileKind::BoxPublicKey:
        return crypto_box_PUBLICKEYBYTES;
    }
    return 0;
}

bool isSecret(KeyFileKind kind) {
    return kind == KeyFileKind::SigningKeyPair || kind == KeyFileKind::BoxKeyPair;
}

Status saveKeyFile(const std::filesystem::path& path, KeyFileKind kind,
                   std::span<const std::uint8_t> keyBytes) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (keyBytes.size() != keyBytesOf(kind)) {
        return Error::InvalidArgument;
    }
    // Assembled in protected memory: for a key pair these bytes are the secret key.
    SecureBuffer file(kKeyFileHeaderBytes + keyBytes.size() + kChecksumBytes);
    std::uint8_t* out = std::copy(kMagic.begin(), kMagic.end(), file.data());
    *out++ = kVersion;
    *out++ = static_cast<std::uint8_t>(kind);
    out = std::copy(keyBytes.begin(), keyBytes.end(), out);
    const Digest checksum = blake2b(file.span().first(kKeyFileHeaderBytes + keyBytes.size()));
    std::copy(checksum.begin(), checksum.end(), out);
    return writeFileAtomically(path, file.span(), isSecret(kind) ? 0600 : 0644);
}

// Reads and checks a key file of the expected kind; returns its key bytes.
Result<SecureBuffer> loadKeyFile(const std::filesystem::path& path, KeyFileKind expected) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    // Read whole, straight into protected memory: for a key pair these bytes are the secret
    // key. A secret others could read has to be treated as disclosed, so it is refused rather
    // than used; an over-long file is not a key file.
    auto read = readSecretFile(path, SecretFileRule::atMost(kLargestKeyFile, isSecret(expected)));
    if (!read) {
        switch (read.error().error) {
        case FileReadError::NotFound:
            return Error::FileNotFound;
        case FileReadError::ReadableByOthers:
            return Error::FilePermissions;
        case FileReadError::NotARegularFile:
        case FileReadError::TooLarge:
        case FileReadError::TooSmall:
            return Error::UnknownFormat;
        case FileReadError::Io:
            return Error::Io;
        }
        return Error::Io;
    }
    const std::span<const std::uint8_t> content = read.value().span();

    if (content.size() < kKeyFileHeaderBytes) {
        // Cut inside the header: truncated if what is there is the start of a key file.
        const std::size_t magicPart = std::min(content.size(), kMagic.size());
        const bool startsLikeAKeyFile =
            std::equal(content.begin(), content.begin() + magicPart, kMagic.begin()) &&
            (content.size() <= kMagic.size() || content[kMagic.size()] == kVersion);
        return startsLikeAKeyFile ? Error::Truncated : Error::UnknownFormat;
    }
    if (!std::equal(kMagic.begin(), kMagic.end(), content.begin()) ||
        content[kMagic.size()] != kVersion) {
        return Error::UnknownFormat;
    }
    const auto kind = static_cast<KeyFileKind>(content[kMagic.size() + 1]);
    const std::size_t keyBytes = keyBytesOf(kind);
    if (keyBytes == 0) {
        return Error::UnknownFormat;
    }
    const std::size_t expectedSize = kKeyFileHeaderBytes + keyBytes + kChecksumBytes;
    if (content.size() < expectedSize) {
        return Error::Truncated;
    }
    if (content.size() > expectedSize) {
        return Error::UnknownFormat;
    }
    const Digest checksum = blake2b(content.first(kKeyFileHeaderBytes + keyBytes));
    if (!constantTimeEqual(checksum, content.last(kChecksumBytes))) {
        return Error::UnknownFormat; // damaged: the bytes no longer match their checksum
    }
    if (kind != expected) {
        return Error::KeyMismatch; // an intact key file, but of another kind
    }
    return SecureBuffer::copyOf(content.subspan(kKeyFileHeaderBytes, keyBytes));
}

} // namespace

Status saveSigningKeyPair(const std::filesystem::path& secretPath, const SigningKeyPair& keys) {
    if (keys.secretKey.size() != crypto_sign_SECRETKEYBYTES) {
        return Error::InvalidArgument;
    }
    // libsodium's secret key ends with the public key: a pair whose halves disagree is refused.
    if (!constantTimeEqual(keys.secretKey.span().last(crypto_sign_PUBLICKEYBYTES),
                           keys.publicKey)) {
        return Error::KeyMismatch;
    }
    return saveKeyFile(secretPath, KeyFileKind::SigningKeyPair, keys.secretKey.span());
}

Result<SigningKeyPair> loadSigningKeyPair(const std::filesystem::path& secretPath) {
    Result<SecureBuffer> secret = loadKeyFile(secretPath, KeyFileKind::SigningKeyPair);
    if (!secret) {
        return secret.error();
    }
    // Re-derive from the seed so a secret key whose halves disagree is never used to sign.
    SecureBuffer seed(crypto_sign_SEEDBYTES);
    crypto_sign_ed25519_sk_to_seed(seed.data(), secret.value().data());
    Result<SigningKeyPair> keys = signingKeyPairFromSeed(seed.span());
    if (keys && !keys.value().secretKey.equals(secret.value().span())) {
        return Error::KeyMismatch;
    }
    return keys;
}

Status saveSigningPublicKey(const std::filesystem::path& path, const SigningPublicKey& key) {
    return saveKeyFile(path, KeyFileKind::SigningPublicKey, key);
}

Result<SigningPublicKey> loadSigningPublicKey(const std::filesystem::path& path) {
    Result<SecureBuffer> bytes = loadKeyFile(path, KeyFileKind::SigningPublicKey);
    if (!bytes) {
        return bytes.error();
    }
    SigningPublicKey key{};
    std::copy_n(bytes.value().data(), key.size(), key.begin());
    return key;
}

Status saveBoxKeyPair(const std::filesystem::path& secretPath, const BoxKeyPair& keys) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (keys.secretKey.size() != crypto_box_SECRETKEYBYTES) {
        return Error::InvalidArgument;
    }
    BoxPublicKey derived{};
    if (crypto_scalarmult_base(derived.data(), keys.secretKey.data()) != 0 ||
        derived != keys.publicKey) {
        return Error::KeyMismatch;
    }
    SecureBuffer keyBytes(crypto_box_SECRETKEYBYTES + crypto_box_PUBLICKEYBYTES);
    std::copy_n(keys.secretKey.data(), crypto_box_SECRETKEYBYTES, keyBytes.data());
    std::copy(keys.publicKey.begin(), keys.publicKey.end(),
              keyBytes.data() + crypto_box_SECRETKEYBYTES);
    return saveKeyFile(secretPath, KeyFileKind::BoxKeyPair, keyBytes.span());
}

Result<BoxKeyPair> loadBoxKeyPair(const std::filesystem::path& secretPath) {
    Result<SecureBuffer> bytes = loadKeyFile(secretPath, KeyFileKind::BoxKeyPair);
    if (!bytes) {
        return bytes.error();
    }
    const std::span<const std::uint8_t> stored = bytes.value().span();
    BoxKeyPair keys{{}, SecureBuffer::copyOf(stored.first(crypto_box_SECRETKEYBYTES))};
    std::copy_n(stored.data() + crypto_box_SECRETKEYBYTES, keys.publicKey.size(),
                keys.publicKey.begin());
    BoxPublicKey derived{};
    if (crypto_scalarmult_base(derived.data(), keys.secretKey.data()) != 0 ||
        derived != keys.publicKey) {
        return Error::KeyMismatch;
    }
    return keys;
}

Status saveBoxPublicKey(const std::filesystem::path& path, const BoxPublicKey& key) {
    return saveKeyFile(path, KeyFileKind::BoxPublicKey, key);
}

Result<BoxPublicKey> loadBoxPublicKey(const std::filesystem::path& path) {
    Result<SecureBuffer> bytes = loadKeyFile(path, KeyFileKind::BoxPublicKey);
    if (!bytes) {
        return bytes.error();
    }
    BoxPublicKey key{};
    std::copy_n(bytes.value().data(), key.size(), key.begin());
    return key;
}

} // namespace vigil::crypto
