#pragma once

#include "vigil/console/session.h"
#include "vigil/store/database.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The rows behind sessions: the session, its invigilators (as they were when put on it), its
// assessments (package digests), and the seats' outcomes recorded when it closed.
namespace vigil::console::session_rows {

[[nodiscard]] std::string_view schemaSql() noexcept;

// Gives the session the next id ("S-0001", ...) and stores it with its invigilators and
// assessments; returns the id. Call inside a transaction.
[[nodiscard]] std::string insert(store::Database& db, const Session& session);
// Appends to a session's invigilators or assessments (after those it has).
void addInvigilator(store::Database& db, const std::string& sessionId,
                    const SessionInvigilator& invigilator);
void addAssessment(store::Database& db, const std::string& sessionId,
                   const std::string& packageDigest);
[[nodiscard]] std::optional<Session> find(store::Database& db, const std::string& sessionId);
// Every session id, or those the user invigilates, by date and start time.
[[nodiscard]] std::vector<std::string> ids(store::Database& db,
                                           std::optional<std::string_view> invigilator);
void markOpened(store::Database& db, const std::string& sessionId, std::int64_t atMs,
                const std::string& by);
void markClosed(store::Database& db, const std::string& sessionId, std::int64_t atMs,
                const std::string& by, std::span<const SeatAtClose> seats);

} // namespace vigil::console::session_rows
