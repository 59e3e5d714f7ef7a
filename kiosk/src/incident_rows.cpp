#include "vigil/kiosk/incident_rows.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariantMap>

namespace vigil::kiosk {

namespace {

QString rowsTr(const char* text) {
    return QCoreApplication::translate("IncidentRows", text);
}

QString sourceOf(const std::string& actor) {
    if (actor == "kiosk" || actor.empty()) {
        return rowsTr("Kiosk");
    }
    if (actor == "candidate") {
        return rowsTr("Candidate");
    }
    return QString::fromStdString(actor);
}

QString describe(const exam::SittingEvent& event) {
    const auto text = QString::fromStdString(event.text);
    switch (event.kind) {
    case exam::EventKind::Paused:
        return rowsTr("Paused: %1").arg(text);
    case exam::EventKind::Interrupted:
        return rowsTr("Sitting interrupted: %1").arg(text);
    case exam::EventKind::ExtraTimeGranted:
        return rowsTr("Extra time of %1 minutes: %2").arg(event.number / 60).arg(text);
    case exam::EventKind::EarlySubmissionConfirmed:
        return rowsTr("Submitted early with %1 questions unanswered").arg(event.number);
    case exam::EventKind::Voided:
        return rowsTr("Sitting voided: %1").arg(text);
    default:
        return text;
    }
}

} // namespace

std::vector<IncidentRow> incidentRows(std::span<const exam::SittingEvent> events,
                                      std::int64_t reviewedThrough) {
    std::vector<IncidentRow> rows;
    for (const auto& event : events) {
        if (!exam::isIncident(event.kind)) {
            continue;
        }
        rows.push_back({QDateTime::fromMSecsSinceEpoch(event.wallMs)
                            .toLocalTime()
                            .toString(QStringLiteral("HH:mm:ss")),
                        sourceOf(event.actor), describe(event),
                        exam::awaitsReview(event, reviewedThrough)});
    }
    return rows;
}

QVariantList toVariantList(const std::vector<IncidentRow>& rows) {
    QVariantList out;
    for (const auto& row : rows) {
        out.append(QVariantMap{{QStringLiteral("time"), row.time},
                               {QStringLiteral("source"), row.source},
                               {QStringLiteral("text"), row.text},
                               {QStringLiteral("pending"), row.pending}});
    }
    return out;
}

} // namespace vigil::kiosk
