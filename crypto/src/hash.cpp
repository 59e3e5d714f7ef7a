#include "vigil/crypto/hash.h"

#include "sodium_required.h"

#include <new>
#include <sodium.h>
#include <stdexcept>

namespace vigil::crypto {

static_assert(std::tuple_size_v<Digest> == crypto_generichash_BYTES);

namespace {

crypto_generichash_state* stateIn(std::array<std::uint8_t, 384>& storage) {
    static_assert(sizeof(crypto_generichash_state) <= 384);
    static_assert(alignof(crypto_generichash_state) <= 64);
    return std::launder(reinterpret_cast<crypto_generichash_state*>(storage.data()));
}

} // namespace

Digest blake2b(std::span<const std::uint8_t> message) {
    return blake2b(message, {});
}

Digest blake2b(std::span<const std::uint8_t> message, std::span<const std::uint8_t> key) {
    detail::requireSodium();
    if (key.size() > crypto_generichash_KEYBYTES_MAX) {
        throw std::invalid_argument("BLAKE2b key longer than 64 bytes");
    }
    Digest digest{};
    if (crypto_generichash(digest.data(), digest.size(), message.data(), message.size(),
                           key.empty() ? nullptr : key.data(), key.size()) != 0) {
        throw std::invalid_argument("BLAKE2b rejected its parameters");
    }
    return digest;
}

Blake2bState::Blake2bState() {
    detail::requireSodium();
    new (state_.data()) crypto_generichash_state{};
    if (crypto_generichash_init(stateIn(state_), nullptr, 0, crypto_generichash_BYTES) != 0) {
        throw std::runtime_error("BLAKE2b state could not be initialised");
    }
}

void Blake2bState::update(std::span<const std::uint8_t> part) {
    if (!part.empty()) {
        crypto_generichash_update(stateIn(state_), part.data(), part.size());
    }
}

Digest Blake2bState::finish() {
    Digest digest{};
    crypto_generichash_final(stateIn(state_), digest.data(), digest.size());
    return digest;
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0'); // sodium_bin2hex writes a terminating NUL
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    hex.pop_back();
    return hex;
}

bool fromHex(std::string_view text, std::span<std::uint8_t> out) {
    if (text.size() != out.size() * 2) {
        return false;
    }
    if (out.empty()) {
        return true;
    }
    std::size_t written = 0;
    const char* end = nullptr;
    // sodium_hex2bin decodes in constant time, so parsing a hex-encoded secret leaks nothing.
    if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end) !=
            0 ||
        written != out.size() || end != text.data() + text.size()) {
        sodium_memzero(out.data(), out.size());
        return false;
    }
    return true;
}

} // namespace vigil::crypto
