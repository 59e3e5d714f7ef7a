#pragma once

#include "vigil/console/access_arrangements.h"
#include "vigil/console/candidate_roster.h"
#include "vigil/console/incident_log.h"
#include "vigil/console/seating_service.h"
#include "vigil/console/session.h"

namespace vigil::console {

// One session as its invigilator works on it: its candidates, its seating plan and its incident
// log. Only ConsoleService::openSession makes one, after SessionRegistry::open checked that the
// signed-in user may see this session (the coordinator any, an invigilator their own), so
// seating and incidents are never reached around core's role checks.
class SessionDesk {
public:
    [[nodiscard]] const Session& session() const noexcept { return session_; }
    // What the eligibility rules need of the session (its start, time zone, invigilators).
    [[nodiscard]] const SeatingSessionFacts& facts() const noexcept { return facts_; }
    [[nodiscard]] CandidateRoster& candidates() noexcept { return candidates_; }
    [[nodiscard]] SeatingService& seating() noexcept { return seating_; }
    [[nodiscard]] IncidentLog& incidents() noexcept { return incidents_; }
    // The candidates' access arrangements, carried into their seat assignments.
    [[nodiscard]] AccessArrangements& arrangements() noexcept { return arrangements_; }

    // The candidate to the seat for one of this session's assessments (by id), under the plan's
    // and the centre's eligibility rules. Past attempts are not known to the console yet (results
    // reach it later), so only this session's plan counts towards the rules.
    [[nodiscard]] Checked<SeatAssignment, SeatRefusal> assign(const std::string& seat,
                                                              const std::string& registrationNumber,
                                                              const std::string& assessmentId);

private:
    friend class ConsoleService;
    SessionDesk(store::Database& db, const crypto::SigningKeyPair& consoleKeys, Session session,
                SeatingSessionFacts facts)
        : session_(std::move(session))
        , facts_(std::move(facts))
        , candidates_(db)
        , seating_(db)
        , incidents_(db, consoleKeys, session_.id)
        , arrangements_(db) {}

    Session session_;
    SeatingSessionFacts facts_;
    CandidateRoster candidates_;
    SeatingService seating_;
    IncidentLog incidents_;
    AccessArrangements arrangements_;
};

} // namespace vigil::console
