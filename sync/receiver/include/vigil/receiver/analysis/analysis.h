#pragma once

#include "vigil/receiver/analysis/analysis_settings.h"
#include "vigil/receiver/analysis/assessment_catalogue.h"
#include "vigil/receiver/analysis/held_records.h"

#include <string>
#include <string_view>
#include <vector>

// `vigil-syncd analyse`: patterns an awarding body's quality team looks into, each flag with
// the records behind it. Plain C++ over HeldRecords, so both storage back-ends run exactly the
// same analysis. docs/analysis.md describes every kind.
namespace vigil::receiver::analysis {

enum class FlagKind {
    UnusualHour,      // "unusual-hour"
    FastCompletion,   // "fast-completion"
    FrequentAttempts, // "frequent-attempts"
    PinTwoPlaces,     // "pin-two-places"
    ResitInterval,    // "resit-interval"
    DailyLimit,       // "daily-limit"
    JournalMismatch,  // "journal-mismatch"
};
[[nodiscard]] std::string_view kindName(FlagKind kind) noexcept;

// One record behind a flag: the item (64 hex digits), what kind of item, and what it says.
struct Evidence {
    std::string itemId;
    std::string itemKind; // "result-record", "journal-head", "invigilation-record"
    std::string detail;   // "candidate AB123456, MOT-G2, started 2026-11-02 09:00 GMT, ..."
};

struct Flag {
    FlagKind kind = FlagKind::UnusualHour;
    std::string centreId;
    std::string subject; // who or what: "candidate AB123456", "PIN reference INV-0042", ...
    std::string summary; // one sentence: why this is flagged, with the threshold
    std::vector<Evidence> evidence;
};

// Every flag, in kind order, then centre, then subject. Only result records that could be read
// are analysed (a sealed one says nothing); invigilation records and journal heads are in clear.
[[nodiscard]] std::vector<Flag> analyse(const HeldRecords& records,
                                        const AnalysisSettings& settings,
                                        const AssessmentCatalogue& catalogue);

// The flags as CSV (csv.h): header `flag,kind,centre,subject,summary,evidence_item,
// evidence_kind,evidence`, one line per evidence row, the flag's columns repeated on each.
[[nodiscard]] std::string flagsCsv(const std::vector<Flag>& flags);

} // namespace vigil::receiver::analysis
