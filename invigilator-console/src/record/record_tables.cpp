#include "record_tables.h"

#include <QDateTime>
#include <QTimeZone>

namespace vigil::console::detail {

std::vector<IncidentRow> incidentRows(const RecordData& data) {
    std::vector<IncidentRow> rows;
    const auto& zoneId = data.session.timeZone;
    auto zone =
        zoneId.empty() ? QTimeZone::systemTimeZone() : QTimeZone(QByteArray::fromStdString(zoneId));
    if (!zone.isValid()) {
        zone = QTimeZone::systemTimeZone(); // the session table still names the zone given
    }
    for (const auto& entry : readIncidents(data.incidents)) {
        const auto& incident = entry.incident;
        IncidentRow row;
        row.number = std::to_string(entry.sequence);
        const auto occurred = QDateTime::fromMSecsSinceEpoch(incident.occurredMs, zone);
        row.time = occurred.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toStdString();
        row.clock = occurred.toString(QStringLiteral("HH:mm:ss")).toStdString();
        row.kind = std::string(labelOf(incident.kind));
        row.scope = std::string(labelOf(incident.scope));
        for (const auto& subject : incident.subjects) {
            const auto separator = row.seats.empty() ? "" : "; ";
            row.seats += separator + subject.seat;
            row.candidates += separator + subject.candidateName + " (" + subject.registration + ")";
            row.seatsAndCandidates += (row.seatsAndCandidates.empty() ? "" : "\n") + subject.seat +
                                      " " + subject.candidateName + " (" + subject.registration +
                                      ")";
        }
        row.details = incident.description;
        if (incident.question) {
            row.details += " [question " + std::to_string(incident.question->number) + " of " +
                           incident.question->assessmentId + "]";
        }
        if (incident.corrects) {
            row.details += " [corrects #" + std::to_string(*incident.corrects) + "]";
        }
        row.recordedBy = incident.recordedBy;
        if (entry.correctedBy) {
            row.status = "Corrected by #" + std::to_string(*entry.correctedBy);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string invigilatorsLine(const RecordData& data) {
    std::string line;
    for (const auto& invigilator : data.invigilators) {
        line += (line.empty() ? "" : "; ") + invigilator.name + " (PIN ref " +
                invigilator.pinReference + ")";
    }
    return line;
}

} // namespace vigil::console::detail
