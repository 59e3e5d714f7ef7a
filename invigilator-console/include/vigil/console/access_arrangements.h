#pragma once

#include "vigil/console/candidate.h"
#include "vigil/crypto/error.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/store/database.h"

#include <string>
#include <string_view>

// A candidate's access arrangements (extra time %, screen reader, computer reader, text size,
// coloured overlay) as the centre records them for a session: kept in the console's store and
// carried into the seat assignment the console issues for the candidate's seat, which the kiosk
// honours (exam::AccessibilityOptions, the fields `vigil-pack assign` writes). Like
// CandidateRoster, this class does not check who is asking: it is reached through a
// SessionDesk only.
namespace vigil::console {

// Empty when the arrangements can be carried by a seat assignment, else what is wrong
// ("extra time is 0 to 100%", "text size is 0 (normal), 1 (large) or 2 (largest)", "the
// overlay colour must be one of yellow, cream, ...").
[[nodiscard]] std::string checkArrangements(const exam::AccessibilityOptions& arrangements);

// "extra time 25%, computer reader, large text, cream overlay"; "none".
[[nodiscard]] std::string describeArrangements(const exam::AccessibilityOptions& arrangements);

class AccessArrangements {
public:
    // Its own table, a migration after SeatingStore's (ConsoleService::migrations()).
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    explicit AccessArrangements(store::Database& db)
        : db_(db) {}

    // Replaces the candidate's arrangements for the session: UnknownCandidate for a
    // registration number the session does not have, InvalidArrangement (checkArrangements)
    // for what no assignment can carry. All-default arrangements remove the row.
    [[nodiscard]] CandidateResult<crypto::Done> set(std::string_view sessionId,
                                                    std::string_view registrationNumber,
                                                    const exam::AccessibilityOptions& arrangements);
    // None recorded: the defaults (nothing arranged).
    [[nodiscard]] exam::AccessibilityOptions of(std::string_view sessionId,
                                                std::string_view registrationNumber);

private:
    store::Database& db_;
};

} // namespace vigil::console
