#include "centre_clock.h"

#include <QDateTime>
#include <QLocale>

namespace vigil::exam::rules {
namespace {

QDateTime toLocal(UtcInstant instant, const QTimeZone& zone) {
    return QDateTime::fromMSecsSinceEpoch(instant.time_since_epoch().count(), zone);
}

std::string plural(std::int64_t count, const char* unit) {
    return std::to_string(count) + " " + unit + (count == 1 ? "" : "s");
}

} // namespace

CentreClock::CentreClock(const std::string& ianaId)
    : zoneId_(ianaId)
    , zone_(QByteArray::fromStdString(ianaId)) {
    if (ianaId.empty() || !zone_.isValid()) {
        throw EligibilityInputError("unknown centre time zone \"" + ianaId +
                                    "\": give an IANA time zone id such as Europe/London");
    }
}

QDate CentreClock::localDate(UtcInstant instant) const {
    return toLocal(instant, zone_).date();
}

UtcInstant CentreClock::startOfNextLocalDay(UtcInstant instant) const {
    // QDate::startOfDay skips a gap when a zone's clocks jump over midnight.
    const QDateTime start = localDate(instant).addDays(1).startOfDay(zone_);
    return UtcInstant(std::chrono::milliseconds(start.toMSecsSinceEpoch()));
}

std::string CentreClock::describeTime(UtcInstant instant) const {
    const QDateTime local = toLocal(instant, zone_);
    return (local.time().toString(QStringLiteral("HH:mm")) + u' ' + zone_.abbreviation(local))
        .toStdString();
}

std::string CentreClock::describe(UtcInstant instant) const {
    return describeTime(instant) + " on " + describeDate(localDate(instant));
}

std::string CentreClock::describeDate(QDate date) {
    // Fixed English wording whatever the machine's locale: the sentences are English.
    return QLocale::c().toString(date, QStringLiteral("dddd d MMMM yyyy")).toStdString();
}

std::string describeDuration(std::chrono::minutes duration) {
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(duration);
    const auto minutes = duration - hours;
    if (hours.count() == 0) {
        return plural(minutes.count(), "minute");
    }
    if (minutes.count() == 0) {
        return plural(hours.count(), "hour");
    }
    return plural(hours.count(), "hour") + " " + plural(minutes.count(), "minute");
}

} // namespace vigil::exam::rules
