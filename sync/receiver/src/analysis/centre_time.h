#pragma once

#include "vigil/receiver/analysis/held_records.h"

#include <QDateTime>
#include <QTimeZone>
#include <map>
#include <string>

namespace vigil::receiver::analysis {

// Each centre's local time: the time zone its latest invigilation record names, else the
// configured default. Hours and calendar days of sittings are the centre's, never the
// receiver's.
class CentreTimes {
public:
    CentreTimes(const HeldRecords& records, const std::string& defaultZone);

    [[nodiscard]] QTimeZone zoneOf(const std::string& centreId) const;
    [[nodiscard]] std::string zoneIdOf(const std::string& centreId) const;
    [[nodiscard]] QDateTime local(const std::string& centreId, std::int64_t utcMs) const;
    // "2026-11-02 09:00 GMT"
    [[nodiscard]] std::string describe(const std::string& centreId, std::int64_t utcMs) const;

private:
    std::map<std::string, std::string> zones_;
    std::string defaultZone_;
};

} // namespace vigil::receiver::analysis
