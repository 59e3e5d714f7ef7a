#include "vigil/exam/sitting.h"

#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/presentation_order.h"
#include "vigil/exam/sitting_journal_chain.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace vigil::exam {

namespace {

[[noreturn]] void fail(SittingErrorCode code, const std::string& message) {
    throw SittingError(code, message);
}

void requireText(const std::string& value, const char* what) {
    if (value.empty()) {
        fail(SittingErrorCode::InvalidArgument, std::string(what) + " must not be empty");
    }
}

// The sitting's stored order must name exactly the assessment's items and choices.
void checkSameAssessment(const Assessment& assessment, const SittingHeader& header) {
    const auto mismatch = [&](const std::string& why) {
        fail(SittingErrorCode::AssessmentMismatch,
             "Sitting '" + header.sittingId + "' was created for " + header.assessmentId + " " +
                 header.assessmentVersion + ", not this assessment (" + why + ")");
    };
    if (assessment.metadata.id != header.assessmentId ||
        assessment.metadata.version != header.assessmentVersion) {
        mismatch("id or version differs");
    }
    if (assessment.items.size() != header.order.size()) {
        mismatch("number of items differs");
    }
    for (const auto& presented : header.order) {
        const auto* item = assessment.findItem(presented.itemId);
        if (item == nullptr) {
            mismatch("no item " + presented.itemId);
        }
        std::set<std::string> expected;
        for (const auto& choice : item->choices) {
            expected.insert(choice.identifier);
        }
        if (expected !=
            std::set<std::string>(presented.choiceOrder.begin(), presented.choiceOrder.end())) {
            mismatch("choices of " + presented.itemId + " differ");
        }
    }
}

} // namespace

std::string newSittingId() {
    const auto bytes = crypto::randomBytes(16);
    return crypto::toHex(bytes);
}

struct Sitting::Impl {
    Impl(store::Database& database, const Assessment& content, const Clock& time,
         const crypto::SigningKeyPair& keys, const std::string& sittingId)
        : assessment(content)
        , clock(time)
        , kioskKeys(keys)
        , journal(database, sittingId)
        , head(journalStart(sittingId)) {}

    const Assessment& assessment;
    const Clock& clock;
    const crypto::SigningKeyPair& kioskKeys;
    SittingJournal journal;
    JournalHead head; // after the last event written
    SittingSnapshot snapshot;
    std::vector<SittingEvent> events;
    // While InProgress in this process: time used when it (re)started and the monotonic
    // instant of that moment. Nothing else measures time.
    bool running = false;
    std::int64_t usedAtRunStart = 0;
    std::chrono::milliseconds runStart{0};

    [[nodiscard]] std::int64_t timeUsedNow() const {
        if (!running) {
            return snapshot.timeUsedMs;
        }
        const auto elapsed = (clock.monotonicNow() - runStart).count();
        return std::max(snapshot.timeUsedMs, usedAtRunStart + std::max<std::int64_t>(elapsed, 0));
    }

    [[nodiscard]] SittingEvent event(EventKind kind) const {
        SittingEvent e;
        e.kind = kind;
        e.timeUsedMs = timeUsedNow();
        e.wallMs = clock.wallNowMs();
        return e;
    }

    // Validates, writes durably, and only then changes the live state. The live snapshot is
    // changed in place, never replaced, so references to its header stay valid.
    // Each event is chained to the one before, and the new head is signed in the same
    // transaction, so the store never holds an unsigned tail.
    void commit(std::vector<SittingEvent> batch, std::span<const std::uint8_t> sealed = {}) {
        SittingState newState = snapshot.state;
        JournalHead next = head;
        for (auto& e : batch) {
            e.sequence = next.sequence + 1;
            e.previousHash = next.hash;
            next = {e.sequence, chainHashOf(e)};
        }
        if (batch.size() == 1) {
            checkEvent(snapshot, batch.front());
            if (const auto action = transitionOf(batch.front().kind)) {
                newState = *nextState(snapshot.state, *action); // checkEvent proved it legal
            }
        } else {
            SittingSnapshot after = snapshot; // rare (submission): validate the whole batch
            for (const auto& e : batch) {
                applyEvent(after, e);
            }
            newState = after.state;
        }
        journal.append(batch, newState, signJournalHead(journal.sittingId(), next, kioskKeys),
                       sealed);
        head = next;
        const bool wasRunning = running;
        for (const auto& e : batch) {
            applyEvent(snapshot, e);
        }
        events.insert(events.end(), std::make_move_iterator(batch.begin()),
                      std::make_move_iterator(batch.end()));
        running = snapshot.state == SittingState::InProgress;
        if (running && !wasRunning) {
            usedAtRunStart = snapshot.timeUsedMs;
            runStart = clock.monotonicNow();
        }
    }

    void commitOne(SittingEvent e) {
        std::vector<SittingEvent> batch;
        batch.push_back(std::move(e));
        commit(std::move(batch));
    }

    bool timeOutIfDue() {
        if (snapshot.state != SittingState::InProgress ||
            timeUsedNow() < snapshot.timeAllowedMs()) {
            return false;
        }
        auto e = event(EventKind::TimedOut);
        // The record says exactly the time allowed, however late the tick came.
        e.timeUsedMs = std::max(snapshot.timeUsedMs, snapshot.timeAllowedMs());
        commitOne(std::move(e));
        return true;
    }

    // Candidate actions: the clock is checked first, so nothing is accepted after time is up.
    void requireRunning(const char* what) {
        if (timeOutIfDue()) {
            fail(SittingErrorCode::TimeUp, "The time is up: the assessment has been submitted");
        }
        if (snapshot.state != SittingState::InProgress) {
            fail(SittingErrorCode::IllegalTransition, std::string(what) +
                                                          " is not allowed while the sitting is " +
                                                          std::string(toString(snapshot.state)));
        }
    }

    [[nodiscard]] int unanswered() const {
        return static_cast<int>(snapshot.header.order.size() - snapshot.answers.size());
    }
};

Sitting::Sitting(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
Sitting::Sitting(Sitting&&) noexcept = default;
Sitting::~Sitting() = default;

Sitting Sitting::create(store::Database& db, const Assessment& assessment,
                        const SittingSetup& setup, const Clock& clock,
                        const crypto::SigningKeyPair& kioskKeys) {
    requireText(setup.sittingId, "The sitting id");
    requireText(setup.sessionId, "The session id");
    requireText(setup.candidateRegistration, "The candidate's registration number");
    requireText(setup.centreId, "The centre id");
    requireText(setup.seat, "The seat");
    if (setup.assignmentDigest == crypto::Digest{} || setup.packageDigest == crypto::Digest{}) {
        fail(SittingErrorCode::InvalidArgument,
             "The digests of the seat assignment and the package must be given");
    }
    if (assessment.items.empty()) {
        fail(SittingErrorCode::InvalidArgument, "The assessment has no items");
    }
    if (assessment.metadata.durationSeconds <= 0) {
        fail(SittingErrorCode::InvalidArgument, "The assessment has no duration");
    }
    auto impl = std::make_unique<Impl>(db, assessment, clock, kioskKeys, setup.sittingId);
    if (impl->journal.exists()) {
        fail(SittingErrorCode::SittingExists,
             "Sitting '" + setup.sittingId + "' already exists in this store");
    }
    SittingHeader header;
    header.sittingId = setup.sittingId;
    header.sessionId = setup.sessionId;
    header.candidateRegistration = setup.candidateRegistration;
    header.centreId = setup.centreId;
    header.seat = setup.seat;
    header.assessmentId = assessment.metadata.id;
    header.assessmentVersion = assessment.metadata.version;
    header.durationSeconds = assessment.metadata.durationSeconds;
    header.passMarkPercent = assessment.metadata.passMarkPercent;
    for (const auto& item : assessment.items) {
        header.maxScoreMillionths += std::llround(item.maxScore * 1'000'000.0);
    }
    header.navigation = assessment.navigation;
    header.seed = setup.seed ? *setup.seed : crypto::randomUint64();
    header.shuffleItems = setup.shuffleItems;
    header.order = exam::presentationOrder(assessment, header.seed, setup.shuffleItems);
    header.assignmentDigest = setup.assignmentDigest;
    header.packageDigest = setup.packageDigest;
    auto created = impl->event(EventKind::Created);
    created.header = std::make_shared<const SittingHeader>(std::move(header));
    impl->commitOne(std::move(created));
    return Sitting(std::move(impl));
}

Sitting Sitting::load(store::Database& db, const Assessment& assessment,
                      const std::string& sittingId, const Clock& clock,
                      const crypto::SigningKeyPair& kioskKeys) {
    auto impl = std::make_unique<Impl>(db, assessment, clock, kioskKeys, sittingId);
    impl->events = impl->journal.loadVerified(kioskKeys.publicKey);
    if (impl->events.empty()) {
        fail(SittingErrorCode::SittingNotFound, "There is no sitting '" + sittingId + "'");
    }
    impl->head = headAfter(impl->head, impl->events);
    impl->snapshot = replay(impl->events);
    if (impl->snapshot.header.sittingId != sittingId) {
        fail(SittingErrorCode::CorruptJournal,
             "The sitting journal is damaged: it names sitting '" +
                 impl->snapshot.header.sittingId + "'");
    }
    checkSameAssessment(assessment, impl->snapshot.header);
    const auto state = impl->snapshot.state;
    if (state == SittingState::InProgress || state == SittingState::Paused) {
        auto interrupted = impl->event(EventKind::Interrupted);
        interrupted.text = state == SittingState::InProgress
                               ? "the kiosk restarted during the sitting"
                               : "the kiosk restarted while the sitting was paused";
        impl->commitOne(std::move(interrupted));
    }
    return Sitting(std::move(impl));
}

void Sitting::verifyInvigilator(const std::string& invigilatorId) {
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::InvigilatorVerified);
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::confirmCandidate(const std::string& invigilatorId) {
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::CandidateConfirmed);
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::start() {
    impl_->commitOne(impl_->event(EventKind::Started));
}

void Sitting::pause(const std::string& reason, const std::string& invigilatorId) {
    requireText(reason, "The reason for a pause");
    requireText(invigilatorId, "The invigilator id");
    if (impl_->timeOutIfDue()) {
        fail(SittingErrorCode::TimeUp, "The time is up: the assessment has been submitted");
    }
    auto e = impl_->event(EventKind::Paused);
    e.text = reason;
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::resume(const std::string& invigilatorId) {
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::Resumed);
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::authoriseResume(const std::string& invigilatorId) {
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::ResumeAuthorised);
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::grantExtraTime(std::chrono::seconds extra, const std::string& reason,
                             const std::string& invigilatorId) {
    if (extra.count() <= 0) {
        fail(SittingErrorCode::InvalidArgument, "Extra time must be a positive number of seconds");
    }
    requireText(reason, "The reason for extra time");
    requireText(invigilatorId, "The invigilator id");
    // Time that ran out before this call cannot be given back by extra time.
    if (impl_->timeOutIfDue()) {
        fail(SittingErrorCode::TimeUp, "The time is up: the assessment has been submitted");
    }
    auto e = impl_->event(EventKind::ExtraTimeGranted);
    e.number = extra.count();
    e.text = reason;
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::noteIncident(const std::string& text, const std::string& invigilatorId) {
    requireText(text, "An incident note");
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::IncidentNoted);
    e.text = text;
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::reviewIncidents(const std::string& invigilatorId) {
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::IncidentsReviewed);
    e.number = impl_->snapshot.lastSequence;
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::voidSitting(const std::string& reason, const std::string& invigilatorId) {
    requireText(reason, "The reason for voiding");
    requireText(invigilatorId, "The invigilator id");
    auto e = impl_->event(EventKind::Voided);
    e.text = reason;
    e.actor = invigilatorId;
    impl_->commitOne(std::move(e));
}

void Sitting::moveAway(const std::string& toSeat, const std::string& actor) {
    requireText(toSeat, "The seat it moves to");
    requireText(actor, "Who moved it");
    auto e = impl_->event(EventKind::SittingMoved);
    e.text = toSeat;
    e.actor = actor;
    impl_->commitOne(std::move(e));
}

void Sitting::answer(const std::string& itemId, const std::vector<std::string>& choiceIds) {
    impl_->requireRunning("Answering");
    const auto* item = impl_->assessment.findItem(itemId);
    if (item == nullptr) {
        fail(SittingErrorCode::UnknownItem, "There is no item '" + itemId + "' in this sitting");
    }
    const auto allowed = item->cardinality == Cardinality::Single ? 1 : item->maxChoices;
    if (allowed > 0 && static_cast<int>(choiceIds.size()) > allowed) {
        fail(SittingErrorCode::TooManyChoices, "Item '" + itemId + "' takes at most " +
                                                   std::to_string(allowed) +
                                                   (allowed == 1 ? " answer" : " answers"));
    }
    auto e = impl_->event(EventKind::AnswerChanged);
    e.itemId = itemId;
    e.choiceIds = choiceIds;
    impl_->commitOne(std::move(e));
}

void Sitting::setFlag(const std::string& itemId, bool flagged) {
    impl_->requireRunning("Flagging");
    auto e = impl_->event(EventKind::FlagChanged);
    e.itemId = itemId;
    e.flagged = flagged;
    impl_->commitOne(std::move(e));
}

void Sitting::noteReferenceShown(const std::string& documentId, bool open) {
    impl_->requireRunning(open ? "Opening reference material" : "Closing reference material");
    const auto& documents = impl_->assessment.referenceDocuments;
    if (std::none_of(documents.begin(), documents.end(),
                     [&](const ReferenceDocument& d) { return d.id == documentId; })) {
        fail(SittingErrorCode::UnknownItem,
             "There is no reference document '" + documentId + "' in this sitting");
    }
    auto e = impl_->event(open ? EventKind::ReferenceOpened : EventKind::ReferenceClosed);
    e.text = documentId;
    impl_->commitOne(std::move(e));
}

void Sitting::goTo(int position) {
    impl_->requireRunning("Moving between questions");
    auto e = impl_->event(EventKind::Navigated);
    e.position = position;
    impl_->commitOne(std::move(e));
}

void Sitting::submit(std::optional<int> confirmedUnanswered) {
    impl_->requireRunning("Submitting");
    const int unanswered = impl_->unanswered();
    std::vector<SittingEvent> batch;
    if (unanswered > 0) {
        if (confirmedUnanswered != unanswered) {
            throw SittingError(SittingErrorCode::UnansweredNeedsConfirmation,
                               std::to_string(unanswered) +
                                   (unanswered == 1 ? " question is" : " questions are") +
                                   " unanswered: confirmation needed",
                               unanswered);
        }
        auto confirmed = impl_->event(EventKind::EarlySubmissionConfirmed);
        confirmed.number = unanswered;
        batch.push_back(std::move(confirmed));
    }
    batch.push_back(impl_->event(EventKind::Submitted));
    impl_->commit(std::move(batch));
}

bool Sitting::tick() {
    return impl_->timeOutIfDue();
}

void Sitting::checkpoint() {
    if (impl_->timeOutIfDue() || impl_->snapshot.state != SittingState::InProgress) {
        return;
    }
    impl_->commitOne(impl_->event(EventKind::Checkpoint));
}

IssuedResult Sitting::issueResult(const crypto::BoxPublicKey& awardingBody) {
    const auto& kioskKeys = impl_->kioskKeys;
    const auto& s = impl_->snapshot;
    if (!nextState(s.state, SittingAction::IssueResult)) {
        fail(SittingErrorCode::IllegalTransition,
             "A result cannot be issued while the sitting is " + std::string(toString(s.state)));
    }
    IssuedResult issued;
    issued.score = scoreAssessment(impl_->assessment, s.answers);
    auto& record = issued.record;
    record.sittingId = s.header.sittingId;
    record.sessionId = s.header.sessionId;
    record.candidateRegistration = s.header.candidateRegistration;
    record.centreId = s.header.centreId;
    record.seat = s.header.seat;
    record.assessmentId = s.header.assessmentId;
    record.assessmentVersion = s.header.assessmentVersion;
    record.startedWallMs = s.startedWallMs.value_or(0);
    record.submittedWallMs = s.submittedWallMs.value_or(0);
    record.timeUsedMs = s.timeUsedMs;
    record.timedOut = s.timedOut;
    record.score = issued.score.score;
    record.maxScore = issued.score.maxScore;
    record.percentage = issued.score.percentage;
    record.passed = issued.score.passed;
    for (const auto& presented : s.header.order) {
        const auto found = s.answers.find(presented.itemId);
        const auto scored =
            std::find_if(issued.score.items.begin(), issued.score.items.end(),
                         [&](const ItemScore& item) { return item.itemId == presented.itemId; });
        record.responses.push_back(
            {presented.itemId,
             found == s.answers.end() ? std::vector<std::string>{} : found->second, scored->score,
             scored->maxScore});
    }
    record.incidents = s.incidents;
    for (const auto& document : impl_->assessment.referenceDocuments) {
        record.referenceMaterial.push_back(document.id);
    }
    record.journalSequence = impl_->head.sequence;
    record.journalHead = impl_->head.hash;
    record.assignmentDigest = s.header.assignmentDigest;
    record.packageDigest = s.header.packageDigest;
    record.kioskKeyId = crypto::keyIdOf(kioskKeys.publicKey);
    issued.sealed = sealResultRecord(record, kioskKeys, awardingBody);

    auto resulted = impl_->event(EventKind::Resulted);
    resulted.number = std::llround(issued.score.score * 1'000'000.0);
    resulted.flagged = issued.score.passed;
    std::vector<SittingEvent> batch;
    batch.push_back(std::move(resulted));
    impl_->commit(std::move(batch), issued.sealed);
    return issued;
}

const std::string& Sitting::id() const noexcept {
    return impl_->journal.sittingId();
}
SittingState Sitting::state() const noexcept {
    return impl_->snapshot.state;
}
const SittingSnapshot& Sitting::snapshot() const noexcept {
    return impl_->snapshot;
}
const SittingHeader& Sitting::header() const noexcept {
    return impl_->snapshot.header;
}
const std::vector<ItemPresentation>& Sitting::presentationOrder() const noexcept {
    return impl_->snapshot.header.order;
}
const Assessment& Sitting::assessment() const noexcept {
    return impl_->assessment;
}

std::chrono::milliseconds Sitting::timeUsed() const {
    return std::chrono::milliseconds(impl_->timeUsedNow());
}

std::chrono::milliseconds Sitting::timeAllowed() const {
    return std::chrono::milliseconds(impl_->snapshot.timeAllowedMs());
}

std::chrono::milliseconds Sitting::timeLeft() const {
    return std::chrono::milliseconds(
        std::max<std::int64_t>(0, impl_->snapshot.timeAllowedMs() - impl_->timeUsedNow()));
}

int Sitting::unansweredCount() const {
    return impl_->unanswered();
}

std::vector<std::string> Sitting::answerOf(const std::string& itemId) const {
    const auto found = impl_->snapshot.answers.find(itemId);
    return found == impl_->snapshot.answers.end() ? std::vector<std::string>{} : found->second;
}

bool Sitting::isFlagged(const std::string& itemId) const {
    return impl_->snapshot.flagged.contains(itemId);
}

int Sitting::position() const noexcept {
    return impl_->snapshot.position;
}

const std::vector<SittingEvent>& Sitting::events() const noexcept {
    return impl_->events;
}

const JournalHead& Sitting::journalHead() const noexcept {
    return impl_->head;
}

} // namespace vigil::exam
