#include "record_tables.h"
#include "vigil/console/record_export.h"

#include <QFile>

namespace vigil::console {
namespace {

void appendRow(std::string& csv, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& value : fields) {
        if (!first) {
            csv += ',';
        }
        first = false;
        csv += csvField(value);
    }
    csv += "\r\n";
}

RecordResult<RecordDone> writeFile(const QString& path, const std::string& text) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.flush()) {
        return RecordFailure(RecordError::ExportFailed, std::nullopt,
                             "the CSV could not be written to " + path.toStdString() + ": " +
                                 file.errorString().toStdString());
    }
    return RecordDone{};
}

} // namespace

std::string csvField(std::string_view value) {
    std::string text(value);
    // CSV injection: spreadsheets evaluate a cell starting with one of these as a formula
    // (=HYPERLINK(...), =cmd|...). Names are typed by people, so such a cell is made text with
    // a leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string::npos) {
        text.insert(text.begin(), '\'');
    }
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char character : text) {
        if (character == '"') {
            quoted += '"';
        }
        quoted += character;
    }
    return quoted + '"';
}

RecordCsv recordCsv(const RecordData& data) {
    RecordCsv csv;
    const auto& facts = data.session;
    appendRow(csv.session, {"Centre id", "Centre", "Session", "Room", "Date", "Start time",
                            "End time", "Invigilators", "Time zone"});
    appendRow(csv.session,
              {facts.centreId, facts.centreName, facts.sessionId, facts.room, facts.date,
               facts.startTime, facts.endTime, detail::invigilatorsLine(data), facts.timeZone});

    appendRow(csv.seatingPlan,
              {"Row", "Column", "PC", "Candidate", "Registration number", "Assessment"});
    for (std::size_t row = 0; row < data.seatingPlan.size(); ++row) {
        for (std::size_t column = 0; column < data.seatingPlan[row].size(); ++column) {
            const auto& place = data.seatingPlan[row][column];
            if (place.pc.empty()) {
                continue;
            }
            appendRow(csv.seatingPlan,
                      {std::to_string(row + 1), std::to_string(column + 1), place.pc,
                       place.candidateName, place.registration, place.assessment});
        }
    }

    appendRow(csv.candidates, {"Name", "Registration number", "Assessment", "PC", "Start", "End",
                               "Outcome", "Reference material"});
    for (const auto& candidate : data.candidates) {
        appendRow(csv.candidates,
                  {candidate.name, candidate.registration, candidate.assessment, candidate.pc,
                   candidate.start, candidate.end, candidate.outcome, candidate.referenceMaterial});
    }

    appendRow(csv.incidents, {"Number", "Time", "Kind", "Scope", "PC", "Candidates", "Details",
                              "Recorded by", "Status"});
    for (const auto& incident : detail::incidentRows(data)) {
        appendRow(csv.incidents,
                  {incident.number, incident.time, incident.kind, incident.scope, incident.seats,
                   incident.candidates, incident.details, incident.recordedBy, incident.status});
    }
    return csv;
}

RecordResult<RecordDone> writeRecordCsv(const RecordData& data, const QString& basePath) {
    const auto csv = recordCsv(data);
    const std::pair<const char*, const std::string*> files[] = {
        {"-session.csv", &csv.session},
        {"-seating-plan.csv", &csv.seatingPlan},
        {"-candidates.csv", &csv.candidates},
        {"-incidents.csv", &csv.incidents},
    };
    for (const auto& [suffix, text] : files) {
        if (auto written = writeFile(basePath + QString::fromUtf8(suffix), *text); !written) {
            return written;
        }
    }
    return RecordDone{};
}

} // namespace vigil::console
