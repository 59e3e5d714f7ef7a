#include "vigil/exam/eligibility.h"

#include "centre_clock.h"
#include "invigilator_rules.h"

#include <algorithm>

namespace vigil::exam {
namespace {

using rules::CentreClock;
using rules::describeDuration;

void validate(const EligibilityRequest& request) {
    if (request.assessment.id.empty()) {
        throw EligibilityInputError("the proposed assessment has no assessment id");
    }
    if (request.assessment.kind == PackageKind::Practice) {
        throw EligibilityInputError(request.assessment.id +
                                    " is a practice quiz: practice is never booked for a session");
    }
    for (std::size_t index = 0; index < request.history.size(); ++index) {
        const PastAttempt& attempt = request.history[index];
        const std::string where = "attempt " + std::to_string(index + 1) + " of the history";
        if (attempt.assessmentId.empty()) {
            throw EligibilityInputError(where + " has no assessment id");
        }
        const bool decided =
            attempt.outcome == AttemptOutcome::Pass || attempt.outcome == AttemptOutcome::Fail;
        if (decided && !attempt.submittedAt) {
            throw EligibilityInputError(where + " (" + attempt.assessmentId +
                                        ") has a result but no submission time");
        }
        if (attempt.submittedAt && *attempt.submittedAt < attempt.startedAt) {
            throw EligibilityInputError(where + " (" + attempt.assessmentId +
                                        ") was submitted before it started");
        }
    }
}

std::string candidateName(const Candidate& candidate) {
    if (!candidate.fullName.empty()) {
        return candidate.fullName;
    }
    if (!candidate.registrationNumber.empty()) {
        return "Candidate " + candidate.registrationNumber;
    }
    return "The candidate";
}

std::string assessmentName(const AssessmentMetadata& assessment) {
    return assessment.title.empty() ? assessment.id : assessment.id + " (" + assessment.title + ")";
}

class Evaluation {
public:
    Evaluation(const EligibilityRequest& request, const ResitPolicy& policy)
        : request_(request)
        , policy_(policy)
        , clock_(request.centreTimeZone)
        , name_(candidateName(request.candidate))
        , assessment_(assessmentName(request.assessment)) {
        for (const PastAttempt& attempt : request.history) {
            if (attempt.kind == PackageKind::Practice) {
                continue; // practice never counts (PastAttempt::kind)
            }
            counted_.push_back(&attempt);
            if (attempt.assessmentId == request.assessment.id) {
                sameAssessment_.push_back(&attempt);
            }
        }
    }

    EligibilityDecision decide() {
        checkAlreadyPassed();
        checkAttemptInProgress();
        checkResitInterval();
        checkDailyLimit();
        rules::checkInvigilator(request_, decision_);
        countAttempts();
        decision_.resitPolicyRevision = policy_.revision();
        return std::move(decision_);
    }

private:
    void refuse(EligibilityRule rule, std::string reason, std::optional<UtcInstant> from) {
        decision_.refusals.push_back({rule, std::move(reason), from});
    }

    void checkAlreadyPassed() {
        for (const PastAttempt* attempt : sameAssessment_) {
            if (attempt->outcome == AttemptOutcome::Pass) {
                refuse(EligibilityRule::AlreadyPassed,
                       name_ + " passed " + assessment_ + " at " +
                           clock_.describe(*attempt->submittedAt) +
                           "; a passed assessment is not sat again.",
                       std::nullopt);
                return;
            }
        }
    }

    void checkAttemptInProgress() {
        for (const PastAttempt* attempt : sameAssessment_) {
            if (attempt->outcome == AttemptOutcome::InProgress) {
                refuse(EligibilityRule::AttemptInProgress,
                       name_ + " has an attempt at " + assessment_ + " in progress since " +
                           clock_.describe(attempt->startedAt) +
                           "; resume that attempt instead of starting a new one.",
                       std::nullopt);
                return;
            }
        }
    }

    void checkResitInterval() {
        const PastAttempt* latestFail = nullptr;
        for (const PastAttempt* attempt : sameAssessment_) {
            // Only a fail makes a candidate wait; a voided attempt is not a fail (see header).
            if (attempt->outcome == AttemptOutcome::Fail &&
                (!latestFail || *attempt->submittedAt > *latestFail->submittedAt)) {
                latestFail = attempt;
            }
        }
        if (!latestFail) {
            return;
        }
        const ResolvedResitInterval wait = policy_.intervalFor(
            request_.assessment.qualificationCode, request_.assessmentCategories);
        const UtcInstant from = *latestFail->submittedAt + wait.interval;
        if (request_.sessionStart >= from) {
            return;
        }
        std::string basis;
        if (!wait.grantedBy) {
            basis = "after a fail the same assessment may not be retaken for " +
                    describeDuration(wait.interval);
        } else {
            basis = std::string(wait.byCategory ? "assessments of category " : "qualification ") +
                    wait.grantedBy->key + " (" + wait.grantedBy->group + ") may be retaken " +
                    describeDuration(wait.interval) + " after a fail";
        }
        refuse(EligibilityRule::ResitInterval,
               name_ + " failed " + assessment_ + " at " +
                   clock_.describe(*latestFail->submittedAt) + "; " + basis + " (resit policy " +
                   policy_.revision() + "). Eligible from " + clock_.describe(from) + ".",
               from);
    }

    void checkDailyLimit() {
        const QDate day = clock_.localDate(request_.sessionStart);
        std::vector<const PastAttempt*> thatDay;
        for (const PastAttempt* attempt : counted_) {
            // A voided attempt is not one of the day's assessments (see header).
            if (attempt->outcome != AttemptOutcome::Void &&
                clock_.localDate(attempt->startedAt) == day) {
                thatDay.push_back(attempt);
            }
        }
        if (static_cast<int>(thatDay.size()) < kMaxAssessmentsPerLocalDay) {
            return;
        }
        std::sort(thatDay.begin(), thatDay.end(), [](const PastAttempt* a, const PastAttempt* b) {
            return a->startedAt < b->startedAt;
        });
        std::string started;
        for (const PastAttempt* attempt : thatDay) {
            started += (started.empty() ? "" : ", ") + attempt->assessmentId + " at " +
                       clock_.describeTime(attempt->startedAt);
        }
        const UtcInstant from = clock_.startOfNextLocalDay(request_.sessionStart);
        refuse(EligibilityRule::DailyLimit,
               name_ + " has already taken " + std::to_string(thatDay.size()) + " assessments on " +
                   CentreClock::describeDate(day) + " (" + started + ", centre time " +
                   clock_.zoneId() + "); a candidate takes at most " +
                   std::to_string(kMaxAssessmentsPerLocalDay) + " in one day. Eligible from " +
                   clock_.describe(from) + ".",
               from);
    }

    void countAttempts() {
        const auto counted =
            std::count_if(sameAssessment_.begin(), sameAssessment_.end(),
                          [](const PastAttempt* a) { return a->outcome != AttemptOutcome::Void; });
        decision_.attemptNumber = static_cast<int>(counted) + 1;
        decision_.chargeable = decision_.attemptNumber > 1 + kFreeResits;
    }

    const EligibilityRequest& request_;
    const ResitPolicy& policy_;
    CentreClock clock_;
    std::string name_;
    std::string assessment_;
    std::vector<const PastAttempt*> counted_; // the history without practice
    std::vector<const PastAttempt*> sameAssessment_;
    EligibilityDecision decision_;
};

} // namespace

std::string_view ruleId(EligibilityRule rule) {
    switch (rule) {
    case EligibilityRule::AlreadyPassed:
        return "already-passed";
    case EligibilityRule::AttemptInProgress:
        return "attempt-in-progress";
    case EligibilityRule::ResitInterval:
        return "resit-interval";
    case EligibilityRule::DailyLimit:
        return "daily-limit";
    case EligibilityRule::InvigilatorIsCandidate:
        return "invigilator-is-candidate";
    case EligibilityRule::InvigilatorImpartiality:
        return "invigilator-impartiality";
    case EligibilityRule::AssessorNotAuthorised:
        return "assessor-not-authorised";
    }
    return "unknown-rule";
}

const Refusal* EligibilityDecision::find(EligibilityRule rule) const {
    const auto found =
        std::find_if(refusals.begin(), refusals.end(),
                     [rule](const Refusal& refusal) { return refusal.rule == rule; });
    return found == refusals.end() ? nullptr : &*found;
}

std::optional<UtcInstant> EligibilityDecision::eligibleFrom() const {
    std::optional<UtcInstant> latest;
    for (const Refusal& refusal : refusals) {
        if (!refusal.eligibleFrom) {
            return std::nullopt;
        }
        latest = latest ? std::max(*latest, *refusal.eligibleFrom) : *refusal.eligibleFrom;
    }
    return latest;
}

EligibilityDecision checkEligibility(const EligibilityRequest& request, const ResitPolicy& policy) {
    validate(request);
    return Evaluation(request, policy).decide();
}

} // namespace vigil::exam
