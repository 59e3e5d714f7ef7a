#pragma once

#include "vigil/exam/eligibility.h"

#include <QDate>
#include <QTimeZone>
#include <chrono>
#include <string>

namespace vigil::exam::rules {

// Instants seen in a centre's local time: its calendar days and how its staff read a time.
class CentreClock {
public:
    // Throws EligibilityInputError for a time zone id Qt's time-zone data does not know.
    explicit CentreClock(const std::string& ianaId);

    [[nodiscard]] QDate localDate(UtcInstant instant) const;
    // The next local midnight after the instant (the first instant of the next local day).
    [[nodiscard]] UtcInstant startOfNextLocalDay(UtcInstant instant) const;

    // "16:05 BST on Friday 28 March 2025"
    [[nodiscard]] std::string describe(UtcInstant instant) const;
    // "16:05 BST"
    [[nodiscard]] std::string describeTime(UtcInstant instant) const;
    // "Friday 28 March 2025"
    [[nodiscard]] static std::string describeDate(QDate date);

    [[nodiscard]] const std::string& zoneId() const { return zoneId_; }

private:
    std::string zoneId_;
    QTimeZone zone_;
};

// "48 hours", "2 hours", "1 hour 30 minutes"
[[nodiscard]] std::string describeDuration(std::chrono::minutes duration);

} // namespace vigil::exam::rules
