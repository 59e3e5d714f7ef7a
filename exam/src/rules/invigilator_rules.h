#pragma once

#include "vigil/exam/eligibility.h"

namespace vigil::exam::rules {

// Who may invigilate the seat: not the candidate, not an industry-qualified invigilator on an
// apprenticeship-standard assessment, and an assessor only with the coordinator's authorisation.
void checkInvigilator(const EligibilityRequest& request, EligibilityDecision& decision);

} // namespace vigil::exam::rules
