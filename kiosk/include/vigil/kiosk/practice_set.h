#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/kiosk/startup_failure.h"

#include <QString>
#include <filesystem>
#include <vector>

namespace vigil::kiosk {

// A practice seat (seat.conf `mode = practice`) delivers the quizzes the centre assigned to it:
// each is a practice assignment, `<data-dir>/practice/<name>.vseat` (`vigil-pack assign
// --practice`: this seat, this PC's key, the quiz's content key sealed to it, no candidate and
// no invigilator), beside its package `<name>.vigil`, signed by the awarding body as a
// practice quiz. Each is checked as a seat's assignment and package are (openSeat), plus the
// kind: an invigilated assessment's package is never taken as practice, and an assessment's
// assignment (one naming a candidate) never opens a practice seat.
struct PracticeQuiz {
    std::filesystem::path assignmentFile;
    std::string centreName; // as the practice assignment names it
    exam::Assessment quiz;  // in memory only, as a sitting's assessment is
};

// A quiz of the set that cannot be offered, and why (shown on the quiz list for the centre's
// staff; the candidate cannot start it).
struct RefusedPracticeQuiz {
    std::filesystem::path file;
    StartupFailure failure = StartupFailure::Unexpected;
    QString reason;
};

struct PracticeSet {
    std::vector<PracticeQuiz> quizzes;        // by file name
    std::vector<RefusedPracticeQuiz> refused; // by file name
};

inline constexpr auto kPracticeFolder = "practice";

// seat.conf says `mode = practice` (any other mode, or none, is an assessment seat).
[[nodiscard]] bool seatConfAsksForPractice(const std::filesystem::path& seatConf);

[[nodiscard]] PracticeSet loadPracticeSet(const std::filesystem::path& dataDir,
                                          const TrustMaterial& trust,
                                          const exam::SeatIdentity& seat, std::int64_t nowMs);

} // namespace vigil::kiosk
