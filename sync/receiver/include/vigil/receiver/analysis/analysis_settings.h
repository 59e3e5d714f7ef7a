#pragma once

#include "vigil/checked.h"

#include <string>
#include <string_view>

namespace vigil::receiver::analysis {

// The thresholds of `vigil-syncd analyse`, each a named setting of the configuration file
// (`analysis.<name> = value`) with its default here; docs/analysis.md says what each flag
// means and how its threshold moves it.
struct AnalysisSettings {
    // Time zone of a centre whose invigilation records name none (an IANA id).
    std::string defaultTimeZone = "Europe/London";

    // unusual-hour: a sitting started outside [usualHoursFrom, usualHoursTo) local time...
    int usualHoursFrom = 7; // analysis.usual-hours-from, 0..23
    int usualHoursTo = 20;  // analysis.usual-hours-to, 1..24
    // ...unless its centre started sittings in that same local hour on at least this many
    // other days (a centre that runs evening sessions is not flagged for them).
    int centreHabitDays = 3; // analysis.centre-habit-days

    // fast-completion: time used below this fraction of the assessment's median time used...
    double fastFraction = 0.3; // analysis.fast-fraction, 0 < f < 1
    // ...where the median is over at least this many sittings of that assessment.
    int fastMinSittings = 5; // analysis.fast-min-sittings

    // frequent-attempts: at least this many attempts at one assessment by one candidate...
    int frequentAttempts = 4; // analysis.frequent-attempts
    // ...whose starts fall within this many days.
    int frequentAttemptsDays = 30; // analysis.frequent-attempts-days

    // pin-two-places: a session without an end time is taken to last this long.
    int sessionHoursWithoutEnd = 3; // analysis.session-hours-without-end

    // resit-interval and daily-limit have no threshold here: exam/rules decides them
    // (exam/data/resit-policy.json and kMaxAssessmentsPerLocalDay).
};

// Applies one `analysis.<name> = value` setting; the sentence of what is wrong otherwise.
[[nodiscard]] Checked<bool, std::string>
applySetting(AnalysisSettings& settings, std::string_view name, std::string_view value);

} // namespace vigil::receiver::analysis
