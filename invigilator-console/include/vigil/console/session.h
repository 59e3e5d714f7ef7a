#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/eligibility.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::console {

// Planned (set up, nobody sits yet) -> Open (the room is running) -> Closed (every seat
// submitted, voided or explained; the record can be exported as final).
enum class SessionState { Planned, Open, Closed };
[[nodiscard]] std::string_view stateName(SessionState state) noexcept; // "planned", ...

// One invigilator of a session, as the session recorded them when they were put on it.
struct SessionInvigilator {
    std::string userId; // the PIN reference the record prints, never the PIN
    std::string name;
    std::string industryQualification; // empty: none recorded
    bool assessor = false;
    std::string assessorAuthorisation; // the coordinator's reference, for an assessor only
    std::string authorisedBy;          // the coordinator who recorded it
};

// One assessment a session uses: the exact package (by digest) and its public metadata.
struct SessionAssessment {
    std::string packageDigest;
    exam::AssessmentMetadata metadata;
};

struct Session {
    std::string id; // "S-0001"
    std::string room;
    std::string date;      // the centre's local date, "2026-11-23"
    std::string startTime; // the centre's local time, "09:30"
    SessionState state = SessionState::Planned;
    std::vector<SessionInvigilator> invigilators;
    std::vector<SessionAssessment> assessments;
    std::string createdBy;
    std::int64_t createdAtMs = 0;
    std::optional<std::int64_t> openedAtMs;
    std::optional<std::int64_t> closedAtMs;

    [[nodiscard]] bool invigilatedBy(std::string_view userId) const;
};

// The session's start as an instant: its date and time in the centre's time zone.
[[nodiscard]] exam::UtcInstant sessionStartsAt(const Session& session,
                                               const std::string& centreTimeZone);

// What the coordinator chooses for a new session.
struct InvigilatorChoice {
    std::string userId;
    // Needed when the user is an assessor: the coordinator's recorded authorisation (a
    // reference such as "AUTH-2026-014"), which goes into the invigilation record.
    std::string assessorAuthorisation;
};

struct SessionPlan {
    std::string room;
    std::string date;      // yyyy-MM-dd, the centre's local date
    std::string startTime; // HH:mm, the centre's local time
    std::vector<InvigilatorChoice> invigilators;
    std::vector<std::string> packageDigests; // imported packages (PackageLibrary)
};

// How a seat ends, as the live room will report it when a session closes. The seam between
// sessions and the live room: close() takes the seats' outcomes, whoever gathers them.
enum class SeatOutcome {
    NotStarted, // a candidate was expected and nothing happened: must be explained
    InProgress,
    Submitted,
    Voided,
    Explained, // anything else, with the invigilator's explanation
};
[[nodiscard]] std::string_view outcomeName(SeatOutcome outcome) noexcept;

struct SeatAtClose {
    std::string seat;      // "PC07"
    std::string candidate; // name, for the refusal's sentence and the record
    SeatOutcome outcome = SeatOutcome::NotStarted;
    std::string explanation; // required for Explained
};

} // namespace vigil::console
