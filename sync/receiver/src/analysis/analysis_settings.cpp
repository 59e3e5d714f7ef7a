#include "vigil/receiver/analysis/analysis_settings.h"

#include <QTimeZone>
#include <charconv>

namespace vigil::receiver::analysis {
namespace {

template <class Number> bool parse(std::string_view text, Number& out) {
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, out);
    return error == std::errc() && stop == end;
}

Checked<bool, std::string> wholeNumber(std::string_view name, std::string_view value, int& out,
                                       int low, int high) {
    int parsed = 0;
    if (!parse(value, parsed) || parsed < low || parsed > high) {
        return "analysis." + std::string(name) + " must be a whole number from " +
               std::to_string(low) + " to " + std::to_string(high);
    }
    out = parsed;
    return true;
}

} // namespace

Checked<bool, std::string> applySetting(AnalysisSettings& settings, std::string_view name,
                                        std::string_view value) {
    if (name == "time-zone") {
        if (!QTimeZone(QByteArray(value.data(), qsizetype(value.size()))).isValid()) {
            return std::string(
                "analysis.time-zone must be an IANA time zone such as Europe/London");
        }
        settings.defaultTimeZone = std::string(value);
        return true;
    }
    if (name == "usual-hours-from") {
        return wholeNumber(name, value, settings.usualHoursFrom, 0, 23);
    }
    if (name == "usual-hours-to") {
        return wholeNumber(name, value, settings.usualHoursTo, 1, 24);
    }
    if (name == "centre-habit-days") {
        return wholeNumber(name, value, settings.centreHabitDays, 1, 366);
    }
    if (name == "fast-fraction") {
        double fraction = 0;
        if (!parse(value, fraction) || fraction <= 0.0 || fraction >= 1.0) {
            return std::string("analysis.fast-fraction must be a number between 0 and 1");
        }
        settings.fastFraction = fraction;
        return true;
    }
    if (name == "fast-min-sittings") {
        return wholeNumber(name, value, settings.fastMinSittings, 1, 1'000'000);
    }
    if (name == "frequent-attempts") {
        return wholeNumber(name, value, settings.frequentAttempts, 2, 1000);
    }
    if (name == "frequent-attempts-days") {
        return wholeNumber(name, value, settings.frequentAttemptsDays, 1, 3660);
    }
    if (name == "session-hours-without-end") {
        return wholeNumber(name, value, settings.sessionHoursWithoutEnd, 1, 24);
    }
    return "unknown setting analysis." + std::string(name);
}

} // namespace vigil::receiver::analysis
