#pragma once

#include "vigil/exam/sitting_journal.h"

#include <QString>
#include <QVariantList>
#include <span>
#include <vector>

namespace vigil::kiosk {

// One line of the seat's incident list as the invigilator reads it at the kiosk.
struct IncidentRow {
    QString time;   // local "HH:mm:ss" of the event's wall clock
    QString source; // "Kiosk", "Candidate" or the invigilator's id
    QString text;
    bool pending = false; // noted since the last review at the seat
};

// The sitting's incidents (everything the console will log as one), oldest first; notes after
// `reviewedThrough` (the snapshot's) are pending.
[[nodiscard]] std::vector<IncidentRow> incidentRows(std::span<const exam::SittingEvent> events,
                                                    std::int64_t reviewedThrough);
// For QML: a list of maps with the keys time, source, text and pending.
[[nodiscard]] QVariantList toVariantList(const std::vector<IncidentRow>& rows);

} // namespace vigil::kiosk
