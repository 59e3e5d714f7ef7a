#include "vigil/console/incident.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <array>

namespace vigil::console {
namespace {

struct KindNames {
    IncidentKind kind;
    std::string_view code;
    std::string_view label;
};

constexpr std::array<KindNames, 17> kKindNames{{
    {IncidentKind::WrongAssessmentLaunched, "wrong-assessment-launched",
     "Wrong assessment launched"},
    {IncidentKind::SubmittedBeforeCompletion, "submitted-before-completion",
     "Submitted before completion"},
    {IncidentKind::ReaderUsed, "reader-used", "Reader used"},
    {IncidentKind::RoomUsed, "room-used", "Room used"},
    {IncidentKind::FireAlarmOrEvacuation, "fire-alarm-evacuation", "Fire alarm / evacuation"},
    {IncidentKind::ItFailure, "it-failure", "IT failure"},
    {IncidentKind::ExplanationOrPronunciationAsked, "explanation-or-pronunciation",
     "Candidate asked for an explanation or pronunciation"},
    {IncidentKind::InteractionBetweenCandidates, "interaction-between-candidates",
     "Interaction between candidates"},
    {IncidentKind::SuspectedQuestionProblem, "question-problem",
     "Suspected problem with a question or diagram"},
    {IncidentKind::SuspectedMalpractice, "suspected-malpractice", "Suspected malpractice"},
    {IncidentKind::Other, "other", "Other"},
    {IncidentKind::KioskFocusLoss, "kiosk-focus-loss", "Focus left the assessment (kiosk)"},
    {IncidentKind::KioskDeniedProgram, "kiosk-denied-program", "Denied program (kiosk)"},
    {IncidentKind::KioskProblemReport, "kiosk-problem-report", "Problem reported (kiosk)"},
    {IncidentKind::KioskEarlySubmission, "kiosk-early-submission", "Early submission (kiosk)"},
    {IncidentKind::KioskCrashAndResume, "kiosk-crash-resume", "Crash and resume (kiosk)"},
    {IncidentKind::KioskMoved, "kiosk-moved", "Moved to another PC (kiosk)"},
}};

const KindNames* namesOf(IncidentKind kind) {
    for (const auto& names : kKindNames) {
        if (names.kind == kind) {
            return &names;
        }
    }
    return nullptr;
}

QString incidentText(const std::string& text) {
    return QString::fromStdString(text);
}

std::string incidentString(const QJsonValue& value) {
    return value.toString().toStdString();
}

constexpr std::string_view kIncidentFormat = "vigil-incident";

} // namespace

std::string_view codeOf(IncidentKind kind) noexcept {
    const auto* names = namesOf(kind);
    return names ? names->code : "other";
}

std::string_view labelOf(IncidentKind kind) noexcept {
    const auto* names = namesOf(kind);
    return names ? names->label : "Other";
}

std::optional<IncidentKind> incidentKindFromCode(std::string_view code) noexcept {
    for (const auto& names : kKindNames) {
        if (names.code == code) {
            return names.kind;
        }
    }
    return std::nullopt;
}

bool raisedAtKiosk(IncidentKind kind) noexcept {
    switch (kind) {
    case IncidentKind::KioskFocusLoss:
    case IncidentKind::KioskDeniedProgram:
    case IncidentKind::KioskProblemReport:
    case IncidentKind::KioskEarlySubmission:
    case IncidentKind::KioskCrashAndResume:
    case IncidentKind::KioskMoved:
        return true;
    default:
        return false;
    }
}

std::string_view codeOf(IncidentScope scope) noexcept {
    switch (scope) {
    case IncidentScope::OneCandidate:
        return "candidate";
    case IncidentScope::SeveralCandidates:
        return "candidates";
    case IncidentScope::WholeRoom:
        return "room";
    }
    return "room";
}

std::string_view labelOf(IncidentScope scope) noexcept {
    switch (scope) {
    case IncidentScope::OneCandidate:
        return "One candidate";
    case IncidentScope::SeveralCandidates:
        return "Several candidates";
    case IncidentScope::WholeRoom:
        return "Whole room";
    }
    return "Whole room";
}

RecordResult<RecordDone> validate(const Incident& incident) {
    if (incident.recordedBy.empty()) {
        return RecordFailure(RecordError::MissingRecorder);
    }
    const auto subjects = incident.subjects.size();
    const bool fits = (incident.scope == IncidentScope::OneCandidate && subjects == 1) ||
                      (incident.scope == IncidentScope::SeveralCandidates && subjects >= 2) ||
                      (incident.scope == IncidentScope::WholeRoom && subjects == 0);
    if (!fits || (raisedAtKiosk(incident.kind) && incident.scope != IncidentScope::OneCandidate)) {
        return RecordFailure(RecordError::SubjectsDoNotFitScope);
    }
    for (const auto& subject : incident.subjects) {
        if (subject.seat.empty()) {
            return RecordFailure(RecordError::MissingSeat);
        }
    }
    const auto length = QString::fromStdString(incident.description).size();
    if (incident.kind == IncidentKind::SuspectedQuestionProblem) {
        if (!incident.question || incident.question->number < 1 ||
            incident.question->assessmentId.empty()) {
            return RecordFailure(RecordError::MissingQuestionDetails);
        }
        if (static_cast<std::size_t>(length) > kMaxQuestionProblemChars) {
            return RecordFailure(RecordError::DescriptionTooLong);
        }
    } else if (static_cast<std::size_t>(length) > kMaxDescriptionChars) {
        return RecordFailure(RecordError::DescriptionTooLong);
    }
    return RecordDone{};
}

std::vector<std::uint8_t> incidentPayload(const Incident& incident, std::string_view sessionId) {
    QJsonArray subjects;
    for (const auto& subject : incident.subjects) {
        subjects.append(QJsonObject{{"seat", incidentText(subject.seat)},
                                    {"name", incidentText(subject.candidateName)},
                                    {"registration", incidentText(subject.registration)}});
    }
    QJsonObject object{
        {"format",
         QString::fromUtf8(kIncidentFormat.data(), static_cast<qsizetype>(kIncidentFormat.size()))},
        {"version", kIncidentPayloadVersion},
        {"session", QString::fromUtf8(sessionId.data(), static_cast<qsizetype>(sessionId.size()))},
        {"kind", QString::fromUtf8(codeOf(incident.kind).data())},
        {"scope", QString::fromUtf8(codeOf(incident.scope).data())},
        {"subjects", subjects},
        {"occurredMs", static_cast<qint64>(incident.occurredMs)},
        {"recordedBy", incidentText(incident.recordedBy)},
        {"description", incidentText(incident.description)},
    };
    if (incident.question) {
        object.insert("question",
                      QJsonObject{{"number", incident.question->number},
                                  {"assessmentId", incidentText(incident.question->assessmentId)}});
    }
    if (incident.corrects) {
        object.insert("corrects", static_cast<qint64>(*incident.corrects));
    }
    // QJsonObject keeps its keys sorted, so the compact form is canonical.
    const auto json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {json.begin(), json.end()};
}

RecordResult<DecodedIncident> decodeIncidentPayload(std::span<const std::uint8_t> payload) {
    const auto malformed = [](std::string why) {
        return RecordFailure(RecordError::MalformedEntry, std::nullopt, std::move(why));
    };
    QJsonParseError parseError{};
    const auto document =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(payload.data()),
                                           static_cast<qsizetype>(payload.size())),
                                &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return malformed("the payload is not JSON");
    }
    const auto object = document.object();
    if (object.value("format").toString() != QLatin1String("vigil-incident")) {
        return malformed("the payload is not an incident");
    }
    if (object.value("version").toInt() != kIncidentPayloadVersion) {
        return malformed("the incident's version is not known to this build");
    }
    const auto kind = incidentKindFromCode(incidentString(object.value("kind")));
    if (!kind) {
        return malformed("the incident's kind is not known to this build");
    }
    DecodedIncident decoded;
    decoded.sessionId = incidentString(object.value("session"));
    auto& incident = decoded.incident;
    incident.kind = *kind;
    const auto scope = object.value("scope").toString();
    if (scope == QLatin1String("candidate")) {
        incident.scope = IncidentScope::OneCandidate;
    } else if (scope == QLatin1String("candidates")) {
        incident.scope = IncidentScope::SeveralCandidates;
    } else if (scope == QLatin1String("room")) {
        incident.scope = IncidentScope::WholeRoom;
    } else {
        return malformed("the incident's scope is not known to this build");
    }
    for (const auto& value : object.value("subjects").toArray()) {
        const auto subject = value.toObject();
        incident.subjects.push_back({incidentString(subject.value("seat")),
                                     incidentString(subject.value("name")),
                                     incidentString(subject.value("registration"))});
    }
    incident.occurredMs = object.value("occurredMs").toInteger();
    incident.recordedBy = incidentString(object.value("recordedBy"));
    incident.description = incidentString(object.value("description"));
    if (object.contains("question")) {
        const auto question = object.value("question").toObject();
        incident.question = QuestionReference{question.value("number").toInt(),
                                              incidentString(question.value("assessmentId"))};
    }
    if (object.contains("corrects")) {
        const auto corrects = object.value("corrects").toInteger(-1);
        if (corrects < 0) {
            return malformed("the incident corrects no valid entry");
        }
        incident.corrects = static_cast<std::uint64_t>(corrects);
    }
    return decoded;
}

} // namespace vigil::console
