#pragma once

// A session's record as the console's facade would fill it, with a real incident log: shared
// by the record tests (not a test itself: no tst_ prefix).

#include "vigil/console/incident_log.h"
#include "vigil/console/invigilation_record.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/database.h"

#include <QString>
#include <QTest>

namespace vigil::console::fixture {

inline constexpr std::int64_t kNine = 1'796'202'000'000; // 2026-12-02 09:00 UTC, in ms

// Quotes, commas, a line break and a formula: what people can type into a name.
inline const std::string kAwkwardName = "O'Neil, \"Dee\"\n=cmd|' /C calc'!A0";

// A name a spreadsheet would run as a formula.
inline const std::string kFormulaName = "=cmd|' /C calc'!A0";

inline std::vector<CandidateRow> sampleCandidates() {
    return {
        {"Ann Lee", "R0001", "MOT Class 4 (601/8928/9)", "PC-01", "09:02", "10:01", "Pass 31/40",
         "Allowed: The MOT inspection manual; opened 2 times (mot-inspection-manual)"},
        {"Zoë Ångström", "R0002", "Hybrid vehicles (603/1465/5)", "PC-02", "09:03", "09:55",
         "Fail 18/40", "None allowed"},
        {kAwkwardName, "R0003", "MOT Class 4 (601/8928/9)", "PC-04", "09:05", "",
         "Voided: fire alarm"},
        {kFormulaName, "R0004", "Hybrid vehicles (603/1465/5)", "PC-05", "09:06", "10:04",
         "Pass 33/40"},
    };
}

inline RecordData sampleData() {
    RecordData data;
    data.session = {"C-0042",          "Northgate <Training> & Assessment",
                    "S-2026-12-02-AM", "Workshop 2",
                    "2026-12-02",      "09:00",
                    "10:30",           "Europe/London"};
    data.invigilators = {{"Iris Invigilator", "PIN-REF-7F3A"}, {"Ola Second", "PIN-REF-11C0"}};
    const auto candidates = sampleCandidates();
    data.seatingPlan = {
        {{"PC-01", candidates[0].name, candidates[0].registration, candidates[0].assessment},
         {"PC-02", candidates[1].name, candidates[1].registration, candidates[1].assessment},
         {"", "", "", ""}},
        {{"PC-03", "", "", ""},
         {"PC-04", candidates[2].name, candidates[2].registration, candidates[2].assessment},
         {"PC-05", candidates[3].name, candidates[3].registration, candidates[3].assessment}},
    };
    data.candidates = candidates;
    return data;
}

inline Incident incidentAbout(IncidentKind kind, std::vector<IncidentSubject> subjects,
                              std::string description, std::int64_t minute) {
    Incident incident;
    incident.kind = kind;
    incident.scope = subjects.empty()       ? IncidentScope::WholeRoom
                     : subjects.size() == 1 ? IncidentScope::OneCandidate
                                            : IncidentScope::SeveralCandidates;
    incident.subjects = std::move(subjects);
    incident.occurredMs = kNine + minute * 60'000;
    incident.recordedBy = "Iris Invigilator";
    incident.description = std::move(description);
    return incident;
}

// The sample session's incidents, recorded through the real log.
inline std::vector<Incident> sampleIncidents() {
    const IncidentSubject ann{"PC-01", "Ann Lee", "R0001"};
    const IncidentSubject bo{"PC-02", "Zoë Ångström", "R0002"};
    const IncidentSubject dee{"PC-04", kAwkwardName, "R0003"};
    std::vector<Incident> incidents;
    incidents.push_back(incidentAbout(IncidentKind::ReaderUsed, {ann}, "Reader for Ann Lee", 2));
    auto question =
        incidentAbout(IncidentKind::SuspectedQuestionProblem, {bo}, "Diagram labels overlap", 10);
    question.question = QuestionReference{12, "MOT-601-8928-9"};
    incidents.push_back(question);
    auto focus = incidentAbout(IncidentKind::KioskFocusLoss, {dee}, "Focus lost for 4 s", 15);
    focus.recordedBy = "kiosk PC-04";
    incidents.push_back(focus);
    incidents.push_back(incidentAbout(IncidentKind::SuspectedMalpractice, {ann, bo},
                                      "Notes passed between PC-01 and PC-02", 20));
    incidents.push_back(incidentAbout(IncidentKind::FireAlarmOrEvacuation, {},
                                      "Alarm rang, room evacuated 09:40-09:52", 40));
    auto correction =
        incidentAbout(IncidentKind::ReaderUsed, {bo}, "Reader was for Zoë Ångström", 45);
    correction.corrects = 0;
    incidents.push_back(correction);
    return incidents;
}

// A console store holding the sample session's log, and the record built from it.
class RecordFixture {
public:
    RecordFixture() {
        const store::Migration migrations[] = {{1, IncidentLog::schemaSql()}};
        db_.emplace(
            store::Database::open(dir_.filePath("console.db").toStdString(), key_, migrations));
    }

    RecordData record(const std::string& sessionId = "S-2026-12-02-AM") {
        IncidentLog log(*db_, console, sessionId);
        for (const auto& incident : sampleIncidents()) {
            const auto recorded = log.record(incident, incident.occurredMs + 1000);
            if (!recorded) {
                qFatal("fixture: %s", recorded.error().detail.c_str());
            }
        }
        auto data = sampleData();
        data.session.sessionId = sessionId;
        data.incidents = log.chain();
        return data;
    }

    crypto::SigningKeyPair console = crypto::generateSigningKeyPair();
    QTemporaryDir dir_;

private:
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::optional<store::Database> db_;
};

} // namespace vigil::console::fixture
