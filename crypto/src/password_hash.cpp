#include "vigil/crypto/password_hash.h"

#include "vigil/crypto/sodium.h"

#include <algorithm>
#include <array>
#include <sodium.h>

namespace vigil::crypto {

namespace {

// Argon2id cost for an invigilator's PIN + password, verified once per kiosk or console login.
//
// Chosen: 3 passes over 128 MiB (one lane, as crypto_pwhash_str fixes it).
// Measured with bench/argon2 (15 verify calls per row) on this project's 2-core build machine
// while it was shared with parallel builds, so the absolute numbers are inflated; the ratio
// to INTERACTIVE held at 3.4-3.8x in every run:
//     load ~3:  INTERACTIVE median 174 ms, Vigil 582 ms (p95 657), MODERATE 1558 ms
//     load ~6:  INTERACTIVE median 211 ms, Vigil 746 ms,           MODERATE 1949 ms
//     load ~10: INTERACTIVE median 249 ms, Vigil 951 ms (p95 1346), MODERATE 2306 ms
// INTERACTIVE takes ~57 ms on an idle machine of this kind (toolchain notes), which puts
// Vigil's choice near 200 ms idle; the process peaks at ~150 MiB resident while verifying.
// Re-run bench/argon2 on an idle centre PC before changing these numbers.
//
// Why: a PIN has little entropy and passwords are chosen by people, so the cost per guess
// offline (should the encrypted store and its key ever leak together) is what protects them;
// online guessing is already bounded by LoginThrottle. Memory is what makes GPU and ASIC
// guessing expensive, so this doubles INTERACTIVE's 64 MiB and adds a pass: about 3.5x the
// attacker's cost per guess, while a login stays around a fifth of a second on an idle machine like
// this one and under half a second on a centre PC twice as slow. MODERATE (256 MiB, ~9x
// INTERACTIVE) would approach a second there at every login, and 256 MiB beside the kiosk's Qt
// Quick process, for a margin the throttle and the store's encryption already provide.
constexpr unsigned long long kOpsLimit = 3;
constexpr std::size_t kMemLimit = std::size_t{128} * 1024 * 1024;

static_assert(kOpsLimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(kMemLimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE);

// crypto_pwhash_str_* want a NUL-terminated string; copy the stored hash into a fixed buffer
// so no allocation happens in the noexcept calls and an over-long value is refused early.
using HashText = std::array<char, crypto_pwhash_STRBYTES>;

bool toHashText(std::string_view storedHash, HashText& out) noexcept {
    if (storedHash.empty() || storedHash.size() >= out.size() ||
        storedHash.find('\0') != std::string_view::npos) {
        return false;
    }
    std::copy(storedHash.begin(), storedHash.end(), out.begin());
    out[storedHash.size()] = '\0';
    return true;
}

// crypto_pwhash_str writes a 16-byte salt and a 32-byte hash as unpadded base64, 22 and 43
// characters. libsodium's needs_rehash reads only the parameters and accepts a shortened hash
// whenever its last character happens to decode cleanly, so the lengths are checked here: a
// string cut short can never verify and must be replaced.
bool hasFullSaltAndHash(std::string_view storedHash) noexcept {
    const auto lastDollar = storedHash.rfind('$');
    if (lastDollar == std::string_view::npos || lastDollar == 0) {
        return false;
    }
    const auto saltDollar = storedHash.rfind('$', lastDollar - 1);
    return saltDollar != std::string_view::npos && lastDollar - saltDollar - 1 == 22 &&
           storedHash.size() - lastDollar - 1 == 43;
}

} // namespace

PasswordHashParameters passwordHashParameters() noexcept {
    return {kOpsLimit, kMemLimit};
}

Result<std::string> hashPassword(std::string_view secret) {
    if (!ensureSodium()) {
        return Error::SodiumInitFailed;
    }
    if (secret.empty() || secret.size() > crypto_pwhash_PASSWD_MAX) {
        return Error::InvalidArgument;
    }
    HashText text{};
    if (crypto_pwhash_str(text.data(), secret.data(), secret.size(), kOpsLimit, kMemLimit) != 0) {
        return Error::OutOfMemory; // the only way it fails with valid limits
    }
    return std::string(text.data());
}

bool verifyPassword(std::string_view storedHash, std::string_view secret) noexcept {
    HashText text{};
    if (!ensureSodium() || !toHashText(storedHash, text) || secret.empty()) {
        return false;
    }
    return crypto_pwhash_str_verify(text.data(), secret.data(), secret.size()) == 0;
}

bool passwordNeedsRehash(std::string_view storedHash) noexcept {
    HashText text{};
    if (!ensureSodium() || !toHashText(storedHash, text) || !hasFullSaltAndHash(storedHash)) {
        return true;
    }
    // 0: today's parameters; 1: other parameters; -1: not an Argon2id string at all.
    return crypto_pwhash_str_needs_rehash(text.data(), kOpsLimit, kMemLimit) != 0;
}

} // namespace vigil::crypto
