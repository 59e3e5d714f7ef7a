#include "vigil/console/session_desk.h"

namespace vigil::console {

Checked<SeatAssignment, SeatRefusal> SessionDesk::assign(const std::string& seat,
                                                         const std::string& registrationNumber,
                                                         const std::string& assessmentId) {
    SeatRequest request;
    request.sessionId = session_.id;
    request.seat = seat;
    request.registrationNumber = registrationNumber;
    request.session = facts_;
    for (const auto& assessment : session_.assessments) {
        if (assessment.metadata.id == assessmentId) {
            request.assessment = assessment.metadata;
        }
    }
    if (request.assessment.id.empty()) {
        return SeatRefusal{SeatError::NoAssessment, {}, {}};
    }
    return seating_.assign(request);
}

} // namespace vigil::console
