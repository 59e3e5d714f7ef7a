#include "vigil/console/candidate_roster.h"

#include "registration_key.h"

namespace vigil::console {

void CandidateRoster::insert(std::string_view sessionId, const CandidateEntry& entry) {
    auto statement = db_.prepare("INSERT INTO seating_candidates (session_id, "
                                 "registration_number, name, photo, photo_type) "
                                 "VALUES (?, ?, ?, ?, ?)");
    statement.bind(1, sessionId).bind(2, entry.registrationNumber).bind(3, entry.name);
    if (entry.photo) {
        statement.bindBlob(4, entry.photo->bytes).bind(5, entry.photo->mimeType);
    }
    statement.run();
}

std::set<std::string> CandidateRoster::numbersOf(std::string_view sessionId) {
    std::set<std::string> numbers;
    auto statement =
        db_.prepare("SELECT registration_number FROM seating_candidates WHERE session_id = ?");
    statement.bind(1, sessionId);
    while (statement.step()) {
        numbers.insert(statement.text(0));
    }
    return numbers;
}

CandidateResult<RosterCandidate> CandidateRoster::add(std::string_view sessionId,
                                                      CandidateEntry entry) {
    auto normalised = normaliseEntry(std::move(entry));
    if (!normalised) {
        return normalised.error();
    }
    const CandidateEntry& kept = normalised.value();
    if (find(sessionId, kept.registrationNumber)) {
        return CandidateError::DuplicateRegistrationNumber;
    }
    insert(sessionId, kept);
    return RosterCandidate{kept.name, kept.registrationNumber, kept.photo.has_value()};
}

Checked<std::size_t, std::vector<CsvProblem>> CandidateRoster::importCsv(std::string_view sessionId,
                                                                         std::string_view file) {
    auto parsed = parseCandidateCsv(file, numbersOf(sessionId));
    if (!parsed) {
        return parsed.error();
    }
    db_.transaction([&] {
        for (const CandidateEntry& entry : parsed.value()) {
            insert(sessionId, entry);
        }
    });
    return parsed.value().size();
}

std::vector<RosterCandidate> CandidateRoster::list(std::string_view sessionId) {
    std::vector<RosterCandidate> candidates;
    auto statement = db_.prepare("SELECT name, registration_number, photo IS NOT NULL "
                                 "FROM seating_candidates WHERE session_id = ? ORDER BY rowid");
    statement.bind(1, sessionId);
    while (statement.step()) {
        candidates.push_back({statement.text(0), statement.text(1), statement.int64(2) != 0});
    }
    return candidates;
}

std::optional<RosterCandidate> CandidateRoster::find(std::string_view sessionId,
                                                     std::string_view registrationNumber) {
    auto statement = db_.prepare("SELECT name, registration_number, photo IS NOT NULL "
                                 "FROM seating_candidates "
                                 "WHERE session_id = ? AND registration_number = ?");
    statement.bind(1, sessionId).bind(2, detail::registrationKey(registrationNumber));
    if (!statement.step()) {
        return std::nullopt;
    }
    return RosterCandidate{statement.text(0), statement.text(1), statement.int64(2) != 0};
}

std::optional<CandidatePhoto> CandidateRoster::photo(std::string_view sessionId,
                                                     std::string_view registrationNumber) {
    auto statement = db_.prepare("SELECT photo, photo_type FROM seating_candidates "
                                 "WHERE session_id = ? AND registration_number = ? "
                                 "AND photo IS NOT NULL");
    statement.bind(1, sessionId).bind(2, detail::registrationKey(registrationNumber));
    if (!statement.step()) {
        return std::nullopt;
    }
    return CandidatePhoto{statement.blob(0), statement.text(1)};
}

CandidateResult<crypto::Done>
CandidateRoster::setPhoto(std::string_view sessionId, std::string_view registrationNumber,
                          const std::optional<CandidatePhoto>& photo) {
    if (photo) {
        if (const auto problem = checkPhoto(*photo)) {
            return *problem;
        }
    }
    auto statement = db_.prepare("UPDATE seating_candidates SET photo = ?, photo_type = ? "
                                 "WHERE session_id = ? AND registration_number = ?");
    if (photo) {
        statement.bindBlob(1, photo->bytes).bind(2, photo->mimeType);
    }
    statement.bind(3, sessionId).bind(4, detail::registrationKey(registrationNumber)).run();
    if (db_.changes() == 0) {
        return CandidateError::UnknownCandidate;
    }
    return crypto::Done{};
}

CandidateResult<crypto::Done> CandidateRoster::remove(std::string_view sessionId,
                                                      std::string_view registrationNumber) {
    const std::string key = detail::registrationKey(registrationNumber);
    auto seated = db_.prepare("SELECT 1 FROM seating_assignments "
                              "WHERE session_id = ? AND registration_number = ?");
    seated.bind(1, sessionId).bind(2, key);
    if (seated.step()) {
        return CandidateError::CandidateSeated;
    }
    db_.prepare("DELETE FROM seating_candidates WHERE session_id = ? AND registration_number = ?")
        .bind(1, sessionId)
        .bind(2, key)
        .run();
    if (db_.changes() == 0) {
        return CandidateError::UnknownCandidate;
    }
    return crypto::Done{};
}

} // namespace vigil::console
