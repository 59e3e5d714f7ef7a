#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/assessment.h"
#include "vigil/exam/presentation_order.h"
#include "vigil/exam/scoring.h"
#include "vigil/exam/sitting_state.h"
#include "vigil/store/database.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// A sitting is its journal: an append-only list of events in the encrypted store, and the
// state is the fold of those events. Events are self-contained (no machine-local instants:
// timeUsedMs is the time spent InProgress so far), so a journal can move to a spare PC or to
// the console and replay there to the same state.
enum class EventKind {
    Created,             // carries the SittingHeader
    InvigilatorVerified, // actor
    CandidateConfirmed,  // actor
    Started,
    AnswerChanged,            // itemId, choiceIds (empty: answer cleared)
    FlagChanged,              // itemId, flagged
    Navigated,                // position (index into the presentation order)
    Paused,                   // actor, text = reason
    Resumed,                  // actor
    Interrupted,              // text = why (e.g. "kiosk restarted")
    ResumeAuthorised,         // actor
    ExtraTimeGranted,         // number = seconds, text = reason, actor
    Checkpoint,               // only the time used
    IncidentNoted,            // actor, text
    EarlySubmissionConfirmed, // number = unanswered items the candidate confirmed
    Submitted,
    TimedOut, // the timer submitted
    Resulted, // number = score in millionths, flagged = passed
    Voided,   // actor, text = reason
    // actor; number = the sequence of the last event the invigilator has seen at the seat.
    // Incidents after it still need their attention.
    IncidentsReviewed,
    ReferenceOpened, // text = the reference document's id (exam::ReferenceDocument)
    ReferenceClosed, // text = the reference document's id
    // The console moved the sitting to another PC: text = the seat it moved to, actor = the
    // console command. Written by the PC it leaves; nothing may follow it there.
    SittingMoved,
    // The sitting arrived on this PC with its journal: text = this PC's seat, actor = the console
    // command. Written by the PC it moves to, right after the imported events.
    SittingMovedHere,
};

[[nodiscard]] std::string_view toString(EventKind kind) noexcept;
[[nodiscard]] std::optional<EventKind> eventKindFromString(std::string_view text) noexcept;
// Kinds the console logs as incidents (pause, interruption, extra time, early submission,
// notes, void).
[[nodiscard]] bool isIncident(EventKind kind) noexcept;

// The state-machine action an event performs, if any (AnswerChanged performs none).
[[nodiscard]] std::optional<SittingAction> transitionOf(EventKind kind) noexcept;

// What a sitting was created with; the first event carries it.
struct SittingHeader {
    std::string sittingId;
    std::string sessionId;
    std::string candidateRegistration;
    std::string centreId;
    std::string seat;
    std::string assessmentId;
    std::string assessmentVersion;
    std::int64_t durationSeconds = 0;
    double passMarkPercent = 0.0;
    // The paper's best score in millionths (the sum of its items' maxScore), so a reader of the
    // journal alone (the console's record) can put Resulted's score out of it. 0: a journal
    // written before it was recorded.
    std::int64_t maxScoreMillionths = 0;
    NavigationMode navigation = NavigationMode::Nonlinear;
    std::uint64_t seed = 0;
    bool shuffleItems = true;
    std::vector<ItemPresentation> order; // derived from the seed, stored so replay never
                                         // depends on this build's shuffle
    // What the sitting was created from, as the awarding body can recompute them: BLAKE2b-256
    // of the seat assignment file's bytes and of the package file's bytes (packageDigest()).
    crypto::Digest assignmentDigest{};
    crypto::Digest packageDigest{};
    bool operator==(const SittingHeader&) const = default;
};

// One event. Only the fields its kind names (see EventKind) are meaningful; the rest stay empty.
struct SittingEvent {
    std::int64_t sequence = 0; // 0, 1, 2, ... without gaps
    EventKind kind = EventKind::Checkpoint;
    std::int64_t timeUsedMs = 0; // time spent InProgress when the event was written
    std::int64_t wallMs = 0;     // wall clock, for people only: never used for timing
    std::string itemId;
    std::vector<std::string> choiceIds;
    bool flagged = false;
    int position = 0;
    std::int64_t number = 0;
    std::string actor; // invigilator (or other user) id
    std::string text;
    // The chain hash of the event before this one (event 0: journalGenesisHash(sittingId)),
    // part of its canonical bytes: see sitting_journal_chain.h.
    crypto::Digest previousHash{};
    // Created only. Shared and behind a pointer: a sitting holds thousands of events and only
    // its first one carries the (large) header.
    std::shared_ptr<const SittingHeader> header;

    // Compares headers by value, not by pointer.
    bool operator==(const SittingEvent& other) const;
};

// The fold of a journal: everything the kiosk shows and the result record needs.
struct SittingSnapshot {
    SittingHeader header;
    SittingState state = SittingState::Locked;
    Answers answers; // only answered items
    std::set<std::string> flagged;
    int position = 0;
    std::int64_t timeUsedMs = 0;
    std::int64_t extraTimeSeconds = 0;
    int incidents = 0;
    std::optional<std::int64_t> startedWallMs;
    std::optional<std::int64_t> submittedWallMs;
    bool timedOut = false;
    std::string voidReason;
    std::string movedToSeat; // Moved: the seat the sitting moved to
    std::int64_t lastSequence = -1;
    std::int64_t reviewedThrough = -1; // see EventKind::IncidentsReviewed

    [[nodiscard]] std::int64_t timeAllowedMs() const {
        return (header.durationSeconds + extraTimeSeconds) * 1000;
    }
    bool operator==(const SittingSnapshot&) const = default;
};

// Throws what applyEvent would throw, changing nothing.
void checkEvent(const SittingSnapshot& snapshot, const SittingEvent& event);
// Applies one event to a snapshot. Throws SittingError (IllegalTransition, CorruptJournal,
// UnknownItem, ...) when the event may not follow; the snapshot is then unchanged.
void applyEvent(SittingSnapshot& snapshot, const SittingEvent& event);
// An IncidentNoted the invigilator has not reviewed at the seat: after the snapshot's
// reviewedThrough.
[[nodiscard]] bool awaitsReview(const SittingEvent& event, std::int64_t reviewedThrough) noexcept;
// The journal's incidents that await review, in journal order.
[[nodiscard]] std::vector<SittingEvent> unreviewedIncidents(std::span<const SittingEvent> events);
// Replays a whole journal from its Created event.
[[nodiscard]] SittingSnapshot replay(std::span<const SittingEvent> events);

// Canonical bytes of an event (compact JSON, sorted keys, previousHash included): what is
// stored, chained, exported and sent to the console.
[[nodiscard]] std::string canonicalEventJson(const SittingEvent& event);
[[nodiscard]] SittingEvent parseEventJson(std::string_view json); // throws CorruptJournal

// Where a journal's chain stands: its last event's sequence and chain hash (chainHashOf).
// Before the first event: sequence -1 and journalGenesisHash(sittingId).
struct JournalHead {
    std::int64_t sequence = -1;
    crypto::Digest hash{};
    bool operator==(const JournalHead&) const = default;
};

// The kiosk's Ed25519 signature over a sitting's head (see journalHeadSignedBytes).
struct SignedJournalHead {
    std::string sittingId;
    JournalHead head;
    crypto::SigningPublicKey signer{};
    crypto::Signature signature{};
    bool operator==(const SignedJournalHead&) const = default;
};

// SQL creating the `sittings` and `sitting_events` tables: put it into the app's store
// migrations, e.g. {.version = 3, .sql = vigil::exam::sittingSchemaSql()}, and
// sittingHeadSchemaSql() in a later one.
[[nodiscard]] std::string_view sittingSchemaSql() noexcept;
// SQL adding the signed head (sequence, hash, signer, signature) to `sittings`. Sittings
// written before it have none and do not load (CorruptJournal).
[[nodiscard]] std::string_view sittingHeadSchemaSql() noexcept;

struct SittingSummary {
    std::string sittingId;
    std::string candidateRegistration;
    std::string seat;
    std::string assessmentId;
    SittingState state = SittingState::Locked; // as of the last event written
    std::int64_t eventCount = 0;               // events stored: the last has sequence count - 1
};

// The store side of journals. Every append is one transaction: when it returns, the events
// survive kill -9 and power loss (the store's durability contract).
class SittingJournal {
public:
    SittingJournal(store::Database& db, std::string sittingId);

    [[nodiscard]] const std::string& sittingId() const noexcept { return sittingId_; }
    [[nodiscard]] bool exists();
    // The events as stored, unverified (e.g. to read the header of each sitting in a list).
    [[nodiscard]] std::vector<SittingEvent> load();
    // The stored events from sequence `first` on, at most `maxCount` of them, unverified: what
    // a reader that already holds the ones before (the link sending what is new) reads, at a
    // cost that does not grow with the journal's length.
    [[nodiscard]] std::vector<SittingEvent> loadFrom(std::int64_t first,
                                                     std::size_t maxCount = SIZE_MAX);
    // The events, verified: one chain from the sitting's genesis ending exactly at the stored
    // head, whose signature is the kiosk's. CorruptJournal naming the first sequence that does
    // not verify; SittingNotFound when there is no such sitting.
    [[nodiscard]] std::vector<SittingEvent> loadVerified(const crypto::SigningPublicKey& kiosk);
    [[nodiscard]] std::optional<SignedJournalHead> signedHead();
    // Appends events (the first append must start with Created) and records the new state, the
    // new signed head and, when given, the sealed result record (kept beside the sitting until
    // synced), all in one transaction.
    void append(std::span<const SittingEvent> events, SittingState newState,
                const SignedJournalHead& head, std::span<const std::uint8_t> sealedResult = {});
    [[nodiscard]] std::optional<std::vector<std::uint8_t>> sealedResult();

    [[nodiscard]] static std::vector<SittingSummary> list(store::Database& db);

private:
    store::Database& db_;
    std::string sittingId_;
};

// A journal as a portable document (JSON: format, version 2, sittingId, the signed head with
// the signer's public key, events with their chain links). Export verifies the stored journal
// first (against the signer named by its stored head).
[[nodiscard]] std::vector<std::uint8_t> exportJournal(store::Database& db,
                                                      const std::string& sittingId);
// Import verifies the chain and that the head is signed by `trustedSigner` (the kiosk the
// sitting comes from, as the importer knows it), that the journal replays, then stores it with
// its head signed by `localKeys` (the importing kiosk vouches for what it verified). Refusals
// are SittingErrors: CorruptJournal with link() naming a gap, a broken link, a head mismatch,
// another signer or a bad signature; SittingExists (link() Fork) when the store holds the
// sitting and the document differs from it at a sequence both have; SittingExists otherwise
// when the id is taken, so nothing is overwritten.
std::string importJournal(store::Database& db, std::span<const std::uint8_t> document,
                          const crypto::SigningPublicKey& trustedSigner,
                          const crypto::SigningKeyPair& localKeys);

// A journal document read and checked as importJournal checks it (chain, head signed by
// `trustedSigner`, replay), storing nothing: what a PC looks at before it takes a sitting on.
[[nodiscard]] SittingSnapshot readJournalDocument(std::span<const std::uint8_t> document,
                                                  const crypto::SigningPublicKey& trustedSigner);

// A sitting moved to this PC: who moved it and where it is now sat.
struct MoveArrival {
    std::string seat;  // this PC's seat
    std::string actor; // the console command that moved it
    std::int64_t wallMs = 0;
};
// importJournal for a sitting moved here from another PC (`trustedSigner` is that PC's key, as
// the console states it), with SittingMovedHere appended in the same transaction: the sitting
// lands Interrupted (an invigilator resumes it) and the store's seat for it becomes this PC's.
// IllegalTransition when the journal is not of a started sitting (not InProgress, Paused,
// Interrupted or Moved), besides importJournal's refusals.
std::string importMovedJournal(store::Database& db, std::span<const std::uint8_t> document,
                               const crypto::SigningPublicKey& trustedSigner,
                               const crypto::SigningKeyPair& localKeys, const MoveArrival& arrival);

// The portable document of a journal held as canonical event bytes and its signed head (the
// console's replica): what importJournal and importMovedJournal read.
[[nodiscard]] std::vector<std::uint8_t>
journalDocument(std::span<const std::string> canonicalEvents, const SignedJournalHead& head);

} // namespace vigil::exam
