#include "vigil/console/seat_issuing.h"

#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"

#include <algorithm>

namespace vigil::console {
namespace {

std::int64_t msSinceEpoch(exam::UtcInstant instant) {
    return instant.time_since_epoch().count();
}

// The package digest is kept as hex (what the coordinator sees); the format holds its bytes.
std::optional<crypto::Digest> digestFromHex(const std::string& hex) {
    crypto::Digest digest{};
    if (hex.size() != digest.size() * 2 || !crypto::fromHex(hex, digest)) {
        return std::nullopt;
    }
    return digest;
}

} // namespace

ConsoleResult<IssuedAssignment> issueSeatAssignment(const Centre& centre,
                                                    const SeatToIssue& request) {
    const Session& session = request.session;
    const auto assessment =
        std::find_if(session.assessments.begin(), session.assessments.end(),
                     [&](const SessionAssessment& candidate) {
                         return candidate.metadata.id == request.seat.assessmentId;
                     });
    if (assessment == session.assessments.end()) {
        return refusal(ConsoleError::UnknownPackage,
                       request.seat.assessmentId + " is not one of " + session.id + "'s");
    }
    const auto digest = digestFromHex(assessment->packageDigest);
    if (!digest) {
        return refusal(ConsoleError::UnknownPackage, assessment->packageDigest);
    }

    const auto startsAt = sessionStartsAt(session, request.centreTimeZone);
    const std::int64_t validUntilMs = msSinceEpoch(
        startsAt + std::chrono::duration_cast<std::chrono::milliseconds>(kAssignmentValidity));
    if (request.nowMs >= validUntilMs) {
        return refusal(ConsoleError::WrongSessionState,
                       session.id + "'s day is over: its seats can no longer be delivered");
    }

    exam::SeatAssignment assignment;
    assignment.sessionId = session.id;
    assignment.centreId = centre.id();
    assignment.centreName = centre.name();
    assignment.room = session.room;
    assignment.seatLabel = request.seat.seat;
    assignment.sessionDate = session.date;
    assignment.candidateName = request.candidate.name;
    assignment.registrationNumber = request.candidate.registrationNumber;
    if (request.photo) {
        assignment.photo = request.photo->bytes;
    }
    // The candidate's access arrangements: the kiosk applies them to the sitting.
    assignment.accessibility = request.arrangements;
    assignment.assessmentId = assessment->metadata.id;
    assignment.assessmentVersion = assessment->metadata.version;
    assignment.packageDigest = *digest;
    assignment.invigilators = request.invigilators;
    assignment.issuedAtMs = request.nowMs;
    assignment.validUntilMs = validUntilMs;
    // A fresh order of items and choices for every delivery of the seat.
    assignment.sittingSeed = crypto::randomUint64();
    assignment.kioskKey = request.kioskKey;

    auto signedBytes = exam::signSeatAssignment(assignment, centre.signingKeys());
    if (!signedBytes) {
        return refusal(ConsoleError::InvalidSession, exam::describe(signedBytes.error()));
    }
    return IssuedAssignment{request.seat.seat, std::move(assignment),
                            std::move(signedBytes.value())};
}

} // namespace vigil::console
