#pragma once

#include "vigil/store/database.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::kiosk {

// Where a candidate stands with one practice quiz, in the words of the centre's learning
// system (docs/domain: progress shown as segments).
enum class PracticeStatus {
    NotAttempted,  // never started here
    Attempted,     // started, never submitted (left, or the PC restarted)
    Passed,        // submitted at least once at or above the quiz's pass mark
    NeedsMoreWork, // submitted, never yet at the pass mark
};

// "Not attempted", "Attempted", "Passed", "Needs more work".
[[nodiscard]] const char* label(PracticeStatus status) noexcept;

// A candidate at a practice seat: who they said they are (no invigilator checks it).
struct PracticeCandidate {
    std::string name;
    std::string registrationNumber;
};

// Practice attempts, kept in the kiosk's encrypted store in a table of their own
// (practice_attempts): never a sitting, never a journal event, never a result record, so
// nothing of practice reaches the console, the outbox or the awarding body, and no rule that
// counts assessments (exam/eligibility.h) can ever see it. Progress is per registration number.
class PracticeProgress {
public:
    // The table, for the kiosk's store migrations (kioskMigrations).
    [[nodiscard]] static std::string_view schemaSql();

    explicit PracticeProgress(store::Database& db);

    // A new attempt, written before its first question is shown: its id.
    [[nodiscard]] std::int64_t start(const PracticeCandidate& candidate, const std::string& quizId,
                                     std::int64_t nowMs);
    void submit(std::int64_t attemptId, double score, double maxScore, bool passed,
                std::int64_t nowMs);
    [[nodiscard]] PracticeStatus status(const std::string& registrationNumber,
                                        const std::string& quizId);
    [[nodiscard]] int attempts(const std::string& registrationNumber, const std::string& quizId);

private:
    store::Database& db_;
};

} // namespace vigil::kiosk
