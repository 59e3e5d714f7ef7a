#include "vigil/console/session_registry.h"

#include "role_checks.h"
#include "session_table.h"
#include "user_table.h"
#include "vigil/console/admin_log.h"
#include "vigil/console/session_closing.h"

namespace vigil::console {

std::string_view SessionRegistry::schemaSql() noexcept {
    return session_rows::schemaSql();
}

SessionRegistry::SessionRegistry(ConsoleStore& store, const exam::Clock& clock)
    : db_(store.db())
    , clock_(clock) {}

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

ConsoleResult<Session> SessionRegistry::start(const SignedIn& by, const std::string& sessionId,
                                              std::string_view why) {
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
        AdminLog(db_).append({now, by.userId(), "session-opened", sessionId, std::string(why)});
    });
    return *session_rows::find(db_, sessionId);
}

ConsoleResult<Session> SessionRegistry::close(const SignedIn& by, const std::string& sessionId,
                                              std::span<const SeatAtClose> seats) {
    auto session = visible(by, sessionId, "close");
    if (!session) {
        return session;
    }
    const bool neverOpened = session.value().state == SessionState::Planned;
    if (session.value().state == SessionState::Closed) {
        return refusal(ConsoleError::WrongSessionState,
                       sessionId + " is closed; only an open session closes");
    }
    if (auto unresolved = checkSeatsResolved(seats)) {
        return *unresolved;
    }
    if (neverOpened) {
        for (const auto& seat : seats) {
            if (seat.outcome != SeatOutcome::Explained) {
                return refusal(ConsoleError::WrongSessionState,
                               sessionId + " never opened, yet " + seat.seat + " is " +
                                   std::string(outcomeName(seat.outcome)) +
                                   "; a planned session closes only when nobody sat");
            }
        }
    }
    const auto now = clock_.wallNowMs();
    db_.transaction([&] {
        session_rows::markClosed(db_, sessionId, now, by.userId(), seats);
        AdminLog(db_).append({now, by.userId(), "session-closed", sessionId,
                              std::to_string(seats.size()) + " seats" +
                                  (neverOpened ? "; never opened: nobody sat" : "")});
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

ConsoleResult<std::vector<exam::InvigilatorEntry>>
SessionRegistry::roster(const SignedIn& by, const std::string& sessionId) {
    auto session = visible(by, sessionId, "roster");
    if (!session) {
        return session.error();
    }
    std::vector<exam::InvigilatorEntry> entries;
    for (const auto& invigilator : session.value().invigilators) {
        const auto row = user_rows::find(db_, invigilator.userId);
        if (!row) {
            return refusal(ConsoleError::UnknownUser, invigilator.userId);
        }
        entries.push_back({invigilator.userId, invigilator.name, row->credentialHash,
                           !invigilator.industryQualification.empty()});
    }
    return entries;
}

} // namespace vigil::console
