#pragma once

#include "vigil/console/record_error.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::console {

// What the awarding body requires a centre to record, and what kiosks raise by themselves.
enum class IncidentKind {
    WrongAssessmentLaunched,
    SubmittedBeforeCompletion,
    ReaderUsed,
    RoomUsed,
    FireAlarmOrEvacuation,
    ItFailure,
    ExplanationOrPronunciationAsked,
    InteractionBetweenCandidates,
    SuspectedQuestionProblem, // question number, assessment id, short description: never the text
    SuspectedMalpractice,     // flagged for the centre coordinator at once
    Other,
    // Raised at a kiosk and sent to the console
    KioskFocusLoss,
    KioskDeniedProgram,
    KioskProblemReport,
    KioskEarlySubmission,
    KioskCrashAndResume,
    KioskMoved,
};

inline constexpr IncidentKind kAllIncidentKinds[] = {
    IncidentKind::WrongAssessmentLaunched,
    IncidentKind::SubmittedBeforeCompletion,
    IncidentKind::ReaderUsed,
    IncidentKind::RoomUsed,
    IncidentKind::FireAlarmOrEvacuation,
    IncidentKind::ItFailure,
    IncidentKind::ExplanationOrPronunciationAsked,
    IncidentKind::InteractionBetweenCandidates,
    IncidentKind::SuspectedQuestionProblem,
    IncidentKind::SuspectedMalpractice,
    IncidentKind::Other,
    IncidentKind::KioskFocusLoss,
    IncidentKind::KioskDeniedProgram,
    IncidentKind::KioskProblemReport,
    IncidentKind::KioskEarlySubmission,
    IncidentKind::KioskCrashAndResume,
    IncidentKind::KioskMoved,
};

// "fire-alarm-evacuation": the stable name in payloads. label(): "Fire alarm / evacuation".
[[nodiscard]] std::string_view codeOf(IncidentKind kind) noexcept;
[[nodiscard]] std::optional<IncidentKind> incidentKindFromCode(std::string_view code) noexcept;
[[nodiscard]] std::string_view labelOf(IncidentKind kind) noexcept;
[[nodiscard]] bool raisedAtKiosk(IncidentKind kind) noexcept;

enum class IncidentScope { OneCandidate, SeveralCandidates, WholeRoom };
[[nodiscard]] std::string_view codeOf(IncidentScope scope) noexcept;
[[nodiscard]] std::string_view labelOf(IncidentScope scope) noexcept;

struct IncidentSubject {
    std::string seat; // the PC's label in the seating plan
    std::string candidateName;
    std::string registration;
    bool operator==(const IncidentSubject&) const = default;
};

// Where a suspected problem with a question lies. Never the question's text or a picture of it.
struct QuestionReference {
    int number = 0; // as the candidate saw it, from 1
    std::string assessmentId;
    bool operator==(const QuestionReference&) const = default;
};

inline constexpr std::size_t kMaxDescriptionChars = 2000;
inline constexpr std::size_t kMaxQuestionProblemChars = 280;

struct Incident {
    IncidentKind kind = IncidentKind::Other;
    IncidentScope scope = IncidentScope::WholeRoom;
    std::vector<IncidentSubject> subjects; // none for the whole room
    std::int64_t occurredMs = 0;           // when it happened (the entry's own time: recorded)
    std::string recordedBy;                // the invigilator, or "kiosk PC-03"
    std::string description;
    std::optional<QuestionReference> question; // SuspectedQuestionProblem only
    std::optional<std::uint64_t> corrects;     // the sequence of the entry this one corrects
    bool operator==(const Incident&) const = default;
};

// Checks what a person must fill in for this kind and scope (see RecordError).
[[nodiscard]] RecordResult<RecordDone> validate(const Incident& incident);

inline constexpr int kIncidentPayloadVersion = 1;

// The entry's payload: canonical JSON (sorted keys, compact, UTF-8) with "format",
// "version" and the session the incident belongs to.
[[nodiscard]] std::vector<std::uint8_t> incidentPayload(const Incident& incident,
                                                        std::string_view sessionId);

struct DecodedIncident {
    std::string sessionId;
    Incident incident;
};
[[nodiscard]] RecordResult<DecodedIncident>
decodeIncidentPayload(std::span<const std::uint8_t> payload);

} // namespace vigil::console
