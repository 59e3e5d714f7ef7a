#include "session_choices.h"

#include "user_table.h"
#include "vigil/console/invigilator_rules.h"
#include "vigil/exam/serialization.h"

namespace vigil::console::session_choices {
namespace {

constexpr std::size_t kMaxReferenceBytes = 100;

} // namespace

ConsoleResult<SessionInvigilator> invigilator(store::Database& db, const SignedIn& by,
                                              const InvigilatorChoice& choice) {
    const auto row = user_rows::find(db, choice.userId);
    if (!row) {
        return refusal(ConsoleError::UnknownUser, choice.userId);
    }
    if (choice.assessorAuthorisation.size() > kMaxReferenceBytes) {
        return refusal(ConsoleError::InvalidSession,
                       "an assessor's authorisation reference is at most 100 characters");
    }
    const auto& profile = row->profile;
    SessionInvigilator chosen{profile.userId,   profile.name, profile.industryQualification,
                              profile.assessor, {},           {}};
    if (profile.assessor && !choice.assessorAuthorisation.empty()) {
        chosen.assessorAuthorisation = choice.assessorAuthorisation;
        chosen.authorisedBy = by.userId();
    }
    return chosen;
}

ConsoleResult<SessionAssessment> assessment(store::Database& db, const std::string& packageDigest) {
    auto select = db.prepare("SELECT metadata FROM console_packages WHERE digest = ?");
    select.bind(1, packageDigest);
    if (!select.step()) {
        return refusal(ConsoleError::UnknownPackage, packageDigest);
    }
    const auto metadata = select.blob(0);
    auto read = exam::deserializeMetadata(metadata);
    if (!read) {
        return refusal(ConsoleError::UnknownPackage, packageDigest + ": " + read.error());
    }
    return SessionAssessment{packageDigest, std::move(read).value()};
}

std::optional<ConsoleFailure> checkRules(std::span<const SessionInvigilator> invigilators,
                                         std::span<const SessionAssessment> assessments,
                                         const std::string& centreTimeZone,
                                         exam::UtcInstant sessionStart) {
    for (const auto& invigilator : invigilators) {
        for (const auto& assessment : assessments) {
            if (auto refused = checkInvigilatorFor(invigilator, assessment.metadata, centreTimeZone,
                                                   sessionStart)) {
                return refused;
            }
        }
    }
    return std::nullopt;
}

} // namespace vigil::console::session_choices
