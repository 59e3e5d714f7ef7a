#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/serialization.h"
#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// A sitting's journal is a hash chain. Every event carries, in its canonical bytes, the chain
// hash of the event before it (event 0: a genesis value bound to the sitting id), so the chain
// hash of event n depends on every event 0..n and an event cannot be altered, moved, inserted
// or removed without breaking the link after it. The head (the last event's sequence and chain
// hash) is signed by the kiosk's Ed25519 key in the same transaction as every append, so a
// journal cut short or extended by someone without that key no longer matches its signed head.
//
// Why not crypto/'s HashChainWriter as it is: it signs every entry, so every prefix of its
// chain verifies and a journal cut short would still look whole; it starts from an all-zero
// hash, not one naming the sitting; and its link sits in an envelope beside the payload,
// whereas here it must be inside the event's canonical bytes (what is stored, exported and sent
// to the console). This keeps its primitives and conventions instead (BLAKE2b-256, Ed25519,
// length-prefixed context tags, little-endian integers) and keeps only the latest head's
// signature, which a cut-off journal no longer matches.

// Context tags: each hash and signature says what it is, so no Vigil signature can be taken
// for another.
inline constexpr std::string_view kJournalGenesisContext = "vigil/journal-genesis/v1";
inline constexpr std::string_view kJournalEventContext = "vigil/journal-event/v1";
inline constexpr std::string_view kJournalHeadContext = "vigil/journal-head/v1";

// BLAKE2b-256 of (u32 length || kJournalGenesisContext || u32 length || sittingId): event 0's
// previousHash.
[[nodiscard]] crypto::Digest journalGenesisHash(std::string_view sittingId);
[[nodiscard]] JournalHead journalStart(std::string_view sittingId);
// BLAKE2b-256 of (u32 length || kJournalEventContext || canonicalEventJson(event)); the
// canonical bytes carry event.previousHash.
[[nodiscard]] crypto::Digest chainHashOf(const SittingEvent& event);
// The head after `events`, which must continue from `from` (no checks: see JournalVerifier).
[[nodiscard]] JournalHead headAfter(const JournalHead& from, std::span<const SittingEvent> events);

// The bytes signed: u32 length || kJournalHeadContext || u32 length || sittingId ||
// i64 sequence (little-endian, two's complement) || 32-byte head hash.
[[nodiscard]] std::vector<std::uint8_t> journalHeadSignedBytes(std::string_view sittingId,
                                                               const JournalHead& head);
[[nodiscard]] SignedJournalHead signJournalHead(std::string sittingId, const JournalHead& head,
                                                const crypto::SigningKeyPair& kioskKeys);

[[nodiscard]] std::string_view describe(JournalLinkError error) noexcept;

struct JournalLinkFailure {
    JournalLinkError error = JournalLinkError::BadSignature;
    std::int64_t sequence = -1; // the first sequence that does not verify
    std::string detail;         // a sentence naming the sequence(s)
};

// Checks, event by event, that a journal grows as one chain signed by one kiosk: what the
// console runs on each sitting's events as they arrive, and what load and import run on a
// whole journal. Holds the chain hashes it has verified so it can tell a replayed event from
// a fork.
class JournalVerifier {
public:
    // From the start of the sitting's journal.
    JournalVerifier(std::string sittingId, const crypto::SigningPublicKey& kiosk);
    // From a head verified earlier (e.g. the console's last acknowledged sequence).
    JournalVerifier(std::string sittingId, const crypto::SigningPublicKey& kiosk,
                    const JournalHead& verified);

    // Checks that `events` (in sequence order) continue the verified head and end exactly at
    // signedHead, signed by the kiosk. On success the verified head moves to signedHead.head;
    // on failure nothing changes.
    [[nodiscard]] Checked<JournalHead, JournalLinkFailure>
    extend(std::span<const SittingEvent> events, const SignedJournalHead& signedHead);

    [[nodiscard]] const JournalHead& head() const noexcept { return head_; }

private:
    [[nodiscard]] std::optional<crypto::Digest> knownHashAt(std::int64_t sequence) const;

    std::string sittingId_;
    crypto::SigningPublicKey kiosk_{};
    JournalHead head_;
    std::int64_t firstKnown_ = 0;       // sequence of known_.front()
    std::vector<crypto::Digest> known_; // chain hashes verified here, from firstKnown_ to head_
};

} // namespace vigil::exam
