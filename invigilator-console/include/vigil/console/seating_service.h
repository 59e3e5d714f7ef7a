#pragma once

#include "vigil/console/candidate_roster.h"
#include "vigil/console/plan_layout.h"
#include "vigil/console/seating_plan.h"
#include "vigil/console/seating_store.h"
#include "vigil/exam/eligibility.h"
#include "vigil/exam/resit_policy.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// A session's seating plan as the console changes it: each change applied to the saved plan by
// SeatingPlan's rules and saved at once, and the centre's eligibility rules (exam/: two a day,
// the resit wait, attempts) run when a candidate is given a seat.
//
// Not checked here: who is asking. The console's facade checks the signed-in user's role and
// that the session is theirs before calling. The session itself (its start, the centre's time
// zone, its invigilators) is the core area's; callers pass what the rules need.
namespace vigil::console {

// What the eligibility rules need to know of the session.
struct SeatingSessionFacts {
    exam::UtcInstant start{};
    std::string centreTimeZone; // IANA id, e.g. "Europe/London"
    // Each is checked against the candidate (nobody invigilates their own assessment) and
    // against the assessment (impartiality, an assessor's authorisation).
    std::vector<exam::Invigilator> invigilators;
};

struct SeatRequest {
    std::string sessionId;
    std::string seat;
    std::string registrationNumber;
    exam::AssessmentMetadata assessment;           // the one named assessment for this seat
    std::vector<std::string> assessmentCategories; // e.g. "accredited-assessor"
    SeatingSessionFacts session;
    // The candidate's earlier attempts of any assessment, as the centre's records hold them
    // (results reach the console later, so they come in as data). Sittings planned in other
    // sessions of the same day count towards the day's two only if listed here.
    std::vector<exam::PastAttempt> history;
};

enum class SeatError {
    NoPlan,
    UnknownCandidate, // not a candidate of this session
    UnknownSeat,
    SeatTaken,
    CandidateAlreadySeated,
    NoAssessment,
    NotEligible,   // the centre's rules refuse: see the decision
    UnusableFacts, // the rules cannot be run: an unknown time zone, an attempt without its times
};
[[nodiscard]] std::string_view describe(SeatError error) noexcept;

struct SeatRefusal {
    SeatError error{};
    // For NotEligible: every refusing rule with its reason; otherwise empty.
    exam::EligibilityDecision decision;
    // What the invigilator reads: each rule's reason, each with from when it stops refusing in
    // the centre's local time ("Eligible from 16:05 GMT on Friday 4 December 2026."), the
    // latest of them when several refuse, or that waiting does not help; for UnusableFacts,
    // what was wrong.
    std::string explanation;

    // When the candidate becomes eligible; empty when waiting does not help or for a refusal
    // that is not the eligibility rules'.
    [[nodiscard]] std::optional<exam::UtcInstant> eligibleFrom() const {
        return error == SeatError::NotEligible ? decision.eligibleFrom() : std::nullopt;
    }
};

class SeatingService {
public:
    // The database must hold SeatingStore::schemaSql()'s tables.
    explicit SeatingService(store::Database& db,
                            const exam::ResitPolicy& policy = exam::ResitPolicy::compiledIn());

    // A new plan for the session, pre-filled with the seat labels of the enrolled PCs (e.g.
    // sync's EnrolledKiosk::seat), front row first.
    [[nodiscard]] PlanResult<SeatingPlan> createPlan(std::string_view sessionId, int rows,
                                                     int columns,
                                                     const std::vector<std::string>& seats);
    [[nodiscard]] std::optional<SeatingPlan> plan(std::string_view sessionId);

    [[nodiscard]] PlanResult<crypto::Done> movePc(std::string_view sessionId, std::string_view seat,
                                                  Place to);
    [[nodiscard]] PlanResult<crypto::Done> addPc(std::string_view sessionId,
                                                 const std::string& seat, Place place);
    // SeatingPlan::placeSpare, kept.
    [[nodiscard]] PlanResult<Place> placeSpare(std::string_view sessionId, const std::string& seat);
    [[nodiscard]] PlanResult<crypto::Done> removePc(std::string_view sessionId,
                                                    std::string_view seat);
    [[nodiscard]] PlanResult<crypto::Done> resize(std::string_view sessionId, int rows,
                                                  int columns);

    // The candidate to the seat for the named assessment, once the plan's rules and the
    // centre's eligibility rules allow it; the attempt number and whether it is chargeable are
    // kept with the assignment.
    [[nodiscard]] Checked<SeatAssignment, SeatRefusal> assign(const SeatRequest& request);
    [[nodiscard]] PlanResult<SeatAssignment> clear(std::string_view sessionId,
                                                   std::string_view seat);

    // Seats whose candidate is expected but whose PC is not among `connectedSeats` (the seat
    // labels the link reports connected), front row first.
    [[nodiscard]] PlanResult<std::vector<std::string>>
    expectedNotConnected(std::string_view sessionId, const std::set<std::string>& connectedSeats);

    // The plan as rows of cells with each seat's candidate and assessment.
    [[nodiscard]] PlanResult<PlanLayout>
    layout(std::string_view sessionId,
           const std::map<std::string, std::string>& assessmentTitles = {});

private:
    // Loads the plan, applies `apply` (a PlanResult<T> of the plan), keeps it when it applied.
    template <class Change>
    auto change(std::string_view sessionId, Change&& apply)
        -> std::invoke_result_t<Change, SeatingPlan&>;

    const exam::ResitPolicy& policy_;
    SeatingStore store_;
    CandidateRoster roster_;
};

} // namespace vigil::console
