#include "vigil/console/console_service.h"

// ConsoleService::issueAssignment: one seat of the seating plan becomes the signed seat
// assignment the PC enrolled at that seat receives.
namespace vigil::console {

ConsoleResult<IssuedAssignment> ConsoleService::issueAssignment(const SignedIn& by,
                                                                const std::string& sessionId,
                                                                const std::string& seatLabel,
                                                                const std::string& atPc) {
    auto desk = openSession(by, sessionId);
    if (!desk) {
        return desk.error();
    }
    const Session& session = desk.value().session();
    if (session.state == SessionState::Closed) {
        return refusal(ConsoleError::WrongSessionState, sessionId + " is closed");
    }
    const auto plan = desk.value().seating().plan(sessionId);
    const auto* seat = plan ? plan->assignmentAt(seatLabel) : nullptr;
    if (!seat) {
        return refusal(ConsoleError::InvalidSession, "nobody is seated at " + seatLabel);
    }
    const auto candidate = desk.value().candidates().find(sessionId, seat->registrationNumber);
    if (!candidate) {
        return refusal(ConsoleError::InvalidSession,
                       seat->registrationNumber + " is not a candidate of " + sessionId);
    }
    const std::string pcSeat = atPc.empty() ? seatLabel : atPc;
    std::optional<crypto::SigningPublicKey> kioskKey;
    for (const auto& kiosk : enrolledKiosks()) {
        if (kiosk.seat == pcSeat) {
            kioskKey = kiosk.key;
        }
    }
    if (!kioskKey) {
        return refusal(ConsoleError::NoKioskAtSeat, pcSeat);
    }
    auto roster = sessions().roster(by, sessionId);
    if (!roster) {
        return roster.error();
    }
    auto issuedSeat = *seat;
    issuedSeat.seat = pcSeat;
    const SeatToIssue request{session,
                              centre_->timeZone(),
                              issuedSeat,
                              *candidate,
                              desk.value().candidates().photo(sessionId, seat->registrationNumber),
                              std::move(roster).value(),
                              *kioskKey,
                              clock_.wallNowMs(),
                              desk.value().arrangements().of(sessionId, seat->registrationNumber)};
    return issueSeatAssignment(*centre_, request);
}

} // namespace vigil::console
