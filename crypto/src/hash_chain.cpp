#include "vigil/crypto/hash_chain.h"

#include <string_view>

namespace vigil::crypto {

namespace {

constexpr std::string_view kDomain = "vigil.hashchain.v1";

template <class Unsigned> void appendLittleEndian(std::vector<std::uint8_t>& out, Unsigned value) {
    for (std::size_t byte = 0; byte < sizeof(Unsigned); ++byte) {
        out.push_back(static_cast<std::uint8_t>(value >> (8 * byte)));
    }
}

template <class Bytes> void appendBytes(std::vector<std::uint8_t>& out, const Bytes& bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

ChainVerdict broken(std::size_t index, ChainBreak kind, std::string reason) {
    return {false, index, std::move(reason), kind};
}

ChainVerdict verifyFrom(std::span<const ChainEntry> entries, const SigningPublicKey& signer,
                        std::uint64_t expectedSequence, Digest expectedPrevious) {
    const KeyId expectedSigner = keyIdOf(signer);
    for (std::size_t index = 0; index < entries.size(); ++index) {
        const ChainEntry& entry = entries[index];
        const std::string at = "entry " + std::to_string(index) + " (sequence " +
                               std::to_string(entry.sequence) + "): ";
        if (entry.sequence != expectedSequence) {
            return broken(index, ChainBreak::SequenceGap,
                          at + "expected sequence " + std::to_string(expectedSequence) +
                              "; an entry was removed, inserted or reordered");
        }
        if (entry.previousHash != expectedPrevious) {
            return broken(index, ChainBreak::PreviousHashMismatch,
                          at + "previousHash does not match the entry before it; the entry "
                               "before was altered or replaced");
        }
        if (entry.signerKeyId != expectedSigner) {
            return broken(index, ChainBreak::WrongSigner,
                          at + "signed by key " + toHex(entry.signerKeyId) + ", expected key " +
                              toHex(expectedSigner));
        }
        if (!verifySignature(signer, signedBytesOf(entry), entry.signature)) {
            return broken(index, ChainBreak::BadSignature,
                          at + "the signature does not verify; the entry was altered");
        }
        expectedSequence = entry.sequence + 1;
        expectedPrevious = entryHash(entry);
    }
    return {};
}

} // namespace

std::vector<std::uint8_t> signedBytesOf(const ChainEntry& entry) {
    std::vector<std::uint8_t> bytes;
    bytes.reserve(4 + kDomain.size() + 8 + 8 + entry.signerKeyId.size() +
                  entry.previousHash.size() + 8 + entry.payload.size());
    appendLittleEndian(bytes, static_cast<std::uint32_t>(kDomain.size()));
    appendBytes(bytes, kDomain);
    appendLittleEndian(bytes, entry.sequence);
    appendLittleEndian(bytes, static_cast<std::uint64_t>(entry.timeMs));
    appendBytes(bytes, entry.signerKeyId);
    appendBytes(bytes, entry.previousHash);
    appendLittleEndian(bytes, static_cast<std::uint64_t>(entry.payload.size()));
    appendBytes(bytes, entry.payload);
    return bytes;
}

Digest entryHash(const ChainEntry& entry) {
    Blake2bState state;
    state.update(signedBytesOf(entry));
    state.update(entry.signature);
    return state.finish();
}

HashChainWriter::HashChainWriter(const SigningKeyPair& keys, std::optional<ChainEntry> last)
    : keys_(keys)
    , signerKeyId_(keyIdOf(keys.publicKey)) {
    if (last) {
        nextSequence_ = last->sequence + 1;
        previousHash_ = entryHash(*last);
    }
}

ChainEntry HashChainWriter::append(std::span<const std::uint8_t> payload, std::int64_t timeMs) {
    ChainEntry entry;
    entry.sequence = nextSequence_;
    entry.timeMs = timeMs;
    entry.payload.assign(payload.begin(), payload.end());
    entry.previousHash = previousHash_;
    entry.signerKeyId = signerKeyId_;
    entry.signature = sign(keys_, signedBytesOf(entry));
    ++nextSequence_;
    previousHash_ = entryHash(entry);
    return entry;
}

ChainVerdict verifyChain(std::span<const ChainEntry> entries, const SigningPublicKey& signer) {
    return verifyFrom(entries, signer, 0, Digest{});
}

ChainVerdict verifyChain(std::span<const ChainEntry> entries, const SigningPublicKey& signer,
                         const ChainEntry& after) {
    return verifyFrom(entries, signer, after.sequence + 1, entryHash(after));
}

} // namespace vigil::crypto
