#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::console {

// A candidate's sitting as the invigilation record's candidate table shows it, read from the
// journal the kiosk sent (the console's replica, sessionJournalsByCandidate):
//   start    when the sitting started ("09:32", the centre's time zone)
//   end      when it was submitted, ran out of time or was voided; empty while it runs
//   outcome  "Submitted", "Submitted: Pass 30/40 (75%)" (the score out of the paper's best,
//            both from the journal), "Time ran out: Fail 16/40 (40%)", "Voided: <reason>",
//            "In progress", "Not started"; "Submitted: Pass, score 30" from a journal whose
//            header did not record the best score
//   movedTo  the spare PCs the sitting was moved to, in order (SittingMovedHere), so the
//            record shows where a candidate finished, not only where the plan seated them
// `journal` null: no sitting of the candidate reached the console ("Not sat").
struct SittingOnRecord {
    std::string start;
    std::string end;
    std::string outcome;
    std::vector<std::string> movedTo;
};

// The PC column of the candidate table: the plan's seat, then each PC the sitting moved to
// ("PC03, moved to PC12").
[[nodiscard]] std::string pcOnRecord(const std::string& plannedSeat,
                                     const std::vector<std::string>& movedTo);

[[nodiscard]] SittingOnRecord sittingOnRecord(const std::vector<std::string>* journal,
                                              const std::string& timeZone);

// "HH:mm" of a wall-clock instant in the centre's time zone (the system's when it is unknown).
[[nodiscard]] std::string timeOnRecord(std::int64_t wallMs, const std::string& timeZone);

} // namespace vigil::console
