#include "vigil/kiosk/practice_progress.h"

namespace vigil::kiosk {

const char* label(PracticeStatus status) noexcept {
    switch (status) {
    case PracticeStatus::NotAttempted:
        return "Not attempted";
    case PracticeStatus::Attempted:
        return "Attempted";
    case PracticeStatus::Passed:
        return "Passed";
    case PracticeStatus::NeedsMoreWork:
        return "Needs more work";
    }
    return "Not attempted";
}

std::string_view PracticeProgress::schemaSql() {
    return "CREATE TABLE practice_attempts ("
           " attempt_id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " registration_number TEXT NOT NULL,"
           " candidate_name TEXT NOT NULL,"
           " quiz_id TEXT NOT NULL,"
           " started_at_ms INTEGER NOT NULL,"
           " submitted_at_ms INTEGER,"
           " score REAL,"
           " max_score REAL,"
           " passed INTEGER);"
           "CREATE INDEX practice_attempts_by_candidate"
           " ON practice_attempts (registration_number, quiz_id);";
}

PracticeProgress::PracticeProgress(store::Database& db)
    : db_(db) {}

std::int64_t PracticeProgress::start(const PracticeCandidate& candidate, const std::string& quizId,
                                     std::int64_t nowMs) {
    std::int64_t id = 0;
    db_.transaction([&] {
        db_.cached("INSERT INTO practice_attempts (registration_number, candidate_name, quiz_id, "
                   "started_at_ms) VALUES (?, ?, ?, ?)")
            .bind(1, candidate.registrationNumber)
            .bind(2, candidate.name)
            .bind(3, quizId)
            .bind(4, nowMs)
            .run();
        id = db_.lastInsertRowId();
    });
    return id;
}

void PracticeProgress::submit(std::int64_t attemptId, double score, double maxScore, bool passed,
                              std::int64_t nowMs) {
    db_.transaction([&] {
        db_.cached("UPDATE practice_attempts SET submitted_at_ms = ?, score = ?, max_score = ?, "
                   "passed = ? WHERE attempt_id = ? AND submitted_at_ms IS NULL")
            .bind(1, nowMs)
            .bind(2, score)
            .bind(3, maxScore)
            .bind(4, std::int64_t(passed ? 1 : 0))
            .bind(5, attemptId)
            .run();
    });
}

PracticeStatus PracticeProgress::status(const std::string& registrationNumber,
                                        const std::string& quizId) {
    auto& query = db_.cached(
        "SELECT COUNT(*), COUNT(submitted_at_ms), COALESCE(MAX(passed), 0) FROM practice_attempts "
        "WHERE registration_number = ? AND quiz_id = ?");
    query.bind(1, registrationNumber).bind(2, quizId);
    query.step();
    const auto started = query.int64(0);
    const auto submitted = query.int64(1);
    const auto passed = query.int64(2);
    query.reset();
    if (passed > 0) {
        return PracticeStatus::Passed;
    }
    if (submitted > 0) {
        return PracticeStatus::NeedsMoreWork;
    }
    return started > 0 ? PracticeStatus::Attempted : PracticeStatus::NotAttempted;
}

int PracticeProgress::attempts(const std::string& registrationNumber, const std::string& quizId) {
    auto& query = db_.cached(
        "SELECT COUNT(*) FROM practice_attempts WHERE registration_number = ? AND quiz_id = ?");
    query.bind(1, registrationNumber).bind(2, quizId);
    query.step();
    const auto count = query.int64(0);
    query.reset();
    return int(count);
}

} // namespace vigil::kiosk
