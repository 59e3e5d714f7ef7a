#include "vigil/console/sitting_on_record.h"

#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"

#include <QDateTime>
#include <QTimeZone>
#include <cmath>

namespace vigil::console {

namespace {

// A score in millionths as the result screen shows one: "30", "1.5", "2.25".
std::string scoreText(std::int64_t millionths) {
    auto text = QString::number(double(millionths) / 1'000'000.0, 'f', 2);
    while (text.contains(u'.') && (text.endsWith(u'0') || text.endsWith(u'.'))) {
        text.chop(1);
    }
    return text.toStdString();
}

// "Pass 30/40 (75%)": Resulted's score (millionths) out of the paper's best score, as the
// header recorded it; "Pass, score 30" from a journal that did not record the best score.
std::string resultText(const exam::SittingEvent& resulted, std::int64_t maxScoreMillionths) {
    const std::string verdict = resulted.flagged ? "Pass" : "Fail";
    if (maxScoreMillionths <= 0) {
        return verdict + ", score " + scoreText(resulted.number);
    }
    const auto percent = std::lround(double(resulted.number) * 100.0 / double(maxScoreMillionths));
    return verdict + " " + scoreText(resulted.number) + "/" + scoreText(maxScoreMillionths) + " (" +
           std::to_string(percent) + "%)";
}

} // namespace

std::string timeOnRecord(std::int64_t wallMs, const std::string& timeZone) {
    const QTimeZone zone(QByteArray::fromStdString(timeZone));
    const auto at = zone.isValid() ? QDateTime::fromMSecsSinceEpoch(wallMs, zone)
                                   : QDateTime::fromMSecsSinceEpoch(wallMs);
    return at.toString(QStringLiteral("HH:mm")).toStdString();
}

SittingOnRecord sittingOnRecord(const std::vector<std::string>* journal,
                                const std::string& timeZone) {
    if (!journal || journal->empty()) {
        return {{}, {}, "Not sat", {}};
    }
    SittingOnRecord row{{}, {}, "Not started", {}};
    std::string ended;
    std::string result;
    std::int64_t maxScoreMillionths = 0;
    for (const auto& json : *journal) {
        exam::SittingEvent event;
        try {
            event = exam::parseEventJson(json);
        } catch (const exam::SittingError&) {
            continue; // verified as it arrived; one the record cannot read says nothing here
        }
        switch (event.kind) {
        case exam::EventKind::Created:
            if (event.header) {
                maxScoreMillionths = event.header->maxScoreMillionths;
            }
            break;
        case exam::EventKind::Started:
            if (row.start.empty()) {
                row.start = timeOnRecord(event.wallMs, timeZone);
            }
            row.outcome = "In progress";
            break;
        case exam::EventKind::Submitted:
            ended = "Submitted";
            row.end = timeOnRecord(event.wallMs, timeZone);
            break;
        case exam::EventKind::TimedOut:
            ended = "Time ran out";
            row.end = timeOnRecord(event.wallMs, timeZone);
            break;
        case exam::EventKind::Voided:
            ended = "Voided" + (event.text.empty() ? std::string() : ": " + event.text);
            row.end = timeOnRecord(event.wallMs, timeZone);
            result.clear();
            break;
        case exam::EventKind::Resulted:
            result = resultText(event, maxScoreMillionths);
            break;
        case exam::EventKind::SittingMovedHere:
            row.movedTo.push_back(event.text);
            break;
        default:
            break;
        }
    }
    if (!ended.empty()) {
        row.outcome = result.empty() ? ended : ended + ": " + result;
    }
    return row;
}

std::string pcOnRecord(const std::string& plannedSeat, const std::vector<std::string>& movedTo) {
    auto text = plannedSeat;
    for (const auto& seat : movedTo) {
        text += ", moved to " + seat;
    }
    return text;
}

} // namespace vigil::console
