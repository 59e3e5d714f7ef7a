#include "vigil/console/session_facts.h"

#include "vigil/console/invigilator_rules.h"

namespace vigil::console {

SeatingSessionFacts seatingFacts(const Session& session, const Centre& centre) {
    SeatingSessionFacts facts;
    facts.start = sessionStartsAt(session, centre.timeZone());
    facts.centreTimeZone = centre.timeZone();
    for (const auto& invigilator : session.invigilators) {
        facts.invigilators.push_back(eligibilityInvigilator(invigilator));
    }
    return facts;
}

SessionFacts recordFacts(const Session& session, const Centre& centre, const std::string& endTime) {
    return {centre.id(),  centre.name(),     session.id, session.room,
            session.date, session.startTime, endTime,    centre.timeZone()};
}

std::vector<InvigilatorOnRecord> invigilatorsOnRecord(const Session& session) {
    std::vector<InvigilatorOnRecord> invigilators;
    for (const auto& invigilator : session.invigilators) {
        invigilators.push_back({invigilator.name, invigilator.userId});
    }
    return invigilators;
}

} // namespace vigil::console
