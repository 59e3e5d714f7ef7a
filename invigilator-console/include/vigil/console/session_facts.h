#pragma once

#include "vigil/console/centre.h"
#include "vigil/console/invigilation_record.h"
#include "vigil/console/seating_service.h"
#include "vigil/console/session.h"

#include <string>
#include <vector>

// A core Session as the other areas take it: what the seating plan's eligibility rules need
// (its start, the centre's time zone, its invigilators with their qualification and assessor
// authorisation) and what the invigilation record prints (centre, session, room, date, times,
// invigilators by name and PIN reference, never a PIN). Plain translations, no checks: the
// caller already holds the Session through a call that checked who is asking.
namespace vigil::console {

[[nodiscard]] SeatingSessionFacts seatingFacts(const Session& session, const Centre& centre);

// endTime: "HH:mm" when the session closed, in the centre's time zone; empty while it runs.
[[nodiscard]] SessionFacts recordFacts(const Session& session, const Centre& centre,
                                       const std::string& endTime);
[[nodiscard]] std::vector<InvigilatorOnRecord> invigilatorsOnRecord(const Session& session);

} // namespace vigil::console
