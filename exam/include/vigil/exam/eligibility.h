#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/resit_policy.h"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// The centre's eligibility rules: what the console checks before it assigns a candidate to a
// seat for one named assessment. Every rule is checked; a decision lists every refusal, each
// with the rule, a sentence for the coordinator and the instant from which waiting is enough.
//
// Decisions taken here, where the awarding body's rules leave room:
// - "Same assessment" is the same assessment id; a new package version of it is the same
//   assessment, so its attempts, fails and passes carry over.
// - Outcomes. A fail starts the resit wait from its submission. A pass is final: a centre does
//   not re-enter a candidate for an assessment they have passed (rule AlreadyPassed). An
//   attempt in progress (including one interrupted by an IT failure) is resumed, never started
//   again (rule AttemptInProgress). A voided attempt was annulled by the centre or awarding body
//   (wrong assessment launched, IT failure that could not be resumed): it is not a fail, not
//   an attempt for numbering or charging, and not one of the day's two assessments, because
//   an IT failure or the centre's mistake must not disadvantage the candidate.
// - The day limit counts every attempt started (in progress, passed or failed) on the same
//   calendar day, in the centre's local time, as the proposed session's start; a session that
//   runs past midnight belongs to the day it started. The day ends at local midnight (the start
//   of the next local day, which Qt's time-zone data places correctly on DST change days).
// - Invigilator = candidate is refused when the person ids match, when the registration numbers
//   match (the awarding body's number is unique to one person whatever the centre's records
//   say), and when the full names match after ignoring case and spacing: the console cannot
//   tell a namesake from the same person, and having another invigilator take the seat costs
//   far less than a candidate invigilating their own assessment.

using UtcInstant = std::chrono::sys_time<std::chrono::milliseconds>;

inline constexpr int kMaxAssessmentsPerLocalDay = 2;
inline constexpr int kFreeResits = 1; // attempts after 1 + kFreeResits are chargeable

enum class AttemptOutcome { InProgress, Pass, Fail, Void };

// One earlier attempt of the candidate, as the record holds it.
struct PastAttempt {
    std::string assessmentId;
    // For the record only: the proposed assessment's code decides the resit wait.
    std::string qualificationCode;
    UtcInstant startedAt{};
    std::optional<UtcInstant> submittedAt; // required for Pass and Fail
    AttemptOutcome outcome = AttemptOutcome::InProgress;
    // A practice quiz taken at a kiosk is never an attempt for these rules: not one of the
    // day's two, never a fail that starts a resit wait, never counted for charging. Practice
    // results stay on the kiosk and never reach the record; one in a history is ignored.
    PackageKind kind = PackageKind::Assessment;
};

struct Candidate {
    std::string personId;
    std::string registrationNumber; // the awarding body's candidate number
    std::string fullName;
};

struct Invigilator {
    std::string personId;
    std::string registrationNumber; // if they were ever registered as a candidate; may be empty
    std::string fullName;
    // Recorded by the centre coordinator for the subject of the proposed assessment.
    bool holdsIndustryQualificationInSubject = false;
    // An assessor acting as invigilator needs the coordinator's recorded authorisation; its
    // reference (e.g. "AUTH-2025-014") goes into the invigilation record.
    bool isAssessor = false;
    std::string coordinatorAuthorisationReference; // empty: none recorded
};

struct EligibilityRequest {
    Candidate candidate;
    std::vector<PastAttempt> history;
    AssessmentMetadata assessment;
    // Categories the resit policy lists beside qualification codes, e.g. "accredited-assessor".
    std::vector<std::string> assessmentCategories;
    UtcInstant sessionStart{};
    Invigilator invigilator;
    std::string centreTimeZone; // IANA id, e.g. "Europe/London"
};

enum class EligibilityRule {
    AlreadyPassed,
    AttemptInProgress,
    ResitInterval,
    DailyLimit,
    InvigilatorIsCandidate,
    InvigilatorImpartiality,
    AssessorNotAuthorised,
};

// Stable text id for records and logs, e.g. "resit-interval".
[[nodiscard]] std::string_view ruleId(EligibilityRule rule);

struct Refusal {
    EligibilityRule rule;
    std::string reason; // one or two sentences for a person, times in the centre's local time
    // From this instant this rule no longer refuses; empty when waiting does not help (the
    // assessment was passed, an attempt must be resumed, another invigilator is needed).
    std::optional<UtcInstant> eligibleFrom;
};

struct EligibilityDecision {
    std::vector<Refusal> refusals; // every rule that refused, in EligibilityRule order
    int attemptNumber = 1;         // 1 = first attempt, 2 = first resit, ...
    bool chargeable = false;       // a resit beyond the free one
    std::string resitPolicyRevision;
    std::string assessorAuthorisationReference; // set when an authorised assessor invigilates

    [[nodiscard]] bool eligible() const { return refusals.empty(); }
    [[nodiscard]] bool refusedBy(EligibilityRule rule) const { return find(rule) != nullptr; }
    [[nodiscard]] const Refusal* find(EligibilityRule rule) const;
    // For a refusal: the earliest instant from which none of these rules refuses, or empty
    // when some refusal cannot be waited out. Empty, too, when eligible() already.
    [[nodiscard]] std::optional<UtcInstant> eligibleFrom() const;
};

// The request itself is unusable: unknown time zone, an attempt without an assessment id, a
// pass or fail without a submission time, a practice quiz proposed (practice is never booked
// for an invigilated session). Refusals are not errors; this is.
class EligibilityInputError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

[[nodiscard]] EligibilityDecision checkEligibility(const EligibilityRequest& request,
                                                   const ResitPolicy& policy);

} // namespace vigil::exam
