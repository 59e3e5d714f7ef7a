#pragma once

#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/assessment.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/result_record.h"
#include "vigil/exam/scoring.h"
#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/exam/sitting_state.h"
#include "vigil/store/database.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil::exam {

struct SittingSetup {
    std::string sittingId; // unique in the store; newSittingId() makes one
    std::string sessionId; // the invigilated session (room, date, invigilators) it belongs to
    std::string candidateRegistration;
    std::string centreId;
    std::string seat;
    std::optional<std::uint64_t> seed; // none: a random one (recorded in the journal)
    bool shuffleItems = true;
    // BLAKE2b-256 of the seat assignment file and of the package file (exam::packageDigest) the
    // sitting is delivered from; recorded in the journal and named by the result record.
    crypto::Digest assignmentDigest{};
    crypto::Digest packageDigest{};
};

[[nodiscard]] std::string newSittingId(); // 128 random bits, hex

struct IssuedResult {
    ScoreSummary score;               // what the candidate is shown when instantResult is set
    ResultRecord record;              // as signed
    std::vector<std::uint8_t> sealed; // also stored in the sitting's row
};

// One candidate's sitting of one assessment, live. Every call that changes anything appends
// its event(s) to the journal in one durable transaction BEFORE returning, and changes the
// in-memory state only after that write succeeded; an illegal call throws SittingError and
// writes nothing. Store failures propagate as store::StoreError, state unchanged.
//
// Time runs only in InProgress, measured on clock.monotonicNow(). Every event carries the time
// used so far; call checkpoint() every few seconds so a kill -9 costs the candidate at most
// that much (in their favour: the lost seconds are given back). Call tick() often (e.g. each
// second): it submits the sitting as timed out when the time is up.
//
// The journal is a hash chain whose head is signed with kioskKeys in the same transaction as
// every append (sitting_journal_chain.h), so whoever holds the store key but not the kiosk key
// cannot alter, insert, remove or cut off events unnoticed: load() verifies the whole chain.
//
// The Sitting keeps references to db, assessment, clock and kioskKeys: they must outlive it.
// References it returns (snapshot(), header(), presentationOrder(), events()) stay valid as long as
// the Sitting; the header and order never change after creation.
class Sitting {
public:
    // Writes the Created event. SittingExists if the id is taken; InvalidArgument when a field
    // of setup is empty (the digests included).
    [[nodiscard]] static Sitting create(store::Database& db, const Assessment& assessment,
                                        const SittingSetup& setup, const Clock& clock,
                                        const crypto::SigningKeyPair& kioskKeys);
    // Verifies the journal (CorruptJournal naming the first sequence that does not verify,
    // with SittingError::link() saying how; nothing is written then) and replays it. A sitting
    // that was InProgress or Paused comes back Interrupted (an Interrupted event is written) and
    // needs authoriseResume(). AssessmentMismatch when the assessment is not the one the
    // sitting was created with.
    [[nodiscard]] static Sitting load(store::Database& db, const Assessment& assessment,
                                      const std::string& sittingId, const Clock& clock,
                                      const crypto::SigningKeyPair& kioskKeys);

    Sitting(Sitting&&) noexcept;
    Sitting& operator=(Sitting&&) = delete;
    Sitting(const Sitting&) = delete;
    Sitting& operator=(const Sitting&) = delete;
    ~Sitting();

    // --- invigilator and lifecycle
    void verifyInvigilator(const std::string& invigilatorId);
    void confirmCandidate(const std::string& invigilatorId);
    void start();
    void pause(const std::string& reason, const std::string& invigilatorId);
    void resume(const std::string& invigilatorId);
    void authoriseResume(const std::string& invigilatorId);
    // Allowed before submission (access arrangements before start, or during the sitting).
    void grantExtraTime(std::chrono::seconds extra, const std::string& reason,
                        const std::string& invigilatorId);
    void noteIncident(const std::string& text, const std::string& invigilatorId);
    // The invigilator has seen, at the seat, every incident noted so far.
    void reviewIncidents(const std::string& invigilatorId);
    void voidSitting(const std::string& reason, const std::string& invigilatorId);
    // The console moved this sitting to `toSeat` (a spare PC): SittingMoved is written and from
    // then on nothing may change it here (IllegalTransition), also after a restart.
    void moveAway(const std::string& toSeat, const std::string& actor);

    // --- candidate (InProgress only; TimeUp once the time has run out)
    // Replaces the item's answer; an empty list clears it. Choices must be the item's own, at
    // most one for Single cardinality and at most maxChoices (0: unlimited).
    void answer(const std::string& itemId, const std::vector<std::string>& choiceIds);
    void setFlag(const std::string& itemId, bool flagged);
    // The candidate opened or closed one of the paper's reference documents (UnknownItem for
    // an id the assessment does not carry).
    void noteReferenceShown(const std::string& documentId, bool open);
    // position indexes presentationOrder(). Linear assessments cannot go back.
    void goTo(int position);
    // With unanswered items, confirmedUnanswered must equal unansweredCount(), else
    // UnansweredNeedsConfirmation (carrying the count). Records EarlySubmissionConfirmed then
    // Submitted in one transaction.
    void submit(std::optional<int> confirmedUnanswered = std::nullopt);

    // --- timer
    bool tick();       // true when this call submitted the sitting as timed out
    void checkpoint(); // records the time used (InProgress only; elsewhere a no-op), then tick()

    // --- result: Submitted -> Resulted. Scores, builds the record (naming the journal head it
    // is issued at and the assignment and package digests), signs it with the kiosk key, seals
    // it to the awarding body and stores it with the sitting.
    IssuedResult issueResult(const crypto::BoxPublicKey& awardingBody);

    // --- queries
    [[nodiscard]] const std::string& id() const noexcept;
    [[nodiscard]] SittingState state() const noexcept;
    [[nodiscard]] const SittingSnapshot& snapshot() const noexcept;
    [[nodiscard]] const SittingHeader& header() const noexcept;
    [[nodiscard]] const std::vector<ItemPresentation>& presentationOrder() const noexcept;
    [[nodiscard]] const Assessment& assessment() const noexcept;
    [[nodiscard]] std::chrono::milliseconds timeUsed() const;
    [[nodiscard]] std::chrono::milliseconds timeAllowed() const;
    [[nodiscard]] std::chrono::milliseconds timeLeft() const; // never negative
    [[nodiscard]] int unansweredCount() const;
    [[nodiscard]] std::vector<std::string> answerOf(const std::string& itemId) const;
    [[nodiscard]] bool isFlagged(const std::string& itemId) const;
    [[nodiscard]] int position() const noexcept;
    [[nodiscard]] const std::vector<SittingEvent>& events() const noexcept;
    // The chain head after the last event written (signed in the store).
    [[nodiscard]] const JournalHead& journalHead() const noexcept;

private:
    struct Impl;
    explicit Sitting(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace vigil::exam
