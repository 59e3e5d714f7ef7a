#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/console/session.h"
#include "vigil/console/signed_in.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/seat_assignment.h"

#include <span>
#include <string>
#include <vector>

namespace vigil::console {

// The centre's sessions and who may see and run them (SessionPlanner sets them up). The
// coordinator sees every one and authorises exports; an invigilator sees, starts and closes only
// the sessions they invigilate. Every refusal is typed (CoordinatorOnly, NotYourSession, ...), and
// every change is recorded in the administration log.
class SessionRegistry {
public:
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    SessionRegistry(ConsoleStore& store, const exam::Clock& clock);

    // The coordinator: every session; an invigilator: theirs. By date and start time.
    [[nodiscard]] std::vector<Session> list(const SignedIn& by);
    // What the session screen shows; NotYourSession for another invigilator's session.
    [[nodiscard]] ConsoleResult<Session> open(const SignedIn& by, const std::string& sessionId);
    // Planned -> Open: the room is running (the live room's first launch). `why` goes into the
    // administration log with who and when.
    [[nodiscard]] ConsoleResult<Session> start(const SignedIn& by, const std::string& sessionId,
                                               std::string_view why = {});
    // Open -> Closed, only once every seat is resolved (checkSeatsResolved); the seats'
    // outcomes are recorded with the session. A planned session (it never opened) closes only
    // when nobody sat: every seat explained, or none. It goes straight to Closed, with no
    // opening time, and the administration log says it never opened; with a seat that sat it is
    // refused (WrongSessionState).
    [[nodiscard]] ConsoleResult<Session> close(const SignedIn& by, const std::string& sessionId,
                                               std::span<const SeatAtClose> seats);
    // What the record's export calls first: only the coordinator exports, any session of the
    // centre (a planned one gives its plan, a closed one the final record). Recorded.
    [[nodiscard]] ConsoleResult<Session> authoriseExport(const SignedIn& by,
                                                         const std::string& sessionId);

    // The session's invigilators as a seat assignment carries them (exam::InvigilatorEntry: id,
    // name, the one credential hash, the qualification flag), so a kiosk can check their PIN
    // and password: for the coordinator and the session's own invigilators.
    [[nodiscard]] ConsoleResult<std::vector<exam::InvigilatorEntry>>
    roster(const SignedIn& by, const std::string& sessionId);

private:
    [[nodiscard]] ConsoleResult<Session> visible(const SignedIn& by, const std::string& sessionId,
                                                 std::string_view what);

    store::Database& db_;
    const exam::Clock& clock_;
};

} // namespace vigil::console
