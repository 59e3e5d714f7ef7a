#include "centre_time.h"

namespace vigil::receiver::analysis {

CentreTimes::CentreTimes(const HeldRecords& records, const std::string& defaultZone)
    : defaultZone_(defaultZone) {
    std::map<std::string, std::int64_t> latest;
    for (const auto& session : records.sessions) {
        const auto& zone = session.data.session.timeZone;
        if (zone.empty() || !QTimeZone(QByteArray::fromStdString(zone)).isValid()) {
            continue;
        }
        auto& at = latest[session.centreId];
        if (!zones_.contains(session.centreId) || session.receivedAtMs >= at) {
            zones_[session.centreId] = zone;
            at = session.receivedAtMs;
        }
    }
}

std::string CentreTimes::zoneIdOf(const std::string& centreId) const {
    const auto found = zones_.find(centreId);
    return found == zones_.end() ? defaultZone_ : found->second;
}

QTimeZone CentreTimes::zoneOf(const std::string& centreId) const {
    return QTimeZone(QByteArray::fromStdString(zoneIdOf(centreId)));
}

QDateTime CentreTimes::local(const std::string& centreId, std::int64_t utcMs) const {
    return QDateTime::fromMSecsSinceEpoch(utcMs, zoneOf(centreId));
}

std::string CentreTimes::describe(const std::string& centreId, std::int64_t utcMs) const {
    const auto at = local(centreId, utcMs);
    return (at.toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + at.timeZoneAbbreviation())
        .toStdString();
}

} // namespace vigil::receiver::analysis
