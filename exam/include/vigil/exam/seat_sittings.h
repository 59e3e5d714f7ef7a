#pragma once

#include "vigil/exam/sitting_state.h"
#include "vigil/store/database.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vigil::exam {

// What a seat assignment names, and so what its sittings carry in their Created event: the
// candidate, the assessment, the seat and the invigilated session. A resit on another day is
// another session, so another assignment.
struct AssignmentOfSeat {
    std::string candidateRegistration;
    std::string assessmentId;
    std::string seat;
    std::string sessionId;
};

// One sitting in the store, as far as the seat's rule needs it.
struct StoredSitting {
    std::string sittingId;
    AssignmentOfSeat assignment;
    SittingState state = SittingState::Locked; // as of the last event written
    std::int64_t createdWallMs = 0;            // the Created event's wall time, for people
};

enum class SeatSittingVerdict {
    NoSittingYet, // none, or only voided ones: a new sitting may be created
    Resume,       // the one live sitting (not voided, not resulted) goes on, whatever its state
    Completed,    // no live sitting and at least one with its result issued
    Refuse,       // more than one live sitting: the store is damaged; nothing may start
};

struct SeatSittingDecision {
    SeatSittingVerdict verdict = SeatSittingVerdict::NoSittingYet;
    std::string sittingId; // Resume: the sitting to load; Completed: the completed one
    std::string reason;    // Refuse: which sittings, in order of creation
};

// The rule for the sitting of a seat assignment: one assignment has at most one live sitting,
// and that one is always continued (an interrupted sitting is resumed whatever voided or
// completed sittings the store also holds). Voided sittings are history only. Sittings of
// other assignments are ignored. The answer depends only on which sittings exist, never on
// their ids or the order they are given in.
[[nodiscard]] SeatSittingDecision decideSeatSitting(std::span<const StoredSitting> sittings,
                                                    const AssignmentOfSeat& assignment);

// The store's sittings of this candidate, assessment and seat, with the session and creation
// time from each one's Created event. Throws SittingError (CorruptJournal) when one cannot be
// read.
[[nodiscard]] std::vector<StoredSitting> storedSittingsOf(store::Database& db,
                                                          const AssignmentOfSeat& assignment);

// decideSeatSitting over storedSittingsOf.
[[nodiscard]] SeatSittingDecision findSeatSitting(store::Database& db,
                                                  const AssignmentOfSeat& assignment);

} // namespace vigil::exam
