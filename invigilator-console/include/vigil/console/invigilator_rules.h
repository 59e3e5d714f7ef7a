#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/session.h"
#include "vigil/exam/assessment.h"
#include "vigil/exam/eligibility.h"

#include <optional>
#include <string>

namespace vigil::console {

// exam/'s invigilator rules for one person and one assessment, applied when an invigilator is
// put on a session: impartiality (nobody holding an industry qualification in the subject
// invigilates an apprenticeship-standard assessment) and the assessor rule (an assessor only
// with the coordinator's recorded authorisation).
//
// The console records the qualification as the coordinator typed it ("holds an industry
// qualification in …") and cannot tell from that text whether it is the assessment's subject;
// it decides on the side of impartiality: any recorded qualification counts for every
// apprenticeship-standard assessment, and the refusal quotes it, so the coordinator sees why.

// The invigilator as exam::checkEligibility takes it (the seating plan passes this too).
[[nodiscard]] exam::Invigilator eligibilityInvigilator(const SessionInvigilator& invigilator);

// Nothing, or InvigilatorRefused with every rule's sentence.
[[nodiscard]] std::optional<ConsoleFailure>
checkInvigilatorFor(const SessionInvigilator& invigilator,
                    const exam::AssessmentMetadata& assessment, const std::string& centreTimeZone,
                    exam::UtcInstant sessionStart);

} // namespace vigil::console
