#pragma once

#include "vigil/console/invigilation_record.h"
#include "vigil/console/record_error.h"

#include <QString>
#include <vector>

// The seating plan on paper, for the room's door and the invigilator's desk: the room drawn as
// its grid (the front at the top), each PC a box with its label, the candidate's name,
// registration number and assessment. Needs a QGuiApplication (QPdfWriter).
namespace vigil::console {

// Writes the plan of `session` to `path` as a landscape A4 PDF, one page: a grid too big for
// the page is drawn smaller. ExportFailed when the file cannot be written.
[[nodiscard]] RecordResult<RecordDone>
writeSeatingPlanPdf(const SessionFacts& session, const std::vector<std::vector<SeatCell>>& plan,
                    const QString& path);

} // namespace vigil::console
