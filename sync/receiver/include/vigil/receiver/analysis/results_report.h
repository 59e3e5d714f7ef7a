#pragma once

#include "vigil/receiver/analysis/analysis_settings.h"
#include "vigil/receiver/analysis/assessment_catalogue.h"
#include "vigil/receiver/analysis/held_records.h"

#include <QDate>
#include <optional>
#include <string>

// `vigil-syncd report`: one CSV line per result record held, ordered by centre, qualification,
// assessment, date (and then candidate and start). Columns (README.md, "What the awarding body
// sees"):
//   centre, qualification, assessment, assessment_version, date, session, seat, candidate,
//   started, submitted, time_used_s, timed_out, score, max_score, percentage, outcome,
//   standing, sitting, item, received
// A result that could not be opened has only centre, standing ("sealed" / "not opened"), item
// and received; everything else is sealed inside it.
namespace vigil::receiver::analysis {

struct ReportOptions {
    std::optional<QDate> from; // sittings whose local start date is on or after (inclusive)
    std::optional<QDate> to;   // ... and on or before; unopened results are dated by arrival
};

struct ResultsReport {
    std::string csv;
    std::size_t rows = 0;
    std::size_t notOpened = 0; // rows whose result could not be opened (sealed or another key)
};

[[nodiscard]] ResultsReport resultsReport(const HeldRecords& records,
                                          const AssessmentCatalogue& catalogue,
                                          const AnalysisSettings& settings,
                                          const ReportOptions& options);

} // namespace vigil::receiver::analysis
