#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/crypto/signing.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vigil::crypto {

// One entry of a tamper-evident append-only log. The signature covers
// (sequence, timeMs, payload, previousHash); entryHash is BLAKE2b over the same bytes plus the
// signature, and becomes the next entry's previousHash. The first entry's previousHash is
// all zeros.
struct ChainEntry {
    std::uint64_t sequence = 0; // 0, 1, 2, ... without gaps
    std::int64_t timeMs = 0;    // wall-clock milliseconds since the epoch, for people
    std::vector<std::uint8_t> payload;
    Digest previousHash{};
    Signature signature{};
};

[[nodiscard]] std::vector<std::uint8_t> signedBytesOf(const ChainEntry& entry);
[[nodiscard]] Digest entryHash(const ChainEntry& entry);

// Builds the next entry of a chain, given the last one (or none for the first).
class HashChainWriter {
public:
    HashChainWriter(const SigningKeyPair& keys, std::optional<ChainEntry> last);
    [[nodiscard]] ChainEntry append(std::span<const std::uint8_t> payload, std::int64_t timeMs);

private:
    const SigningKeyPair& keys_;
    std::uint64_t nextSequence_ = 0;
    Digest previousHash_{};
};

struct ChainVerdict {
    bool intact = true;
    std::optional<std::uint64_t> firstBrokenSequence; // index into the entries given
    std::string reason;                                // empty when intact
};

// Checks sequence continuity, each previousHash link and each signature; reports the first
// entry that fails and why.
[[nodiscard]] ChainVerdict verifyChain(std::span<const ChainEntry> entries,
                                       const SigningPublicKey& signer);

} // namespace vigil::crypto
