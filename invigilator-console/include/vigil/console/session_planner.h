#pragma once

#include "vigil/console/centre.h"
#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/console/session.h"
#include "vigil/console/signed_in.h"
#include "vigil/exam/clock.h"

#include <string>

namespace vigil::console {

// The coordinator sets sessions up: room, date, start time, invigilators from the centre's
// users and the imported assessments the session uses. Whenever an invigilator and an
// assessment come together on a session (at creation or added later), exam/'s invigilator
// rules run for that pair (checkInvigilatorFor) and a refusal gives the rule's sentence;
// nothing is stored then. Every change is recorded in the administration log.
class SessionPlanner {
public:
    SessionPlanner(ConsoleStore& store, const Centre& centre, const exam::Clock& clock);

    [[nodiscard]] ConsoleResult<Session> create(const SignedIn& by, const SessionPlan& plan);
    // Only while the session is planned.
    [[nodiscard]] ConsoleResult<Session> addInvigilator(const SignedIn& by,
                                                        const std::string& sessionId,
                                                        const InvigilatorChoice& choice);
    [[nodiscard]] ConsoleResult<Session> addAssessment(const SignedIn& by,
                                                       const std::string& sessionId,
                                                       const std::string& packageDigest);

private:
    [[nodiscard]] ConsoleResult<Session> plannedSession(const SignedIn& by,
                                                        const std::string& sessionId);
    void logAuthorisation(const SignedIn& by, const std::string& sessionId,
                          const SessionInvigilator& invigilator);

    store::Database& db_;
    const Centre& centre_;
    const exam::Clock& clock_;
};

} // namespace vigil::console
