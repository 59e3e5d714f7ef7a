#include "vigil/crypto/secret_stream.h"

#include "sodium_required.h"

#include <algorithm>
#include <sodium.h>
#include <stdexcept>

namespace vigil::crypto {

namespace {

constexpr std::size_t kHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kChunkOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kSealedChunkBytes = kSecretStreamChunkBytes + kChunkOverhead;

// Wipes the stream state (it holds the derived subkey) on every way out.
class StreamState {
public:
    StreamState() = default;
    StreamState(const StreamState&) = delete;
    StreamState& operator=(const StreamState&) = delete;
    ~StreamState() { sodium_memzero(&state_, sizeof state_); }
    crypto_secretstream_xchacha20poly1305_state* get() { return &state_; }

private:
    crypto_secretstream_xchacha20poly1305_state state_{};
};

} // namespace

std::vector<std::uint8_t> secretStreamEncrypt(const SecureBuffer& key,
                                              std::span<const std::uint8_t> plain) {
    detail::requireSodium();
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
        throw std::invalid_argument("secretstream key must be 32 bytes");
    }
    const std::size_t chunkCount =
        plain.empty() ? 1 : (plain.size() + kSecretStreamChunkBytes - 1) / kSecretStreamChunkBytes;
    std::vector<std::uint8_t> sealed(kHeaderBytes + plain.size() + chunkCount * kChunkOverhead);

    StreamState state;
    crypto_secretstream_xchacha20poly1305_init_push(state.get(), sealed.data(), key.data());
    std::size_t in = 0;
    std::size_t out = kHeaderBytes;
    for (std::size_t chunk = 0; chunk < chunkCount; ++chunk) {
        const std::size_t length = std::min(kSecretStreamChunkBytes, plain.size() - in);
        const bool last = chunk + 1 == chunkCount;
        const unsigned char tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        unsigned long long written = 0;
        crypto_secretstream_xchacha20poly1305_push(state.get(), sealed.data() + out, &written,
                                                   plain.data() + in, length, nullptr, 0, tag);
        in += length;
        out += written;
    }
    return sealed;
}

Result<SecureBuffer> secretStreamDecrypt(const SecureBuffer& key,
                                         std::span<const std::uint8_t> sealed) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
        return Error::InvalidArgument;
    }
    if (sealed.size() <= kHeaderBytes) {
        return Error::Truncated; // not even one chunk, let alone the FINAL one
    }
    // The encoder cuts every chunk but the last at exactly kSealedChunkBytes, so the chunk
    // boundaries, and the plaintext size, follow from the total size alone.
    const std::size_t body = sealed.size() - kHeaderBytes;
    const std::size_t chunkCount = (body + kSealedChunkBytes - 1) / kSealedChunkBytes;
    const std::size_t lastChunk = body - (chunkCount - 1) * kSealedChunkBytes;
    if (lastChunk < kChunkOverhead) {
        return Error::AuthenticationFailed; // cut inside a chunk's tag
    }

    StreamState state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(state.get(), sealed.data(), key.data()) !=
        0) {
        return Error::AuthenticationFailed;
    }
    SecureBuffer plain(body - chunkCount * kChunkOverhead);
    std::size_t in = kHeaderBytes;
    std::size_t out = 0;
    for (std::size_t chunk = 0; chunk < chunkCount; ++chunk) {
        const std::size_t length = std::min(kSealedChunkBytes, sealed.size() - in);
        unsigned long long written = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(
                state.get(), detail::writableOrScratch(plain.data() + out), &written, &tag,
                sealed.data() + in, length, nullptr, 0) != 0) {
            return Error::AuthenticationFailed;
        }
        in += length;
        out += written;
        const bool last = chunk + 1 == chunkCount;
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL && !last) {
            return Error::AuthenticationFailed; // bytes appended after the end of the stream
        }
        if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL &&
            tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
            return Error::UnknownFormat; // authentic, but written by something other than us
        }
        if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            return Error::Truncated; // every chunk authentic, but the stream stops early
        }
    }
    return plain;
}

} // namespace vigil::crypto
