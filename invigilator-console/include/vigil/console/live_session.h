#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/kiosk_incidents.h"
#include "vigil/console/live_room.h"
#include "vigil/console/seat_actions.h"
#include "vigil/console/session_desk.h"
#include "vigil/console/signed_in.h"

#include <QObject>
#include <QTimer>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace vigil::sync {
class SittingMove;
class MovedAwayReminder;
} // namespace vigil::sync

namespace vigil::console {

class ConsoleService;

// How a move of a sitting to a spare PC stands (sync::SittingMove's stages, in words).
struct MoveOutcome {
    std::string fromSeat;
    std::string toSeat;
    std::string stage; // "telling the old PC", ..., "moved", "refused"
    std::string reason;
    bool finished = false;
};

// The live room of one session for the person who opened it (ConsoleService::openLive: the
// session's invigilator or the coordinator). It receives the link's pushes (status, journal
// events, a seat gone, command answers) on the hub's thread and applies them on its own
// thread, in order: the LiveRoom's seats, the kiosks' incidents into the session's log
// (unread), each action's outcome per seat. A timer on the heartbeat marks seats silent for
// too long. Nothing polls the hub. Qt Core only (signals), no window.
class LiveSession : public QObject {
    Q_OBJECT

public:
    ~LiveSession() override;

    [[nodiscard]] const Session& session() const noexcept { return desk_.session(); }
    [[nodiscard]] const LiveRoom& room() const noexcept { return room_; }
    [[nodiscard]] const std::string& timeZone() const noexcept { return timeZone_; }

    // The seating plan again (after it changed), keeping what is known of each seat.
    void reloadPlan();
    // Seats silent for too long become "not connected since" (the timer calls it too).
    void tick();

    // Sends `action` to each of `seats` as a signed command, after checking again that this
    // person may act on the session (NotYourSession, ...). Each seat's outcome: Sent (the
    // kiosk's answer follows: seatAnswered), NotConnected, or NotSent with why; a bulk action
    // goes on past a seat that cannot take it. Each is recorded (who, when, the outcome) in
    // the session's incident log for that seat, and the action in the administration log.
    [[nodiscard]] ConsoleResult<std::vector<SeatActionResult>>
    act(SeatAction action, const std::vector<std::string>& seats, const ActionDetails& details);
    // Every seat's latest outcome, by seat.
    [[nodiscard]] const std::map<std::string, SeatActionResult>& outcomes() const noexcept {
        return outcomes_;
    }

    // Moves the started sitting at `fromSeat` to the spare PC enrolled and connected at
    // `toSeat` (sync::SittingMove, stepped from a timer on this object's thread), after the
    // same check as act(). The old PC, when connected, is told first; a dead one is passed over
    // only when `oldPcConfirmedDead`. Refused (nothing starts) when the spare is not enrolled
    // (NoKioskAtSeat) or not connected (LinkUnavailable), or no sitting started at `fromSeat`
    // (InvalidSession). The start and the end are recorded in the session's incident log for
    // both seats; moves() holds each move's stage, seatAnswered signals it changed.
    [[nodiscard]] ConsoleResult<MoveOutcome>
    moveSitting(const std::string& fromSeat, const std::string& toSeat, bool oldPcConfirmedDead);
    // Every move's latest stage, by the seat it left.
    [[nodiscard]] const std::map<std::string, MoveOutcome>& moves() const noexcept {
        return moves_;
    }

    // Closes the session from what the room knows of each seat (seatsAtClose): refused with
    // SeatsUnresolved naming every seat in progress or paused and every seat that neither
    // ended nor has an explanation in `explanations` (by seat). The session opened at its first
    // launch; one still planned (never launched from here) closes as never opened when nobody
    // sat, and is opened first, saying why, when a seat sat all the same (launched outside the
    // console). Once closed, each explanation is recorded in the session's incident log for
    // its seat. The closed session.
    [[nodiscard]] ConsoleResult<Session>
    closeSession(const std::map<std::string, std::string>& explanations);

    // The kiosks' incidents not yet read, oldest first, and marking one read (recorded with
    // who and when).
    [[nodiscard]] std::vector<UnreadIncident> unread();
    // The same, as the session's log holds them.
    [[nodiscard]] std::vector<IncidentEntry> unreadEntries();
    // The seat's history, oldest first: every entry of the session's incident log about it
    // (each console action and its outcome, the kiosk's incidents, what an invigilator
    // recorded for that seat).
    [[nodiscard]] std::vector<IncidentEntry> historyOf(const std::string& seat);
    [[nodiscard]] ConsoleResult<Done> markRead(std::uint64_t sequence);

signals:
    void seatChanged(const QString& seat);  // one seat's view changed
    void planChanged();                     // the seats themselves changed
    void seatAnswered(const QString& seat); // outcomes() changed for the seat
    void incidentsChanged();                // the session's incident log grew or was read
    void sessionOpened();                   // the first launch opened the planned session

private:
    friend class ConsoleService;
    LiveSession(ConsoleService& service, const SignedIn& by, SessionDesk desk);

    void onStatus(const std::string& seat, const sync::KioskStatus& status);
    void onJournal(const std::string& seat, const sync::JournalEvents& batch);
    void onLost(const std::string& seat);
    void onAnswer(const std::string& seat, const sync::CommandResult& result);
    // Planned -> Open when a launch is first applied at a seat: the room runs from then on.
    void openOnFirstLaunch(const std::string& seat);
    void takeIn(const std::string& seat, const std::string& sittingId,
                std::vector<exam::SittingEvent> events);
    void catchUp();
    void refreshUnread();
    [[nodiscard]] std::optional<SittingOwner> ownerOf(const exam::SittingHeader& header) const;
    [[nodiscard]] std::string bodyFor(SeatAction action, const LiveSeat& seat,
                                      const ActionDetails& details, std::string& whyNot);
    void record(const SeatActionResult& result, const std::string& details, std::int64_t sentMs);
    void recordAt(const std::string& seat, const std::string& description, std::int64_t atMs,
                  IncidentKind kind = IncidentKind::Other);
    // A kiosk found its store behind the console's replica: into the session's log, once.
    void noteStoreBehind(const std::string& seat, const sync::KioskStatus& status);
    // An IT failure the link found at a seat of this room, into the session's log once.
    void noteOnce(const std::string& seat, const std::string& description);
    void stepMoves();

    ConsoleService& service_;
    SignedIn by_;
    SessionDesk desk_;
    std::string timeZone_;
    LiveRoom room_;
    KioskIncidentIntake intake_;
    // Command id -> what was asked, until the kiosk answers.
    struct Pending {
        SeatActionResult result;
        std::string details;
        std::int64_t sentMs = 0;
    };
    std::map<std::string, Pending> pending_;
    std::map<std::string, SeatActionResult> outcomes_;
    QTimer silence_;
    // Moves in progress by the seat they leave, stepped by moveTicks_ while any is.
    std::map<std::string, std::unique_ptr<sync::SittingMove>> running_;
    std::map<std::string, MoveOutcome> moves_;
    QTimer moveTicks_;
    std::unique_ptr<sync::MovedAwayReminder> reminder_;
    // What noteOnce recorded or found in the log, so each heartbeat does not look again.
    std::set<std::string> noted_;
};

} // namespace vigil::console
