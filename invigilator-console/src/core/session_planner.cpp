#include "vigil/console/session_planner.h"

#include "role_checks.h"
#include "session_choices.h"
#include "session_table.h"
#include "vigil/console/admin_log.h"

#include <QDate>
#include <QTime>
#include <set>

namespace vigil::console {
namespace {

constexpr std::size_t kMaxRoomBytes = 100;

std::optional<ConsoleFailure> checkWhenAndWhere(const SessionPlan& plan) {
    if (plan.room.find_first_not_of(" \t") == std::string::npos ||
        plan.room.size() > kMaxRoomBytes) {
        return refusal(ConsoleError::InvalidSession, "a room is 1 to 100 characters");
    }
    const auto date =
        QDate::fromString(QString::fromStdString(plan.date), QStringLiteral("yyyy-MM-dd"));
    if (!date.isValid()) {
        return refusal(ConsoleError::InvalidSession,
                       "the date \"" + plan.date + "\" is not a date like 2026-11-23");
    }
    const auto time =
        QTime::fromString(QString::fromStdString(plan.startTime), QStringLiteral("HH:mm"));
    if (!time.isValid()) {
        return refusal(ConsoleError::InvalidSession,
                       "the start time \"" + plan.startTime + "\" is not a time like 09:30");
    }
    return std::nullopt;
}

} // namespace

SessionPlanner::SessionPlanner(ConsoleStore& store, const Centre& centre, const exam::Clock& clock)
    : db_(store.db())
    , centre_(centre)
    , clock_(clock) {}

void SessionPlanner::logAuthorisation(const SignedIn& by, const std::string& sessionId,
                                      const SessionInvigilator& invigilator) {
    if (invigilator.assessorAuthorisation.empty()) {
        return;
    }
    AdminLog(db_).append({clock_.wallNowMs(), by.userId(), "assessor-authorised", sessionId,
                          invigilator.userId + " (" + invigilator.name +
                              ") may invigilate: " + invigilator.assessorAuthorisation});
}

ConsoleResult<Session> SessionPlanner::create(const SignedIn& by, const SessionPlan& plan) {
    if (auto refusedRole = roles::requireCoordinator(by, "plan sessions")) {
        return *refusedRole;
    }
    if (auto bad = checkWhenAndWhere(plan)) {
        return *bad;
    }
    if (plan.invigilators.empty()) {
        return refusal(ConsoleError::NoInvigilator);
    }
    if (plan.packageDigests.empty()) {
        return refusal(ConsoleError::NoAssessment);
    }
    Session session;
    session.room = plan.room;
    session.date = plan.date;
    session.startTime = plan.startTime;
    session.createdBy = by.userId();
    session.createdAtMs = clock_.wallNowMs();
    std::set<std::string> seen;
    for (const auto& choice : plan.invigilators) {
        auto invigilator = session_choices::invigilator(db_, by, choice);
        if (!invigilator) {
            return invigilator.error();
        }
        if (!seen.insert(choice.userId).second) {
            return refusal(ConsoleError::InvalidSession, choice.userId + " is chosen twice");
        }
        session.invigilators.push_back(std::move(invigilator).value());
    }
    for (const auto& digest : plan.packageDigests) {
        auto assessment = session_choices::assessment(db_, digest);
        if (!assessment) {
            return assessment.error();
        }
        if (!seen.insert(digest).second) {
            return refusal(ConsoleError::InvalidSession, "an assessment is chosen twice");
        }
        session.assessments.push_back(std::move(assessment).value());
    }
    if (auto refused = session_choices::checkRules(session.invigilators, session.assessments,
                                                   centre_.timeZone(),
                                                   sessionStartsAt(session, centre_.timeZone()))) {
        return *refused;
    }

    db_.transaction([&] {
        session.id = session_rows::insert(db_, session);
        AdminLog(db_).append({session.createdAtMs, by.userId(), "session-created", session.id,
                              plan.room + ", " + plan.date + " " + plan.startTime});
        for (const auto& invigilator : session.invigilators) {
            logAuthorisation(by, session.id, invigilator);
        }
    });
    return *session_rows::find(db_, session.id);
}

ConsoleResult<Session> SessionPlanner::plannedSession(const SignedIn& by,
                                                      const std::string& sessionId) {
    if (auto refusedRole = roles::requireCoordinator(by, "plan sessions")) {
        return *refusedRole;
    }
    auto session = session_rows::find(db_, sessionId);
    if (!session) {
        return refusal(ConsoleError::UnknownSession, sessionId);
    }
    if (session->state != SessionState::Planned) {
        return refusal(ConsoleError::WrongSessionState, sessionId + " is " +
                                                            std::string(stateName(session->state)) +
                                                            "; only a planned session changes");
    }
    return std::move(*session);
}

ConsoleResult<Session> SessionPlanner::addInvigilator(const SignedIn& by,
                                                      const std::string& sessionId,
                                                      const InvigilatorChoice& choice) {
    auto session = plannedSession(by, sessionId);
    if (!session) {
        return session;
    }
    if (session.value().invigilatedBy(choice.userId)) {
        return refusal(ConsoleError::InvalidSession,
                       choice.userId + " already invigilates " + sessionId);
    }
    auto invigilator = session_choices::invigilator(db_, by, choice);
    if (!invigilator) {
        return invigilator.error();
    }
    const SessionInvigilator added[] = {invigilator.value()};
    if (auto refused =
            session_choices::checkRules(added, session.value().assessments, centre_.timeZone(),
                                        sessionStartsAt(session.value(), centre_.timeZone()))) {
        return *refused;
    }
    db_.transaction([&] {
        session_rows::addInvigilator(db_, sessionId, added[0]);
        AdminLog(db_).append({clock_.wallNowMs(), by.userId(), "invigilator-added", sessionId,
                              added[0].userId + " (" + added[0].name + ")"});
        logAuthorisation(by, sessionId, added[0]);
    });
    return *session_rows::find(db_, sessionId);
}

ConsoleResult<Session> SessionPlanner::addAssessment(const SignedIn& by,
                                                     const std::string& sessionId,
                                                     const std::string& packageDigest) {
    auto session = plannedSession(by, sessionId);
    if (!session) {
        return session;
    }
    auto assessment = session_choices::assessment(db_, packageDigest);
    if (!assessment) {
        return assessment.error();
    }
    for (const auto& existing : session.value().assessments) {
        if (existing.packageDigest == packageDigest) {
            return refusal(ConsoleError::InvalidSession,
                           assessment.value().metadata.id + " is already in " + sessionId);
        }
    }
    const SessionAssessment added[] = {assessment.value()};
    if (auto refused =
            session_choices::checkRules(session.value().invigilators, added, centre_.timeZone(),
                                        sessionStartsAt(session.value(), centre_.timeZone()))) {
        return *refused;
    }
    db_.transaction([&] {
        session_rows::addAssessment(db_, sessionId, packageDigest);
        AdminLog(db_).append({clock_.wallNowMs(), by.userId(), "assessment-added", sessionId,
                              added[0].metadata.id + " " + added[0].metadata.version});
    });
    return *session_rows::find(db_, sessionId);
}

} // namespace vigil::console
