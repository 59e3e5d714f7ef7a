#include "vigil/console/session_registry.h"

#include "role_checks.h"
#include "session_table.h"
#include "user_table.h"
#include "vigil/console/admin_log.h"
#include "vigil/console/invigilator_rules.h"
#include "vigil/console/package_library.h"
#include "vigil/console/session_closing.h"
#include "vigil/exam/serialization.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>
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

std::string_view SessionRegistry::schemaSql() noexcept {
    return session_rows::schemaSql();
}

SessionRegistry::SessionRegistry(ConsoleStore& store, const Centre& centre,
                                 const exam::Clock& clock)
    : db_(store.db())
    , centre_(centre)
    , clock_(clock) {}

exam::UtcInstant SessionRegistry::startsAt(const Session& session) const {
    const QDateTime local(
        QDate::fromString(QString::fromStdString(session.date), QStringLiteral("yyyy-MM-dd")),
        QTime::fromString(QString::fromStdString(session.startTime), QStringLiteral("HH:mm")),
        QTimeZone(QByteArray::fromStdString(centre_.timeZone())));
    return exam::UtcInstant(std::chrono::milliseconds(local.toMSecsSinceEpoch()));
}

ConsoleResult<std::vector<SessionInvigilator>>
SessionRegistry::chooseInvigilators(const SignedIn& by, const SessionPlan& plan) {
    if (plan.invigilators.empty()) {
        return refusal(ConsoleError::NoInvigilator);
    }
    std::vector<SessionInvigilator> chosen;
    std::set<std::string> seen;
    for (const auto& choice : plan.invigilators) {
        const auto row = user_rows::find(db_, choice.userId);
        if (!row) {
            return refusal(ConsoleError::UnknownUser, choice.userId);
        }
        if (!seen.insert(choice.userId).second) {
            return refusal(ConsoleError::InvalidSession, choice.userId + " is chosen twice");
        }
        const auto& profile = row->profile;
        SessionInvigilator invigilator{
            profile.userId, profile.name, profile.industryQualification, profile.assessor, {}, {}};
        if (profile.assessor && !choice.assessorAuthorisation.empty()) {
            invigilator.assessorAuthorisation = choice.assessorAuthorisation;
            invigilator.authorisedBy = by.userId();
        }
        chosen.push_back(std::move(invigilator));
    }
    return chosen;
}

ConsoleResult<std::vector<SessionAssessment>>
SessionRegistry::chooseAssessments(const SessionPlan& plan) {
    if (plan.packageDigests.empty()) {
        return refusal(ConsoleError::NoAssessment);
    }
    std::vector<SessionAssessment> chosen;
    std::set<std::string> seen;
    for (const auto& digest : plan.packageDigests) {
        auto select = db_.prepare("SELECT metadata FROM console_packages WHERE digest = ?");
        select.bind(1, digest);
        if (!select.step()) {
            return refusal(ConsoleError::UnknownPackage, digest);
        }
        if (!seen.insert(digest).second) {
            return refusal(ConsoleError::InvalidSession, "an assessment is chosen twice");
        }
        const auto metadata = select.blob(0);
        auto read = exam::deserializeMetadata(metadata);
        if (!read) {
            return refusal(ConsoleError::UnknownPackage, digest + ": " + read.error());
        }
        chosen.push_back({digest, std::move(read).value()});
    }
    return chosen;
}

ConsoleResult<Session> SessionRegistry::create(const SignedIn& by, const SessionPlan& plan) {
    if (auto refusedRole = roles::requireCoordinator(by, "plan sessions")) {
        return *refusedRole;
    }
    if (auto bad = checkWhenAndWhere(plan)) {
        return *bad;
    }
    auto invigilators = chooseInvigilators(by, plan);
    if (!invigilators) {
        return invigilators.error();
    }
    auto assessments = chooseAssessments(plan);
    if (!assessments) {
        return assessments.error();
    }

    Session session;
    session.room = plan.room;
    session.date = plan.date;
    session.startTime = plan.startTime;
    session.invigilators = std::move(invigilators).value();
    session.createdBy = by.userId();
    session.createdAtMs = clock_.wallNowMs();

    session.assessments = std::move(assessments).value();
    const auto start = startsAt(session);
    for (const auto& invigilator : session.invigilators) {
        for (const auto& assessment : session.assessments) {
            if (auto rule = checkInvigilatorFor(invigilator, assessment.metadata,
                                                centre_.timeZone(), start)) {
                return *rule;
            }
        }
    }

    std::string id;
    db_.transaction([&] {
        id = session_rows::insert(db_, session);
        AdminLog log(db_);
        log.append({session.createdAtMs, by.userId(), "session-created", id,
                    plan.room + ", " + plan.date + " " + plan.startTime});
        for (const auto& invigilator : session.invigilators) {
            if (!invigilator.assessorAuthorisation.empty()) {
                log.append({session.createdAtMs, by.userId(), "assessor-authorised", id,
                            invigilator.userId + " (" + invigilator.name +
                                ") may invigilate: " + invigilator.assessorAuthorisation});
            }
        }
    });
    return *session_rows::find(db_, id);
}

std::vector<Session> SessionRegistry::list(const SignedIn& by) {
    std::vector<Session> sessions;
    const auto found = session_rows::ids(
        db_, by.isCoordinator() ? std::nullopt : std::optional<std::string_view>(by.userId()));
    for (const auto& id : found) {
        if (auto session = session_rows::find(db_, id)) {
            sessions.push_back(std::move(*session));
        }
    }
    return sessions;
}

ConsoleResult<Session> SessionRegistry::visible(const SignedIn& by, const std::string& sessionId,
                                                std::string_view what) {
    auto session = session_rows::find(db_, sessionId);
    if (!session) {
        return refusal(ConsoleError::UnknownSession, sessionId);
    }
    if (!by.isCoordinator() && !session->invigilatedBy(by.userId())) {
        AdminLog(db_).append({clock_.wallNowMs(), by.userId(), "refused", sessionId,
                              "not an invigilator of this session: " + std::string(what)});
        return refusal(ConsoleError::NotYourSession,
                       sessionId + " is not invigilated by " + by.name());
    }
    return std::move(*session);
}

ConsoleResult<Session> SessionRegistry::open(const SignedIn& by, const std::string& sessionId) {
    return visible(by, sessionId, "open");
}

ConsoleResult<Session> SessionRegistry::start(const SignedIn& by, const std::string& sessionId) {
    auto session = visible(by, sessionId, "start");
    if (!session) {
        return session;
    }
    if (session.value().state != SessionState::Planned) {
        return refusal(ConsoleError::WrongSessionState,
                       sessionId + " is " + std::string(stateName(session.value().state)) +
                           "; only a planned session starts");
    }
    const auto now = clock_.wallNowMs();
    db_.transaction([&] {
        session_rows::markOpened(db_, sessionId, now, by.userId());
        AdminLog(db_).append({now, by.userId(), "session-opened", sessionId, {}});
    });
    return *session_rows::find(db_, sessionId);
}

ConsoleResult<Session> SessionRegistry::close(const SignedIn& by, const std::string& sessionId,
                                              std::span<const SeatAtClose> seats) {
    auto session = visible(by, sessionId, "close");
    if (!session) {
        return session;
    }
    if (session.value().state != SessionState::Open) {
        return refusal(ConsoleError::WrongSessionState,
                       sessionId + " is " + std::string(stateName(session.value().state)) +
                           "; only an open session closes");
    }
    if (auto unresolved = checkSeatsResolved(seats)) {
        return *unresolved;
    }
    const auto now = clock_.wallNowMs();
    db_.transaction([&] {
        session_rows::markClosed(db_, sessionId, now, by.userId(), seats);
        AdminLog(db_).append({now, by.userId(), "session-closed", sessionId,
                              std::to_string(seats.size()) + " seats"});
    });
    return *session_rows::find(db_, sessionId);
}

ConsoleResult<Session> SessionRegistry::authoriseExport(const SignedIn& by,
                                                        const std::string& sessionId) {
    if (auto refusedRole = roles::requireCoordinator(by, "export invigilation records")) {
        AdminLog(db_).append(
            {clock_.wallNowMs(), by.userId(), "refused", sessionId, describe(*refusedRole)});
        return *refusedRole;
    }
    auto session = session_rows::find(db_, sessionId);
    if (!session) {
        return refusal(ConsoleError::UnknownSession, sessionId);
    }
    AdminLog(db_).append({clock_.wallNowMs(), by.userId(), "record-exported", sessionId,
                          std::string(stateName(session->state))});
    return std::move(*session);
}

} // namespace vigil::console
