#include "vigil/receiver/analysis/results_report.h"

#include "centre_time.h"
#include "vigil/receiver/analysis/csv.h"

#include <QDateTime>
#include <algorithm>
#include <tuple>

namespace vigil::receiver::analysis {
namespace {

std::string isoUtc(std::int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate).toStdString();
}

struct Row {
    std::vector<std::string> fields;
    std::tuple<std::string, std::string, std::string, std::string, std::string, std::string> order;
};

} // namespace

ResultsReport resultsReport(const HeldRecords& records, const AssessmentCatalogue& catalogue,
                            const AnalysisSettings& settings, const ReportOptions& options) {
    const CentreTimes times(records, settings.defaultTimeZone);
    std::vector<Row> rows;
    ResultsReport report;
    for (const auto& held : records.results) {
        const auto item = itemIdHex(held.itemId);
        const auto received = isoUtc(held.receivedAtMs);
        const auto standing = std::string(describe(held.standing));
        if (!held.record) {
            const auto arrival = times.local(held.centreId, held.receivedAtMs).date();
            if ((options.from && arrival < *options.from) ||
                (options.to && arrival > *options.to)) {
                continue;
            }
            ++report.notOpened;
            rows.push_back(
                {{held.centreId, "", "",   "",      "", "", "", "", "", "", "", "", "", "", "", "",
                  standing,      "", item, received},
                 {held.centreId, "", "", "", "", item}});
            continue;
        }
        const auto& r = *held.record;
        const auto date = times.local(held.centreId, r.startedWallMs).date();
        if ((options.from && date < *options.from) || (options.to && date > *options.to)) {
            continue;
        }
        const auto qualification = catalogue.find(r.assessmentId).qualificationCode;
        const auto day = date.toString(Qt::ISODate).toStdString();
        const auto started = isoUtc(r.startedWallMs);
        rows.push_back({{held.centreId,
                         qualification,
                         r.assessmentId,
                         r.assessmentVersion,
                         day,
                         r.sessionId,
                         r.seat,
                         r.candidateRegistration,
                         started,
                         isoUtc(r.submittedWallMs),
                         std::to_string(r.timeUsedMs / 1000),
                         r.timedOut ? "yes" : "no",
                         reportNumber(r.score),
                         reportNumber(r.maxScore),
                         reportNumber(r.percentage),
                         r.passed ? "pass" : "fail",
                         standing,
                         r.sittingId,
                         item,
                         received},
                        {held.centreId, qualification, r.assessmentId, day, r.candidateRegistration,
                         started}});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.order, a.fields) < std::tie(b.order, b.fields);
    });
    report.csv = csvLine({"centre",   "qualification", "assessment",  "assessment_version",
                          "date",     "session",       "seat",        "candidate",
                          "started",  "submitted",     "time_used_s", "timed_out",
                          "score",    "max_score",     "percentage",  "outcome",
                          "standing", "sitting",       "item",        "received"});
    for (const auto& row : rows) {
        report.csv += csvLine(row.fields);
    }
    report.rows = rows.size();
    return report;
}

} // namespace vigil::receiver::analysis
