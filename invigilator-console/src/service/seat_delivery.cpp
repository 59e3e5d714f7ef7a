#include "vigil/console/console_service.h"
#include "vigil/sync/command_bodies.h"

#include <map>

// ConsoleService::deliverAssignments: the seating plan becomes one signed seat assignment per
// seated candidate, each sent to the PC enrolled at its seat.
namespace vigil::console {

ConsoleResult<std::vector<SeatDelivery>>
ConsoleService::deliverAssignments(const SignedIn& by, const std::string& sessionId,
                                   DeliveryCallback onResult) {
    auto desk = openSession(by, sessionId);
    if (!desk) {
        return desk.error();
    }
    const Session& session = desk.value().session();
    if (session.state == SessionState::Closed) {
        return refusal(ConsoleError::WrongSessionState, sessionId + " is closed");
    }
    auto roster = sessions().roster(by, sessionId);
    if (!roster) {
        return roster.error();
    }
    const auto plan = desk.value().seating().plan(sessionId);
    if (!plan) {
        return std::vector<SeatDelivery>{};
    }
    std::map<std::string, crypto::SigningPublicKey> kioskKeys;
    for (const auto& kiosk : enrolledKiosks()) {
        kioskKeys.emplace(kiosk.seat, kiosk.key);
    }

    std::vector<SeatDelivery> deliveries;
    for (const auto& seat : plan->assignments()) {
        SeatDelivery delivery{seat.seat, {}, {}};
        const auto kiosk = kioskKeys.find(seat.seat);
        const auto candidate = desk.value().candidates().find(sessionId, seat.registrationNumber);
        if (kiosk == kioskKeys.end()) {
            delivery.notSent = refusal(ConsoleError::NoKioskAtSeat, seat.seat);
        } else if (!candidate) {
            delivery.notSent =
                refusal(ConsoleError::InvalidSession,
                        seat.registrationNumber + " is not a candidate of " + sessionId);
        } else {
            const SeatToIssue request{
                session,
                centre_->timeZone(),
                seat,
                *candidate,
                desk.value().candidates().photo(sessionId, seat.registrationNumber),
                roster.value(),
                kiosk->second,
                clock_.wallNowMs()};
            auto issued = issueSeatAssignment(*centre_, request);
            if (!issued) {
                delivery.notSent = issued.error();
            } else {
                sync::ConsoleHub::CommandCallback answer;
                if (onResult) {
                    answer = [onResult, seatLabel = seat.seat](const sync::CommandResult& result) {
                        onResult(seatLabel, result);
                    };
                }
                auto sent = hub_->sendCommand(
                    seat.seat, sync::CommandKind::DeliverAssignment,
                    sync::deliverAssignmentBody(issued.value().signedBytes), std::move(answer));
                if (sent) {
                    delivery.commandId = sent.value().commandId;
                } else {
                    delivery.notSent =
                        refusal(ConsoleError::LinkUnavailable, sync::describe(sent.error()));
                }
            }
        }
        deliveries.push_back(std::move(delivery));
    }
    return deliveries;
}

} // namespace vigil::console
