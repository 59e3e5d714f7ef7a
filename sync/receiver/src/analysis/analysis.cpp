#include "vigil/receiver/analysis/analysis.h"

#include "centre_time.h"
#include "vigil/exam/eligibility.h"
#include "vigil/receiver/analysis/csv.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace vigil::receiver::analysis {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

using Results = std::vector<const HeldResult*>;

std::string minutes(std::int64_t ms) {
    return std::to_string((ms + kMinuteMs / 2) / kMinuteMs) + " min";
}

std::string twoDigits(int hour) {
    return (hour < 10 ? "0" : "") + std::to_string(hour) + ":00";
}

// What the analysis reads of one result, in the evidence.
class Describer {
public:
    explicit Describer(const CentreTimes& times)
        : times_(times) {}

    [[nodiscard]] Evidence result(const HeldResult& held) const {
        const auto& r = *held.record;
        std::string detail = "candidate " + r.candidateRegistration + ", " + r.assessmentId + " " +
                             r.assessmentVersion + ", centre " + held.centreId + ", session " +
                             r.sessionId + ", seat " + r.seat + ", started " +
                             times_.describe(held.centreId, r.startedWallMs) + ", submitted " +
                             times_.describe(held.centreId, r.submittedWallMs) + ", time used " +
                             minutes(r.timeUsedMs) + ", score " + reportNumber(r.score) + "/" +
                             reportNumber(r.maxScore) + (r.passed ? " (pass)" : " (fail)") +
                             ", journal event " + std::to_string(r.journalSequence) + " head " +
                             crypto::toHex(r.journalHead).substr(0, 16);
        return {itemIdHex(held.itemId), "result-record", std::move(detail)};
    }

    [[nodiscard]] static Evidence head(const HeldJournalHead& held) {
        return {itemIdHex(held.itemId), "journal-head",
                "sitting " + held.head.sittingId + ", centre " + held.centreId +
                    ", the console's journal ends at event " +
                    std::to_string(held.head.head.sequence) + " head " +
                    crypto::toHex(held.head.head.hash).substr(0, 16) + ", signed by kiosk key " +
                    crypto::toHex(crypto::keyIdOf(held.head.signer)) +
                    (held.signatureValid ? "" : " (the signature does not verify)")};
    }

    [[nodiscard]] static Evidence session(const HeldInvigilationRecord& held,
                                          const std::string& pinReference) {
        const auto& facts = held.data.session;
        std::string invigilator;
        for (const auto& person : held.data.invigilators) {
            if (person.pinReference == pinReference) {
                invigilator = person.name;
            }
        }
        return {itemIdHex(held.itemId), "invigilation-record",
                "session " + facts.sessionId + ", centre " + held.centreId + ", room " +
                    facts.room + ", " + facts.date + " " + facts.startTime + "-" + facts.endTime +
                    " " + facts.timeZone + ", invigilator " + invigilator + " (PIN reference " +
                    pinReference + ")"};
    }

private:
    const CentreTimes& times_;
};

std::int64_t startOf(const HeldResult* held) {
    return held->record->startedWallMs;
}

void byStart(Results& results) {
    std::sort(results.begin(), results.end(), [](const HeldResult* a, const HeldResult* b) {
        return startOf(a) != startOf(b) ? startOf(a) < startOf(b) : a->itemId < b->itemId;
    });
}

void unusualHours(const Results& results, const AnalysisSettings& settings,
                  const CentreTimes& times, const Describer& describer, std::vector<Flag>& flags) {
    // Per centre and local hour: the local days on which it started sittings in that hour.
    std::map<std::pair<std::string, int>, std::set<QDate>> daysByHour;
    for (const auto* held : results) {
        const auto at = times.local(held->centreId, startOf(held));
        daysByHour[{held->centreId, at.time().hour()}].insert(at.date());
    }
    for (const auto* held : results) {
        const auto at = times.local(held->centreId, startOf(held));
        const int hour = at.time().hour();
        if (hour >= settings.usualHoursFrom && hour < settings.usualHoursTo) {
            continue;
        }
        const auto otherDays =
            static_cast<int>(daysByHour[{held->centreId, hour}].size()) - 1; // not its own day
        if (otherDays >= settings.centreHabitDays) {
            continue;
        }
        flags.push_back({FlagKind::UnusualHour,
                         held->centreId,
                         "candidate " + held->record->candidateRegistration,
                         "started at " + times.describe(held->centreId, startOf(held)) +
                             ", outside the usual hours " + twoDigits(settings.usualHoursFrom) +
                             "-" + twoDigits(settings.usualHoursTo) + ", and centre " +
                             held->centreId + " started sittings in that hour on " +
                             std::to_string(otherDays) + " other days (fewer than " +
                             std::to_string(settings.centreHabitDays) + ")",
                         {describer.result(*held)}});
    }
}

void fastCompletions(const Results& results, const AnalysisSettings& settings,
                     const Describer& describer, std::vector<Flag>& flags) {
    std::map<std::string, Results> byAssessment;
    for (const auto* held : results) {
        byAssessment[held->record->assessmentId].push_back(held);
    }
    for (const auto& [assessment, sittings] : byAssessment) {
        if (static_cast<int>(sittings.size()) < settings.fastMinSittings) {
            continue;
        }
        std::vector<std::int64_t> used;
        for (const auto* held : sittings) {
            used.push_back(held->record->timeUsedMs);
        }
        std::sort(used.begin(), used.end());
        const auto middle = used.size() / 2;
        const double median = used.size() % 2 == 1
                                  ? double(used[middle])
                                  : (double(used[middle - 1]) + double(used[middle])) / 2.0;
        for (const auto* held : sittings) {
            if (double(held->record->timeUsedMs) >= settings.fastFraction * median) {
                continue;
            }
            flags.push_back({FlagKind::FastCompletion,
                             held->centreId,
                             "candidate " + held->record->candidateRegistration,
                             "completed " + assessment + " in " +
                                 minutes(held->record->timeUsedMs) + ", under " +
                                 reportNumber(settings.fastFraction * 100) + "% of its median " +
                                 minutes(std::llround(median)) + " over " +
                                 std::to_string(sittings.size()) + " sittings",
                             {describer.result(*held)}});
        }
    }
}

std::string centresOf(const Results& results) {
    std::set<std::string> centres;
    for (const auto* held : results) {
        centres.insert(held->centreId);
    }
    std::string joined;
    for (const auto& centre : centres) {
        joined += (joined.empty() ? "" : " ") + centre;
    }
    return joined;
}

void frequentAttempts(const std::map<std::string, Results>& byCandidate,
                      const AnalysisSettings& settings, const Describer& describer,
                      std::vector<Flag>& flags) {
    for (const auto& [candidate, attempts] : byCandidate) {
        std::map<std::string, Results> byAssessment;
        for (const auto* held : attempts) {
            byAssessment[held->record->assessmentId].push_back(held);
        }
        for (const auto& [assessment, same] : byAssessment) {
            // The most attempts whose starts fall within the window.
            std::size_t bestFirst = 0;
            std::size_t bestCount = 0;
            for (std::size_t first = 0, last = 0; first < same.size(); ++first) {
                last = std::max(last, first);
                while (last + 1 < same.size() && startOf(same[last + 1]) - startOf(same[first]) <=
                                                     settings.frequentAttemptsDays * kDayMs) {
                    ++last;
                }
                if (last - first + 1 > bestCount) {
                    bestFirst = first;
                    bestCount = last - first + 1;
                }
            }
            if (static_cast<int>(bestCount) < settings.frequentAttempts) {
                continue;
            }
            Results window(same.begin() + std::ptrdiff_t(bestFirst),
                           same.begin() + std::ptrdiff_t(bestFirst + bestCount));
            Flag flag{FlagKind::FrequentAttempts,
                      centresOf(window),
                      "candidate " + candidate,
                      std::to_string(bestCount) + " attempts at " + assessment + " within " +
                          std::to_string(settings.frequentAttemptsDays) + " days (" +
                          std::to_string(settings.frequentAttempts) + " or more are flagged)",
                      {}};
            for (const auto* held : window) {
                flag.evidence.push_back(describer.result(*held));
            }
            flags.push_back(std::move(flag));
        }
    }
}

// The rule's sentence, as the console would show it, without the console's "Eligible from ...":
// the sitting has taken place.
std::string whatTheRuleSays(const std::string& reason) {
    const auto eligible = reason.find(" Eligible from ");
    return eligible == std::string::npos ? reason : reason.substr(0, eligible);
}

exam::UtcInstant instant(std::int64_t ms) {
    return exam::UtcInstant(std::chrono::milliseconds(ms));
}

// The resit wait and the day limit, decided by exam/rules exactly as the console decides them
// before seating a candidate: each result is put to checkEligibility as a proposed sitting,
// with the candidate's earlier results as its history.
void eligibilityRules(const std::map<std::string, Results>& byCandidate,
                      const AssessmentCatalogue& catalogue, const CentreTimes& times,
                      const Describer& describer, std::vector<Flag>& flags) {
    const auto& policy = exam::ResitPolicy::compiledIn();
    for (const auto& [candidate, attempts] : byCandidate) {
        for (std::size_t i = 0; i < attempts.size(); ++i) {
            const auto& proposed = *attempts[i];
            const auto& record = *proposed.record;
            const auto& entry = catalogue.find(record.assessmentId);
            exam::EligibilityRequest request;
            request.candidate = {"candidate:" + candidate, candidate, candidate};
            request.invigilator = {"analysis", "", "(not known to the analysis)", false, false, {}};
            request.assessment.id = record.assessmentId;
            request.assessment.version = record.assessmentVersion;
            request.assessment.qualificationCode = entry.qualificationCode;
            request.assessmentCategories = entry.categories;
            request.sessionStart = instant(record.startedWallMs);
            request.centreTimeZone = times.zoneIdOf(proposed.centreId);
            for (std::size_t j = 0; j < i; ++j) {
                const auto& past = *attempts[j]->record;
                if (past.startedWallMs >= record.startedWallMs) {
                    continue; // started at the same instant: neither came before the other
                }
                request.history.push_back(
                    {past.assessmentId, catalogue.find(past.assessmentId).qualificationCode,
                     instant(past.startedWallMs),
                     instant(std::max(past.submittedWallMs, past.startedWallMs)),
                     past.passed ? exam::AttemptOutcome::Pass : exam::AttemptOutcome::Fail});
            }
            exam::EligibilityDecision decision;
            try {
                decision = exam::checkEligibility(request, policy);
            } catch (const exam::EligibilityInputError&) {
                continue; // a time zone Qt does not know: the settings refuse it before this
            }
            const auto subject = "candidate " + candidate;
            if (const auto* refusal = decision.find(exam::EligibilityRule::ResitInterval)) {
                Flag flag{FlagKind::ResitInterval,
                          proposed.centreId,
                          subject,
                          whatTheRuleSays(refusal->reason),
                          {}};
                for (std::size_t j = i; j-- > 0;) {
                    const auto& past = *attempts[j]->record;
                    if (past.assessmentId == record.assessmentId && !past.passed &&
                        past.startedWallMs < record.startedWallMs) {
                        flag.evidence.push_back(describer.result(*attempts[j]));
                        break; // the fail the wait runs from
                    }
                }
                flag.evidence.push_back(describer.result(proposed));
                flags.push_back(std::move(flag));
            }
            if (const auto* refusal = decision.find(exam::EligibilityRule::DailyLimit)) {
                Flag flag{FlagKind::DailyLimit,
                          proposed.centreId,
                          subject,
                          whatTheRuleSays(refusal->reason),
                          {}};
                const auto day = times.local(proposed.centreId, record.startedWallMs).date();
                for (std::size_t j = 0; j < i; ++j) {
                    if (times.local(proposed.centreId, startOf(attempts[j])).date() == day) {
                        flag.evidence.push_back(describer.result(*attempts[j]));
                    }
                }
                flag.evidence.push_back(describer.result(proposed));
                flags.push_back(std::move(flag));
            }
        }
    }
}

struct SessionSpan {
    const HeldInvigilationRecord* record = nullptr;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};

std::optional<SessionSpan> spanOf(const HeldInvigilationRecord& held, const CentreTimes& times,
                                  const AnalysisSettings& settings) {
    const auto& facts = held.data.session;
    const auto zone = facts.timeZone.empty() ? times.zoneOf(held.centreId)
                                             : QTimeZone(QByteArray::fromStdString(facts.timeZone));
    const auto date = QDate::fromString(QString::fromStdString(facts.date), Qt::ISODate);
    const auto start = QTime::fromString(QString::fromStdString(facts.startTime), "HH:mm");
    if (!date.isValid() || !start.isValid() || !zone.isValid()) {
        return std::nullopt;
    }
    const auto from = QDateTime(date, start, zone).toMSecsSinceEpoch();
    const auto end = QTime::fromString(QString::fromStdString(facts.endTime), "HH:mm");
    std::int64_t to = from + std::int64_t(settings.sessionHoursWithoutEnd) * 60 * kMinuteMs;
    if (end.isValid()) {
        to = QDateTime(end < start ? date.addDays(1) : date, end, zone).toMSecsSinceEpoch();
    }
    return SessionSpan{&held, from, to};
}

void pinInTwoPlaces(const HeldRecords& records, const AnalysisSettings& settings,
                    const CentreTimes& times, std::vector<Flag>& flags) {
    // The latest record of each session (a record exported again after a change is a new item).
    std::map<std::pair<std::string, std::string>, const HeldInvigilationRecord*> latest;
    for (const auto& held : records.sessions) {
        auto& kept = latest[{held.centreId, held.data.session.sessionId}];
        if (!kept || held.receivedAtMs >= kept->receivedAtMs) {
            kept = &held;
        }
    }
    std::map<std::string, std::vector<SessionSpan>> byPin;
    for (const auto& [key, held] : latest) {
        const auto span = spanOf(*held, times, settings);
        if (!span) {
            continue;
        }
        std::set<std::string> pins;
        for (const auto& invigilator : held->data.invigilators) {
            if (!invigilator.pinReference.empty()) {
                pins.insert(invigilator.pinReference);
            }
        }
        for (const auto& pin : pins) {
            byPin[pin].push_back(*span);
        }
    }
    for (const auto& [pin, spans] : byPin) {
        for (std::size_t a = 0; a < spans.size(); ++a) {
            for (std::size_t b = a + 1; b < spans.size(); ++b) {
                const auto& first = *spans[a].record;
                const auto& second = *spans[b].record;
                const bool samePlace = first.centreId == second.centreId &&
                                       first.data.session.room == second.data.session.room;
                const bool overlap =
                    spans[a].fromMs < spans[b].toMs && spans[b].fromMs < spans[a].toMs;
                if (samePlace || !overlap) {
                    continue;
                }
                const auto centres = first.centreId == second.centreId
                                         ? first.centreId
                                         : std::min(first.centreId, second.centreId) + " " +
                                               std::max(first.centreId, second.centreId);
                flags.push_back(
                    {FlagKind::PinTwoPlaces,
                     centres,
                     "PIN reference " + pin,
                     "invigilating session " + first.data.session.sessionId + " (" +
                         first.centreId + ", " + first.data.session.room + ") and session " +
                         second.data.session.sessionId + " (" + second.centreId + ", " +
                         second.data.session.room + ") at overlapping times",
                     {Describer::session(first, pin), Describer::session(second, pin)}});
            }
        }
    }
}

void journalMismatches(const Results& results, const HeldRecords& records,
                       const Describer& describer, std::vector<Flag>& flags) {
    std::map<std::string, std::vector<const HeldJournalHead*>> headsBySitting;
    for (const auto& held : records.heads) {
        headsBySitting[held.head.sittingId].push_back(&held);
    }
    for (const auto* held : results) {
        const auto& record = *held->record;
        const auto found = headsBySitting.find(record.sittingId);
        std::vector<std::string> reasons;
        Flag flag{FlagKind::JournalMismatch,
                  held->centreId,
                  "sitting " + record.sittingId + " (candidate " + record.candidateRegistration +
                      ")",
                  {},
                  {describer.result(*held)}};
        if (found == headsBySitting.end()) {
            reasons.push_back("the console sent no journal head for this sitting");
        } else {
            std::int64_t furthest = -1;
            for (const auto* head : found->second) {
                bool relevant = false;
                const auto& signedHead = head->head;
                furthest = std::max(furthest, signedHead.head.sequence);
                if (!head->signatureValid) {
                    reasons.push_back("a journal head's signature does not verify");
                    relevant = true;
                }
                if (crypto::keyIdOf(signedHead.signer) != record.kioskKeyId) {
                    reasons.push_back("the console's journal is signed by another kiosk than the "
                                      "result");
                    relevant = true;
                }
                if (signedHead.head.sequence == record.journalSequence &&
                    signedHead.head.hash != record.journalHead) {
                    reasons.push_back("at event " + std::to_string(record.journalSequence) +
                                      " the console's journal has another head than the result "
                                      "names");
                    relevant = true;
                }
                if (relevant) {
                    flag.evidence.push_back(Describer::head(*head));
                }
            }
            if (furthest < record.journalSequence) {
                reasons.push_back(
                    "the result names event " + std::to_string(record.journalSequence) +
                    " but the console's journal ends at event " + std::to_string(furthest));
                for (const auto* head : found->second) {
                    if (head->head.head.sequence == furthest) {
                        flag.evidence.push_back(Describer::head(*head));
                        break;
                    }
                }
            }
        }
        if (reasons.empty()) {
            continue;
        }
        for (const auto& reason : reasons) {
            flag.summary += (flag.summary.empty() ? "" : "; ") + reason;
        }
        flags.push_back(std::move(flag));
    }
}

} // namespace

std::string_view kindName(FlagKind kind) noexcept {
    switch (kind) {
    case FlagKind::UnusualHour:
        return "unusual-hour";
    case FlagKind::FastCompletion:
        return "fast-completion";
    case FlagKind::FrequentAttempts:
        return "frequent-attempts";
    case FlagKind::PinTwoPlaces:
        return "pin-two-places";
    case FlagKind::ResitInterval:
        return "resit-interval";
    case FlagKind::DailyLimit:
        return "daily-limit";
    case FlagKind::JournalMismatch:
        return "journal-mismatch";
    }
    return "unusual-hour";
}

std::vector<Flag> analyse(const HeldRecords& records, const AnalysisSettings& settings,
                          const AssessmentCatalogue& catalogue) {
    const CentreTimes times(records, settings.defaultTimeZone);
    const Describer describer(times);
    auto results = records.readResults();
    byStart(results);
    std::map<std::string, Results> byCandidate; // each in start order
    for (const auto* held : results) {
        byCandidate[held->record->candidateRegistration].push_back(held);
    }

    std::vector<Flag> flags;
    unusualHours(results, settings, times, describer, flags);
    fastCompletions(results, settings, describer, flags);
    frequentAttempts(byCandidate, settings, describer, flags);
    pinInTwoPlaces(records, settings, times, flags);
    eligibilityRules(byCandidate, catalogue, times, describer, flags);
    journalMismatches(results, records, describer, flags);
    std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) {
        return std::tie(a.kind, a.centreId, a.subject) < std::tie(b.kind, b.centreId, b.subject);
    });
    return flags;
}

std::string flagsCsv(const std::vector<Flag>& flags) {
    auto csv = csvLine({"flag", "kind", "centre", "subject", "summary", "evidence_item",
                        "evidence_kind", "evidence"});
    for (std::size_t i = 0; i < flags.size(); ++i) {
        const auto& flag = flags[i];
        for (const auto& evidence : flag.evidence) {
            csv += csvLine({std::to_string(i + 1), std::string(kindName(flag.kind)), flag.centreId,
                            flag.subject, flag.summary, evidence.itemId, evidence.itemKind,
                            evidence.detail});
        }
    }
    return csv;
}

} // namespace vigil::receiver::analysis
