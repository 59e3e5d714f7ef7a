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
// (sequence, timeMs, signerKeyId, previousHash, payload); entryHash is BLAKE2b over the same
// bytes plus the signature, and becomes the next entry's previousHash. The first entry's
// previousHash is all zeros. Persist every field: all of them are needed to verify.
struct ChainEntry {
    std::uint64_t sequence = 0; // 0, 1, 2, ... without gaps
    std::int64_t timeMs = 0;    // wall-clock milliseconds since the epoch, for people
    std::vector<std::uint8_t> payload;
    Digest previousHash{};
    Signature signature{};
    KeyId signerKeyId{}; // keyIdOf(the signer's public key): names who signed, checked first
};

// The exact bytes signed, version 1, all integers little-endian:
//   u32 length || "vigil.hashchain.v1"     (domain separation from every other signature)
//   u64 sequence || i64 timeMs (two's complement)
//   8 bytes signerKeyId || 32 bytes previousHash
//   u64 length || payload
[[nodiscard]] std::vector<std::uint8_t> signedBytesOf(const ChainEntry& entry);
// BLAKE2b-256 of signedBytesOf(entry) || signature.
[[nodiscard]] Digest entryHash(const ChainEntry& entry);

// Builds the next entry of a chain, given the last one (or none for the first). Keeps a
// reference to keys, which must outlive the writer.
class HashChainWriter {
public:
    HashChainWriter(const SigningKeyPair& keys, std::optional<ChainEntry> last);
    HashChainWriter(SigningKeyPair&& keys, std::optional<ChainEntry> last) = delete;
    [[nodiscard]] ChainEntry append(std::span<const std::uint8_t> payload, std::int64_t timeMs);

private:
    const SigningKeyPair& keys_;
    KeyId signerKeyId_{};
    std::uint64_t nextSequence_ = 0;
    Digest previousHash_{};
};

// Why a link is broken, in the order verifyChain checks each entry.
enum class ChainBreak {
    None,
    SequenceGap,          // sequence is not the one after the previous entry's
    PreviousHashMismatch, // previousHash is not the previous entry's entryHash
    WrongSigner,          // signerKeyId names a key other than the expected signer
    BadSignature,         // the signature does not verify: the entry was altered
};

struct ChainVerdict {
    bool intact = true;
    std::optional<std::uint64_t> firstBrokenSequence; // index into the entries given
    std::string reason;                               // empty when intact
    ChainBreak kind = ChainBreak::None;
};

// Checks sequence continuity, each previousHash link, the signer and each signature; reports
// the first entry that fails and why. Without `after`, entries must start the chain
// (sequence 0, zero previousHash); with it, entries must continue from that (trusted) entry.
[[nodiscard]] ChainVerdict verifyChain(std::span<const ChainEntry> entries,
                                       const SigningPublicKey& signer);
[[nodiscard]] ChainVerdict verifyChain(std::span<const ChainEntry> entries,
                                       const SigningPublicKey& signer, const ChainEntry& after);

} // namespace vigil::crypto
