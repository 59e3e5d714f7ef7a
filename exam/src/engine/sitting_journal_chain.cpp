#include "vigil/exam/sitting_journal_chain.h"

namespace vigil::exam {

namespace {

template <class Integer> void appendLittleEndian(std::vector<std::uint8_t>& out, Integer value) {
    const auto bits = static_cast<std::make_unsigned_t<Integer>>(value);
    for (std::size_t byte = 0; byte < sizeof(Integer); ++byte) {
        out.push_back(static_cast<std::uint8_t>(bits >> (8 * byte)));
    }
}

void appendText(std::vector<std::uint8_t>& out, std::string_view text) {
    appendLittleEndian(out, static_cast<std::uint32_t>(text.size()));
    out.insert(out.end(), text.begin(), text.end());
}

std::span<const std::uint8_t> bytesOf(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string at(std::int64_t sequence) {
    return "event " + std::to_string(sequence);
}

JournalLinkFailure failure(JournalLinkError error, std::int64_t sequence, std::string detail) {
    return {error, sequence, std::move(detail)};
}

} // namespace

crypto::Digest journalGenesisHash(std::string_view sittingId) {
    std::vector<std::uint8_t> bytes;
    appendText(bytes, kJournalGenesisContext);
    appendText(bytes, sittingId);
    return crypto::blake2b(bytes);
}

JournalHead journalStart(std::string_view sittingId) {
    return {-1, journalGenesisHash(sittingId)};
}

crypto::Digest chainHashOf(const SittingEvent& event) {
    std::vector<std::uint8_t> context;
    appendText(context, kJournalEventContext);
    crypto::Blake2bState state;
    state.update(context);
    state.update(bytesOf(canonicalEventJson(event)));
    return state.finish();
}

JournalHead headAfter(const JournalHead& from, std::span<const SittingEvent> events) {
    if (events.empty()) {
        return from;
    }
    return {events.back().sequence, chainHashOf(events.back())};
}

std::vector<std::uint8_t> journalHeadSignedBytes(std::string_view sittingId,
                                                 const JournalHead& head) {
    std::vector<std::uint8_t> bytes;
    appendText(bytes, kJournalHeadContext);
    appendText(bytes, sittingId);
    appendLittleEndian(bytes, head.sequence);
    bytes.insert(bytes.end(), head.hash.begin(), head.hash.end());
    return bytes;
}

SignedJournalHead signJournalHead(std::string sittingId, const JournalHead& head,
                                  const crypto::SigningKeyPair& kioskKeys) {
    SignedJournalHead signedHead{std::move(sittingId), head, kioskKeys.publicKey, {}};
    signedHead.signature =
        crypto::sign(kioskKeys, journalHeadSignedBytes(signedHead.sittingId, head));
    return signedHead;
}

std::string_view describe(JournalLinkError error) noexcept {
    switch (error) {
    case JournalLinkError::WrongSitting:
        return "the signed head names another sitting";
    case JournalLinkError::WrongSigner:
        return "the journal is signed by another key";
    case JournalLinkError::BadSignature:
        return "the journal's signature does not verify";
    case JournalLinkError::Replayed:
        return "an event already received was sent again";
    case JournalLinkError::Fork:
        return "the journal differs from the one already verified";
    case JournalLinkError::Gap:
        return "events are missing";
    case JournalLinkError::BrokenLink:
        return "an event does not follow the one before it";
    case JournalLinkError::HeadMismatch:
        return "the events do not end where the journal was signed";
    }
    return "the journal does not verify";
}

JournalVerifier::JournalVerifier(std::string sittingId, const crypto::SigningPublicKey& kiosk)
    : JournalVerifier(sittingId, kiosk, journalStart(sittingId)) {}

JournalVerifier::JournalVerifier(std::string sittingId, const crypto::SigningPublicKey& kiosk,
                                 const JournalHead& verified)
    : sittingId_(std::move(sittingId))
    , kiosk_(kiosk)
    , head_(verified)
    , firstKnown_(verified.sequence) {
    known_.push_back(verified.hash);
}

std::optional<crypto::Digest> JournalVerifier::knownHashAt(std::int64_t sequence) const {
    if (sequence < firstKnown_ || sequence > head_.sequence) {
        return std::nullopt;
    }
    return known_[static_cast<std::size_t>(sequence - firstKnown_)];
}

Checked<JournalHead, JournalLinkFailure>
JournalVerifier::extend(std::span<const SittingEvent> events, const SignedJournalHead& signedHead) {
    const auto& signedAt = signedHead.head;
    if (signedHead.sittingId != sittingId_) {
        return failure(JournalLinkError::WrongSitting, signedAt.sequence,
                       "the head is signed for sitting '" + signedHead.sittingId + "', not '" +
                           sittingId_ + "'");
    }
    if (signedHead.signer != kiosk_) {
        return failure(JournalLinkError::WrongSigner, signedAt.sequence,
                       "the head at " + at(signedAt.sequence) + " is signed by key " +
                           crypto::toHex(crypto::keyIdOf(signedHead.signer)) + ", not by key " +
                           crypto::toHex(crypto::keyIdOf(kiosk_)));
    }
    if (!crypto::verifySignature(kiosk_, journalHeadSignedBytes(sittingId_, signedAt),
                                 signedHead.signature)) {
        return failure(JournalLinkError::BadSignature, signedAt.sequence,
                       "the signature of the head at " + at(signedAt.sequence) +
                           " does not verify");
    }

    JournalHead running = head_;
    std::vector<crypto::Digest> added;
    added.reserve(events.size());
    for (const auto& event : events) {
        const auto sequence = event.sequence;
        if (sequence <= head_.sequence) {
            const auto known = knownHashAt(sequence);
            if (known && *known != chainHashOf(event)) {
                return failure(JournalLinkError::Fork, sequence,
                               at(sequence) + " differs from the " + at(sequence) +
                                   " already verified");
            }
            return failure(JournalLinkError::Replayed, sequence,
                           at(sequence) + " was already verified (the journal is verified up to " +
                               at(head_.sequence) + ")");
        }
        if (sequence != running.sequence + 1) {
            return failure(JournalLinkError::Gap, running.sequence + 1,
                           at(running.sequence + 1) + " is missing (the next is " + at(sequence) +
                               ")");
        }
        if (event.previousHash != running.hash) {
            if (running.sequence == head_.sequence) {
                return failure(JournalLinkError::Fork, sequence,
                               at(sequence) + " does not follow " +
                                   (head_.sequence < 0 ? std::string("the start of the journal")
                                                       : at(head_.sequence)) +
                                   " as already verified");
            }
            return failure(JournalLinkError::BrokenLink, running.sequence,
                           at(sequence) + " does not follow " + at(running.sequence) + ": " +
                               at(running.sequence) +
                               " was altered, or an event was inserted or removed there");
        }
        running = {sequence, chainHashOf(event)};
        added.push_back(running.hash);
    }

    if (running != signedAt) {
        if (events.empty() && signedAt.sequence <= head_.sequence) {
            const auto known = knownHashAt(signedAt.sequence);
            if (known && *known != signedAt.hash) {
                return failure(JournalLinkError::Fork, signedAt.sequence,
                               "the head signed at " + at(signedAt.sequence) +
                                   " differs from the one already verified");
            }
            return failure(JournalLinkError::Replayed, signedAt.sequence,
                           "the head at " + at(signedAt.sequence) + " was already verified");
        }
        if (running.sequence < signedAt.sequence) {
            return failure(JournalLinkError::HeadMismatch, running.sequence + 1,
                           "the events end at " + at(running.sequence) +
                               " but the journal was signed at " + at(signedAt.sequence) + ": " +
                               at(running.sequence + 1) + " and any after it were removed");
        }
        if (running.sequence > signedAt.sequence) {
            return failure(JournalLinkError::HeadMismatch, signedAt.sequence + 1,
                           "the journal was signed at " + at(signedAt.sequence) + ": " +
                               at(signedAt.sequence + 1) + " and any after it were added");
        }
        return failure(JournalLinkError::HeadMismatch, running.sequence,
                       at(running.sequence) + " is not the event the journal was signed at: it "
                                              "was altered");
    }
    head_ = running;
    known_.insert(known_.end(), added.begin(), added.end());
    return head_;
}

} // namespace vigil::exam
