#include "session_table.h"

#include "vigil/exam/serialization.h"

#include <cstdio>

namespace vigil::console::session_rows {
namespace {

SessionState stateFrom(std::string_view text) {
    if (text == "open") {
        return SessionState::Open;
    }
    return text == "closed" ? SessionState::Closed : SessionState::Planned;
}

std::string nextId(store::Database& db) {
    auto select = db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM console_sessions");
    select.step();
    char id[32];
    std::snprintf(id, sizeof id, "S-%04lld", static_cast<long long>(select.int64(0)));
    return id;
}

} // namespace

std::string_view schemaSql() noexcept {
    return R"sql(
CREATE TABLE console_sessions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL UNIQUE,
    room TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('planned', 'open', 'closed')),
    created_by TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    opened_at_ms INTEGER,
    opened_by TEXT,
    closed_at_ms INTEGER,
    closed_by TEXT
);
CREATE TABLE console_session_invigilators (
    session_id TEXT NOT NULL REFERENCES console_sessions (session_id),
    position INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    industry_qualification TEXT NOT NULL,
    assessor INTEGER NOT NULL,
    assessor_authorisation TEXT NOT NULL,
    authorised_by TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
) WITHOUT ROWID;
CREATE INDEX console_session_invigilators_user ON console_session_invigilators (user_id);
CREATE TABLE console_session_assessments (
    session_id TEXT NOT NULL REFERENCES console_sessions (session_id),
    position INTEGER NOT NULL,
    package_digest TEXT NOT NULL REFERENCES console_packages (digest),
    PRIMARY KEY (session_id, package_digest)
) WITHOUT ROWID;
CREATE TABLE console_session_seats_at_close (
    session_id TEXT NOT NULL REFERENCES console_sessions (session_id),
    seat TEXT NOT NULL,
    candidate TEXT NOT NULL,
    outcome TEXT NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (session_id, seat)
) WITHOUT ROWID;
)sql";
}

std::string insert(store::Database& db, const Session& session) {
    const auto id = nextId(db);
    db.prepare("INSERT INTO console_sessions (session_id, room, date, start_time, state, "
               "created_by, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, session.room)
        .bind(3, session.date)
        .bind(4, session.startTime)
        .bind(5, stateName(session.state))
        .bind(6, session.createdBy)
        .bind(7, session.createdAtMs)
        .run();
    for (const auto& invigilator : session.invigilators) {
        addInvigilator(db, id, invigilator);
    }
    for (const auto& assessment : session.assessments) {
        addAssessment(db, id, assessment.packageDigest);
    }
    return id;
}

void addInvigilator(store::Database& db, const std::string& sessionId,
                    const SessionInvigilator& invigilator) {
    db.prepare("INSERT INTO console_session_invigilators (session_id, position, user_id, name, "
               "industry_qualification, assessor, assessor_authorisation, authorised_by) "
               "SELECT ?1, COUNT(*), ?2, ?3, ?4, ?5, ?6, ?7 FROM console_session_invigilators "
               "WHERE session_id = ?1")
        .bind(1, sessionId)
        .bind(2, invigilator.userId)
        .bind(3, invigilator.name)
        .bind(4, invigilator.industryQualification)
        .bind(5, invigilator.assessor ? 1 : 0)
        .bind(6, invigilator.assessorAuthorisation)
        .bind(7, invigilator.authorisedBy)
        .run();
}

void addAssessment(store::Database& db, const std::string& sessionId,
                   const std::string& packageDigest) {
    db.prepare("INSERT INTO console_session_assessments (session_id, position, package_digest) "
               "SELECT ?1, COUNT(*), ?2 FROM console_session_assessments WHERE session_id = ?1")
        .bind(1, sessionId)
        .bind(2, packageDigest)
        .run();
}

std::optional<Session> find(store::Database& db, const std::string& sessionId) {
    auto select = db.prepare("SELECT room, date, start_time, state, created_by, created_at_ms, "
                             "opened_at_ms, closed_at_ms FROM console_sessions "
                             "WHERE session_id = ?");
    select.bind(1, sessionId);
    if (!select.step()) {
        return std::nullopt;
    }
    Session session;
    session.id = sessionId;
    session.room = select.text(0);
    session.date = select.text(1);
    session.startTime = select.text(2);
    session.state = stateFrom(select.text(3));
    session.createdBy = select.text(4);
    session.createdAtMs = select.int64(5);
    session.openedAtMs = select.optionalInt64(6);
    session.closedAtMs = select.optionalInt64(7);

    auto invigilators = db.prepare(
        "SELECT user_id, name, industry_qualification, assessor, assessor_authorisation, "
        "authorised_by FROM console_session_invigilators WHERE session_id = ? ORDER BY position");
    invigilators.bind(1, sessionId);
    while (invigilators.step()) {
        session.invigilators.push_back({invigilators.text(0), invigilators.text(1),
                                        invigilators.text(2), invigilators.int64(3) != 0,
                                        invigilators.text(4), invigilators.text(5)});
    }
    auto assessments =
        db.prepare("SELECT a.package_digest, p.metadata FROM console_session_assessments a "
                   "JOIN console_packages p ON p.digest = a.package_digest "
                   "WHERE a.session_id = ? ORDER BY a.position");
    assessments.bind(1, sessionId);
    while (assessments.step()) {
        SessionAssessment assessment{assessments.text(0), {}};
        const auto metadata = assessments.blob(1);
        if (auto read = exam::deserializeMetadata(metadata)) {
            assessment.metadata = std::move(read).value();
        }
        session.assessments.push_back(std::move(assessment));
    }
    return session;
}

std::vector<std::string> ids(store::Database& db, std::optional<std::string_view> invigilator) {
    auto select =
        invigilator
            ? db.prepare("SELECT s.session_id FROM console_sessions s "
                         "JOIN console_session_invigilators i ON i.session_id = s.session_id "
                         "WHERE i.user_id = ? ORDER BY s.date, s.start_time, s.seq")
            : db.prepare("SELECT session_id FROM console_sessions "
                         "ORDER BY date, start_time, seq");
    if (invigilator) {
        select.bind(1, *invigilator);
    }
    std::vector<std::string> found;
    while (select.step()) {
        found.push_back(select.text(0));
    }
    return found;
}

void markOpened(store::Database& db, const std::string& sessionId, std::int64_t atMs,
                const std::string& by) {
    db.prepare("UPDATE console_sessions SET state = 'open', opened_at_ms = ?, opened_by = ? "
               "WHERE session_id = ?")
        .bind(1, atMs)
        .bind(2, by)
        .bind(3, sessionId)
        .run();
}

void markClosed(store::Database& db, const std::string& sessionId, std::int64_t atMs,
                const std::string& by, std::span<const SeatAtClose> seats) {
    db.prepare("UPDATE console_sessions SET state = 'closed', closed_at_ms = ?, closed_by = ? "
               "WHERE session_id = ?")
        .bind(1, atMs)
        .bind(2, by)
        .bind(3, sessionId)
        .run();
    for (const auto& seat : seats) {
        db.prepare("INSERT INTO console_session_seats_at_close (session_id, seat, candidate, "
                   "outcome, explanation) VALUES (?, ?, ?, ?, ?)")
            .bind(1, sessionId)
            .bind(2, seat.seat)
            .bind(3, seat.candidate)
            .bind(4, outcomeName(seat.outcome))
            .bind(5, seat.explanation)
            .run();
    }
}

} // namespace vigil::console::session_rows
