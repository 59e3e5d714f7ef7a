#include "vigil/exam/seat_sittings.h"

#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"

#include <algorithm>

namespace vigil::exam {

namespace {

bool sameAssignment(const AssignmentOfSeat& a, const AssignmentOfSeat& b) {
    return a.candidateRegistration == b.candidateRegistration && a.assessmentId == b.assessmentId &&
           a.seat == b.seat && a.sessionId == b.sessionId;
}

bool live(SittingState state) {
    return state != SittingState::Voided && state != SittingState::Resulted;
}

// Oldest first; the id only breaks a tie of wall times so the text is always the same.
bool createdBefore(const StoredSitting* a, const StoredSitting* b) {
    return a->createdWallMs != b->createdWallMs ? a->createdWallMs < b->createdWallMs
                                                : a->sittingId < b->sittingId;
}

} // namespace

SeatSittingDecision decideSeatSitting(std::span<const StoredSitting> sittings,
                                      const AssignmentOfSeat& assignment) {
    std::vector<const StoredSitting*> liveOnes;
    std::vector<const StoredSitting*> completed;
    for (const auto& sitting : sittings) {
        if (!sameAssignment(sitting.assignment, assignment)) {
            continue;
        }
        if (live(sitting.state)) {
            liveOnes.push_back(&sitting);
        } else if (sitting.state == SittingState::Resulted) {
            completed.push_back(&sitting);
        }
    }
    if (liveOnes.size() > 1) {
        std::sort(liveOnes.begin(), liveOnes.end(), createdBefore);
        std::string reason = "the store holds " + std::to_string(liveOnes.size()) +
                             " unfinished sittings of this seat's assignment (";
        for (std::size_t i = 0; i < liveOnes.size(); ++i) {
            reason += (i == 0 ? "" : ", ") + liveOnes[i]->sittingId + " " +
                      std::string(toString(liveOnes[i]->state));
        }
        return {SeatSittingVerdict::Refuse, {}, reason + ")"};
    }
    if (liveOnes.size() == 1) {
        return {SeatSittingVerdict::Resume, liveOnes.front()->sittingId, {}};
    }
    if (!completed.empty()) {
        std::sort(completed.begin(), completed.end(), createdBefore);
        return {SeatSittingVerdict::Completed, completed.front()->sittingId, {}};
    }
    return {};
}

std::vector<StoredSitting> storedSittingsOf(store::Database& db,
                                            const AssignmentOfSeat& assignment) {
    std::vector<StoredSitting> found;
    for (const auto& summary : SittingJournal::list(db)) {
        if (summary.candidateRegistration != assignment.candidateRegistration ||
            summary.assessmentId != assignment.assessmentId || summary.seat != assignment.seat) {
            continue;
        }
        // The session is named only in the Created event.
        const auto events = SittingJournal(db, summary.sittingId).load();
        if (events.empty() || events.front().kind != EventKind::Created || !events.front().header) {
            throw SittingError(SittingErrorCode::CorruptJournal,
                               "The sitting journal is damaged: sitting '" + summary.sittingId +
                                   "' has no Created event");
        }
        const auto& created = events.front();
        found.push_back({summary.sittingId,
                         {summary.candidateRegistration, summary.assessmentId, summary.seat,
                          created.header->sessionId},
                         summary.state,
                         created.wallMs});
    }
    return found;
}

SeatSittingDecision findSeatSitting(store::Database& db, const AssignmentOfSeat& assignment) {
    const auto sittings = storedSittingsOf(db, assignment);
    return decideSeatSitting(sittings, assignment);
}

} // namespace vigil::exam
