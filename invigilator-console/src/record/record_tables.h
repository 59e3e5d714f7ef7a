#pragma once

#include "vigil/console/incident_log.h"
#include "vigil/console/invigilation_record.h"

#include <string>
#include <vector>

namespace vigil::console::detail {

// The incident table as both exports show it: one row of text per entry.
struct IncidentRow {
    std::string number; // the entry's sequence
    std::string time;   // when it happened, local time of the console: "2026-12-02 09:40:00"
    std::string clock;  // the same without the date (the record's date heads the PDF)
    std::string kind;
    std::string scope;
    std::string seats;              // "PC-01; PC-02"
    std::string candidates;         // "Ann Lee (R001); Bo Ng (R002)"
    std::string seatsAndCandidates; // "PC-01 Ann Lee (R001)", one line each
    std::string details;            // the description, the question reference, "corrects #n"
    std::string recordedBy;
    std::string status; // "", "Corrected by #n"
};

[[nodiscard]] std::vector<IncidentRow> incidentRows(const RecordData& data);
[[nodiscard]] std::string invigilatorsLine(const RecordData& data); // "Name (PIN ref X); ..."

} // namespace vigil::console::detail
