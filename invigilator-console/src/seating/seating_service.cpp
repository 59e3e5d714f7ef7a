#include "vigil/console/seating_service.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <algorithm>
#include <stdexcept>

namespace vigil::console {
namespace {

SeatError asSeatError(PlanError error) {
    switch (error) {
    case PlanError::UnknownSeat:
        return SeatError::UnknownSeat;
    case PlanError::SeatTaken:
        return SeatError::SeatTaken;
    case PlanError::CandidateAlreadySeated:
        return SeatError::CandidateAlreadySeated;
    case PlanError::NoAssessment:
        return SeatError::NoAssessment;
    case PlanError::NoPlan:
        return SeatError::NoPlan;
    default:
        throw std::logic_error("assigning a seat cannot fail with: " +
                               std::string(describe(error)));
    }
}

SeatRefusal refusal(SeatError error, std::string explanation = {}) {
    if (explanation.empty()) {
        explanation = std::string(describe(error));
    }
    return {error, {}, std::move(explanation)};
}

// "16:05 GMT on Friday 4 December 2026", as the centre's staff read a time.
std::string localTime(exam::UtcInstant instant, const std::string& timeZone) {
    const QTimeZone zone(QByteArray::fromStdString(timeZone));
    const QDateTime local =
        QDateTime::fromMSecsSinceEpoch(instant.time_since_epoch().count(), zone);
    const QLocale c = QLocale::c();
    return (c.toString(local, QStringLiteral("HH:mm")) + ' ' + zone.abbreviation(local) +
            QStringLiteral(" on ") + c.toString(local, QStringLiteral("dddd d MMMM yyyy")))
        .toStdString();
}

// Every invigilator is checked; the candidate's own rules refuse the same way each time, so a
// rule is listed once.
exam::EligibilityDecision decide(exam::EligibilityRequest request,
                                 const std::vector<exam::Invigilator>& invigilators,
                                 const exam::ResitPolicy& policy) {
    if (invigilators.empty()) {
        return exam::checkEligibility(request, policy);
    }
    std::optional<exam::EligibilityDecision> merged;
    for (const exam::Invigilator& invigilator : invigilators) {
        request.invigilator = invigilator;
        exam::EligibilityDecision decision = exam::checkEligibility(request, policy);
        if (!merged) {
            merged = std::move(decision);
            continue;
        }
        for (exam::Refusal& refusal : decision.refusals) {
            if (!merged->refusedBy(refusal.rule) ||
                refusal.rule == exam::EligibilityRule::InvigilatorIsCandidate ||
                refusal.rule == exam::EligibilityRule::InvigilatorImpartiality ||
                refusal.rule == exam::EligibilityRule::AssessorNotAuthorised) {
                merged->refusals.push_back(std::move(refusal));
            }
        }
    }
    std::stable_sort(
        merged->refusals.begin(), merged->refusals.end(),
        [](const exam::Refusal& a, const exam::Refusal& b) { return a.rule < b.rule; });
    return std::move(*merged);
}

std::string explain(const RosterCandidate& candidate, const SeatRequest& request,
                    const exam::EligibilityDecision& decision) {
    std::string text = candidate.name + " (" + candidate.registrationNumber + ") cannot take " +
                       request.assessment.id + " at this session.";
    for (const exam::Refusal& refusal : decision.refusals) {
        text += ' ' + refusal.reason;
    }
    const auto from = decision.eligibleFrom();
    if (from && decision.refusals.size() > 1) {
        // Each reason gives its own date; the candidate needs the latest.
        text += " Eligible for this assignment from " +
                localTime(*from, request.session.centreTimeZone) + '.';
    } else if (!from) {
        text += " Waiting does not make this assignment possible.";
    }
    return text;
}

} // namespace

std::string_view describe(SeatError error) noexcept {
    switch (error) {
    case SeatError::NoPlan:
        return describe(PlanError::NoPlan);
    case SeatError::UnknownCandidate:
        return describe(CandidateError::UnknownCandidate);
    case SeatError::UnknownSeat:
        return describe(PlanError::UnknownSeat);
    case SeatError::SeatTaken:
        return describe(PlanError::SeatTaken);
    case SeatError::CandidateAlreadySeated:
        return describe(PlanError::CandidateAlreadySeated);
    case SeatError::NoAssessment:
        return describe(PlanError::NoAssessment);
    case SeatError::NotEligible:
        return "the centre's rules do not allow this candidate to take this assessment now";
    case SeatError::UnusableFacts:
        return "the eligibility rules cannot be checked with what is known of the session and "
               "the candidate";
    }
    return "unknown assignment error";
}

SeatingService::SeatingService(store::Database& db, const exam::ResitPolicy& policy)
    : policy_(policy)
    , store_(db)
    , roster_(db) {}

PlanResult<SeatingPlan> SeatingService::createPlan(std::string_view sessionId, int rows,
                                                   int columns,
                                                   const std::vector<std::string>& seats) {
    if (store_.load(sessionId)) {
        return PlanError::PlanExists;
    }
    auto plan = SeatingPlan::create(rows, columns, seats);
    if (plan) {
        store_.save(sessionId, plan.value());
    }
    return plan;
}

std::optional<SeatingPlan> SeatingService::plan(std::string_view sessionId) {
    return store_.load(sessionId);
}

template <class Change>
auto SeatingService::change(std::string_view sessionId, Change&& apply)
    -> std::invoke_result_t<Change, SeatingPlan&> {
    auto plan = store_.load(sessionId);
    if (!plan) {
        return PlanError::NoPlan;
    }
    auto changed = apply(*plan);
    if (changed) {
        store_.save(sessionId, *plan);
    }
    return changed;
}

PlanResult<crypto::Done> SeatingService::movePc(std::string_view sessionId, std::string_view seat,
                                                Place to) {
    return change(sessionId, [&](SeatingPlan& plan) { return plan.movePc(seat, to); });
}

PlanResult<crypto::Done> SeatingService::addPc(std::string_view sessionId, const std::string& seat,
                                               Place place) {
    return change(sessionId, [&](SeatingPlan& plan) { return plan.addPc(seat, place); });
}

PlanResult<Place> SeatingService::placeSpare(std::string_view sessionId, const std::string& seat) {
    return change(sessionId, [&](SeatingPlan& plan) { return plan.placeSpare(seat); });
}

PlanResult<crypto::Done> SeatingService::removePc(std::string_view sessionId,
                                                  std::string_view seat) {
    return change(sessionId, [&](SeatingPlan& plan) { return plan.removePc(seat); });
}

PlanResult<crypto::Done> SeatingService::resize(std::string_view sessionId, int rows, int columns) {
    return change(sessionId, [&](SeatingPlan& plan) { return plan.resize(rows, columns); });
}

Checked<SeatAssignment, SeatRefusal> SeatingService::assign(const SeatRequest& request) {
    auto plan = store_.load(request.sessionId);
    if (!plan) {
        return refusal(SeatError::NoPlan);
    }
    const auto candidate = roster_.find(request.sessionId, request.registrationNumber);
    if (!candidate) {
        return refusal(SeatError::UnknownCandidate);
    }
    SeatAssignment assignment{request.seat, candidate->registrationNumber, request.assessment.id, 1,
                              false};
    // The plan's own rules first: no point weighing eligibility for a seat that is taken.
    SeatingPlan trial = *plan;
    if (const auto tried = trial.assign(assignment); !tried) {
        return refusal(asSeatError(tried.error()));
    }

    exam::EligibilityRequest eligibility;
    eligibility.candidate = {{}, candidate->registrationNumber, candidate->name};
    eligibility.history = request.history;
    eligibility.assessment = request.assessment;
    eligibility.assessmentCategories = request.assessmentCategories;
    eligibility.sessionStart = request.session.start;
    eligibility.centreTimeZone = request.session.centreTimeZone;
    exam::EligibilityDecision decision;
    try {
        decision = decide(std::move(eligibility), request.session.invigilators, policy_);
    } catch (const exam::EligibilityInputError& unusable) {
        return refusal(SeatError::UnusableFacts, unusable.what());
    }
    if (!decision.eligible()) {
        std::string explanation = explain(*candidate, request, decision);
        return SeatRefusal{SeatError::NotEligible, std::move(decision), std::move(explanation)};
    }

    assignment.attemptNumber = decision.attemptNumber;
    assignment.chargeable = decision.chargeable;
    if (!plan->assign(assignment)) {
        throw std::logic_error("a seat assignment refused after its trial passed");
    }
    store_.save(request.sessionId, *plan);
    return assignment;
}

PlanResult<SeatAssignment> SeatingService::clear(std::string_view sessionId,
                                                 std::string_view seat) {
    auto plan = store_.load(sessionId);
    if (!plan) {
        return PlanError::NoPlan;
    }
    auto cleared = plan->clear(seat);
    if (cleared) {
        store_.save(sessionId, *plan);
    }
    return cleared;
}

PlanResult<std::vector<std::string>>
SeatingService::expectedNotConnected(std::string_view sessionId,
                                     const std::set<std::string>& connectedSeats) {
    const auto plan = store_.load(sessionId);
    if (!plan) {
        return PlanError::NoPlan;
    }
    return plan->expectedNotConnected(connectedSeats);
}

PlanResult<PlanLayout>
SeatingService::layout(std::string_view sessionId,
                       const std::map<std::string, std::string>& assessmentTitles) {
    const auto plan = store_.load(sessionId);
    if (!plan) {
        return PlanError::NoPlan;
    }
    return layOut(*plan, roster_.list(sessionId), assessmentTitles);
}

} // namespace vigil::console
