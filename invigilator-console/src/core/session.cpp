#include "vigil/console/session.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>
#include <algorithm>

namespace vigil::console {

std::string_view stateName(SessionState state) noexcept {
    switch (state) {
    case SessionState::Planned:
        return "planned";
    case SessionState::Open:
        return "open";
    case SessionState::Closed:
        return "closed";
    }
    return "planned";
}

std::string_view outcomeName(SeatOutcome outcome) noexcept {
    switch (outcome) {
    case SeatOutcome::NotStarted:
        return "not started";
    case SeatOutcome::InProgress:
        return "in progress";
    case SeatOutcome::Submitted:
        return "submitted";
    case SeatOutcome::Voided:
        return "voided";
    case SeatOutcome::Explained:
        return "explained";
    }
    return "not started";
}

bool Session::invigilatedBy(std::string_view userId) const {
    return std::any_of(invigilators.begin(), invigilators.end(),
                       [&](const SessionInvigilator& i) { return i.userId == userId; });
}

exam::UtcInstant sessionStartsAt(const Session& session, const std::string& centreTimeZone) {
    const QDateTime local(
        QDate::fromString(QString::fromStdString(session.date), QStringLiteral("yyyy-MM-dd")),
        QTime::fromString(QString::fromStdString(session.startTime), QStringLiteral("HH:mm")),
        QTimeZone(QByteArray::fromStdString(centreTimeZone)));
    return exam::UtcInstant(std::chrono::milliseconds(local.toMSecsSinceEpoch()));
}

} // namespace vigil::console
