#include "vigil/console/invigilator_rules.h"

#include "vigil/exam/resit_policy.h"

namespace vigil::console {

exam::Invigilator eligibilityInvigilator(const SessionInvigilator& invigilator) {
    exam::Invigilator person;
    person.personId = invigilator.userId;
    person.fullName = invigilator.name;
    person.holdsIndustryQualificationInSubject = !invigilator.industryQualification.empty();
    person.isAssessor = invigilator.assessor;
    person.coordinatorAuthorisationReference = invigilator.assessorAuthorisation;
    return person;
}

std::optional<ConsoleFailure> checkInvigilatorFor(const SessionInvigilator& invigilator,
                                                  const exam::AssessmentMetadata& assessment,
                                                  const std::string& centreTimeZone,
                                                  exam::UtcInstant sessionStart) {
    // No candidate yet: with an empty candidate and history only the invigilator rules can
    // refuse, and only those are read.
    exam::EligibilityRequest request;
    request.assessment = assessment;
    request.sessionStart = sessionStart;
    request.invigilator = eligibilityInvigilator(invigilator);
    request.centreTimeZone = centreTimeZone;
    const auto decision = exam::checkEligibility(request, exam::ResitPolicy::compiledIn());

    std::string reasons;
    for (const auto& refused : decision.refusals) {
        if (refused.rule != exam::EligibilityRule::InvigilatorImpartiality &&
            refused.rule != exam::EligibilityRule::AssessorNotAuthorised) {
            continue;
        }
        if (!reasons.empty()) {
            reasons += " ";
        }
        reasons += refused.reason;
        if (refused.rule == exam::EligibilityRule::InvigilatorImpartiality) {
            reasons += " (recorded: holds an industry qualification in " +
                       invigilator.industryQualification + ")";
        }
    }
    if (reasons.empty()) {
        return std::nullopt;
    }
    return refusal(ConsoleError::InvigilatorRefused, reasons);
}

} // namespace vigil::console
