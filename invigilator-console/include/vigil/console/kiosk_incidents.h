#pragma once

#include "vigil/console/incident_log.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/store/database.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Incidents raised at a kiosk reach the session's incident log by themselves: each journal
// event of an incident kind (a lockdown finding, a problem reported, a crash and resume, an
// early submission, a pause or extra time given at the seat) becomes one signed entry for that
// seat and its candidate, unread until an invigilator marks it read. Events the console's own
// commands caused (their actor is the command's id) are not taken again: the action was
// recorded when the console sent it.
namespace vigil::console {

// The incident `event` stands for at `subject`'s seat, or none.
[[nodiscard]] std::optional<Incident> incidentFromEvent(const exam::SittingEvent& event,
                                                        const IncidentSubject& subject);

// Whose a sitting is: the console's session and the candidate at the seat.
struct SittingOwner {
    std::string sessionId;
    IncidentSubject subject;
};
using OwnerOf = std::function<std::optional<SittingOwner>(const exam::SittingHeader&)>;

struct UnreadIncident {
    std::uint64_t sequence = 0; // in the session's incident log
    std::string seat;
};

class KioskIncidentIntake {
public:
    // The tables (how far each sitting was taken in; which entries are unread), for the
    // console's migrations.
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    KioskIncidentIntake(store::Database& db, const crypto::SigningKeyPair& consoleKeys);

    // -1 when nothing of the sitting was taken in yet.
    [[nodiscard]] std::int64_t takenThrough(const std::string& sittingId);
    // Takes a sitting's consecutive events in order; those already taken are skipped, so a
    // resend or a restart records nothing twice. The sitting's first event (its header) must
    // come first: `ownerOf` names its session, and a sitting of no session of this console is
    // passed over. The session whose log grew, if any.
    std::optional<std::string> take(const std::string& sittingId,
                                    std::span<const exam::SittingEvent> events,
                                    const OwnerOf& ownerOf, std::int64_t nowMs);

    [[nodiscard]] std::vector<UnreadIncident> unread(const std::string& sessionId);
    [[nodiscard]] std::map<std::string, int> unreadBySeat(const std::string& sessionId);
    // UnknownIncident when the entry is not unread (already read, or not a kiosk's).
    [[nodiscard]] RecordResult<RecordDone> markRead(const std::string& sessionId,
                                                    std::uint64_t sequence,
                                                    const std::string& readBy, std::int64_t nowMs);

private:
    store::Database& db_;
    const crypto::SigningKeyPair& keys_;
};

} // namespace vigil::console
