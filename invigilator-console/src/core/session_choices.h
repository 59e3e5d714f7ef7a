#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/session.h"
#include "vigil/console/signed_in.h"
#include "vigil/store/database.h"

#include <span>
#include <string>

// What the coordinator puts on a session, read from the store and checked: a user as the
// session's invigilator, an imported package as one of its assessments, and exam/'s
// invigilator rules over every pair.
namespace vigil::console::session_choices {

[[nodiscard]] ConsoleResult<SessionInvigilator> invigilator(store::Database& db, const SignedIn& by,
                                                            const InvigilatorChoice& choice);
[[nodiscard]] ConsoleResult<SessionAssessment> assessment(store::Database& db,
                                                          const std::string& packageDigest);
// InvigilatorRefused for the first pair the rules refuse, with the rules' sentences.
[[nodiscard]] std::optional<ConsoleFailure>
checkRules(std::span<const SessionInvigilator> invigilators,
           std::span<const SessionAssessment> assessments, const std::string& centreTimeZone,
           exam::UtcInstant sessionStart);

} // namespace vigil::console::session_choices
