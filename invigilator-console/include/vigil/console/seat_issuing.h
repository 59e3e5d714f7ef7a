#pragma once

#include "vigil/console/candidate_roster.h"
#include "vigil/console/centre.h"
#include "vigil/console/console_error.h"
#include "vigil/console/seating_plan.h"
#include "vigil/console/session.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/seat_assignment.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The signed seat assignment a kiosk needs for one seat of a session: built from what the
// console holds (the session, its seating plan, the candidate, the session's invigilators'
// credential hashes and the enrolled PC's key) and signed with the centre's key, the one the
// kiosks pin. It carries no content key: that is sealed to the kiosk at launch (sync's
// launchBodyFor), so a delivered seat opens nothing before the invigilator launches it.
namespace vigil::console {

// How long a delivered assignment stays valid after the session's start: the session's day.
inline constexpr std::chrono::hours kAssignmentValidity{14};

struct SeatToIssue {
    const Session& session;
    std::string centreTimeZone;
    SeatAssignment seat;              // the plan's seat: candidate and assessment
    const RosterCandidate& candidate; // the seat's candidate
    std::optional<CandidatePhoto> photo;
    std::vector<exam::InvigilatorEntry> invigilators; // SessionRegistry::roster
    crypto::SigningPublicKey kioskKey{};              // the PC enrolled at the seat
    std::int64_t nowMs = 0;
    exam::AccessibilityOptions arrangements{}; // the candidate's (AccessArrangements)
};

struct IssuedAssignment {
    std::string seat;
    exam::SeatAssignment assignment;
    std::vector<std::uint8_t> signedBytes; // what the deliver-assignment command carries
};

// WrongSessionState once the session's day is over (the kiosk would refuse it as expired);
// UnknownPackage when the seat's assessment is not one of the session's; a field the
// seat-assignment format refuses (a name too long for it) as InvalidSession with its reason.
[[nodiscard]] ConsoleResult<IssuedAssignment> issueSeatAssignment(const Centre& centre,
                                                                  const SeatToIssue& seat);

} // namespace vigil::console
