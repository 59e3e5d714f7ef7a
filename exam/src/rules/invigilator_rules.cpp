#include "invigilator_rules.h"

#include <QString>
#include <QStringList>

namespace vigil::exam::rules {
namespace {

// Names compared as a person reads them: case and spacing do not tell two people apart.
QString comparableName(const std::string& name) {
    return QString::fromStdString(name).simplified().toCaseFolded();
}

std::string invigilatorName(const Invigilator& invigilator) {
    return invigilator.fullName.empty() ? "The invigilator" : invigilator.fullName;
}

// What identifies the invigilator as the candidate, or empty when nothing does.
std::string sameAsCandidate(const Invigilator& invigilator, const Candidate& candidate) {
    QStringList matches;
    if (!invigilator.personId.empty() && invigilator.personId == candidate.personId) {
        matches
            << QStringLiteral("same person id %1").arg(QString::fromStdString(candidate.personId));
    }
    if (!invigilator.registrationNumber.empty() &&
        invigilator.registrationNumber == candidate.registrationNumber) {
        matches << QStringLiteral("same registration number %1")
                       .arg(QString::fromStdString(candidate.registrationNumber));
    }
    const QString name = comparableName(invigilator.fullName);
    if (!name.isEmpty() && name == comparableName(candidate.fullName)) {
        matches << QStringLiteral("same name");
    }
    return matches.join(QStringLiteral(", ")).toStdString();
}

} // namespace

void checkInvigilator(const EligibilityRequest& request, EligibilityDecision& decision) {
    const Invigilator& invigilator = request.invigilator;
    const std::string who = invigilatorName(invigilator);

    if (const std::string match = sameAsCandidate(invigilator, request.candidate); !match.empty()) {
        decision.refusals.push_back(
            {EligibilityRule::InvigilatorIsCandidate,
             who + " is recorded as the candidate (" + match +
                 "); nobody invigilates their own assessment. Assign another invigilator.",
             std::nullopt});
    }

    if (invigilator.holdsIndustryQualificationInSubject &&
        request.assessment.apprenticeshipStandard) {
        decision.refusals.push_back(
            {EligibilityRule::InvigilatorImpartiality,
             who + " holds an industry qualification in the subject of " + request.assessment.id +
                 ", an apprenticeship-standard assessment, and so may not invigilate it. "
                 "Assign another invigilator.",
             std::nullopt});
    }

    if (invigilator.isAssessor) {
        const QString reference =
            QString::fromStdString(invigilator.coordinatorAuthorisationReference).trimmed();
        if (reference.isEmpty()) {
            decision.refusals.push_back(
                {EligibilityRule::AssessorNotAuthorised,
                 who + " is an assessor; an assessor may invigilate only with the centre "
                       "coordinator's recorded authorisation, and none is recorded. Record the "
                       "authorisation or assign another invigilator.",
                 std::nullopt});
        } else {
            decision.assessorAuthorisationReference = reference.toStdString();
        }
    }
}

} // namespace vigil::exam::rules
