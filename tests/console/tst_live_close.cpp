// Ending a session from the live room: every seat must be submitted, voided or explained. Each
// seat's outcome comes from what the room knows (seatsAtClose): its journal's submission or
// void, followed to the spare PC a sitting moved to, even once the PC is switched off; a seat in
// progress or paused refuses the close by name, and only a seat that never started takes an
// explanation. Then a real console with real kiosk link endpoints closes its session; a session
// nobody sat (never launched) closes as never opened once every seat is explained.
#include "live_fixture.h"
#include "vigil/console/live_closing.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

namespace {

PlanLayout fiveSeats() {
    PlanLayout layout;
    layout.rows = 1;
    layout.columns = 5;
    layout.cells.resize(1);
    layout.cells[0] = {{{0, 0}, "PC01", "Jordan Ellis", "AB123456", "LV3", {}},
                       {{0, 1}, "PC02", "Sam Patel", "REG-40213", "LV3", {}},
                       {{0, 2}, "PC03", "Jo Jones", "REG-40214", "LV3", {}},
                       {{0, 3}, "PC04", "Robin Lee", "REG-40215", "LV3", {}},
                       {{0, 4}, "PC09", {}, {}, {}, {}}};
    return layout;
}

std::vector<exam::SittingEvent> events(std::initializer_list<exam::EventKind> kinds,
                                       const std::string& text = {}) {
    std::vector<exam::SittingEvent> list;
    std::int64_t sequence = 0;
    for (const auto kind : kinds) {
        exam::SittingEvent event;
        event.sequence = sequence++;
        event.kind = kind;
        event.text = text;
        list.push_back(event);
    }
    return list;
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

const SeatAtClose& at(const std::vector<SeatAtClose>& seats, const std::string& label) {
    for (const auto& seat : seats) {
        if (seat.seat == label) {
            return seat;
        }
    }
    throw std::runtime_error("no seat " + label);
}

// The note of the session's latest administration-log entry of `action` ("" when none).
std::string adminNote(LiveConsole& console, const std::string& action) {
    auto select = console.service().store().db().prepare(
        "SELECT note FROM console_admin_log WHERE subject = ? AND action = ? ORDER BY rowid");
    select.bind(1, console.sessionId());
    select.bind(2, action);
    std::string note;
    while (select.step()) {
        note = select.text(0);
    }
    return note;
}

} // namespace

class LiveCloseTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void eachSeatsOutcomeComesFromWhatTheRoomKnows() {
        using enum exam::EventKind;
        LiveRoom room;
        room.setPlan(fiveSeats());
        // PC01 submitted, then its PC was switched off: its journal still says so.
        room.heard("PC01", {"Result", "s-1", 0, 2, 0, {}}, 1);
        room.journal("PC01", events({Created, Started, Submitted}));
        room.lost("PC01");
        // PC02 is paused now.
        room.heard("PC02", {"Paused", "s-2", 1, 2, 600, {}}, 1);
        room.journal("PC02", events({Created, Started, Paused}));
        // PC03's sitting was voided; the kiosk is back on its Locked screen, naming none.
        room.heard("PC03", {"Question", "s-3", 1, 2, 600, {}}, 1);
        room.journal("PC03", events({Created, Started, Voided}));
        room.heard("PC03", {"Locked", {}, 0, 0, 0, {}}, 2);
        // PC04 never came; PC09 (nobody seated) is a spare.
        const std::map<std::string, std::string> explanations{{"PC02", "fire alarm"},
                                                              {"PC04", "candidate absent"}};
        auto seats = seatsAtClose(room, explanations);
        QCOMPARE(seats.size(), std::size_t{4}); // the spare has nobody to account for
        QCOMPARE(at(seats, "PC01").outcome, SeatOutcome::Submitted);
        QCOMPARE(at(seats, "PC02").outcome, SeatOutcome::InProgress); // no explanation helps
        QCOMPARE(at(seats, "PC03").outcome, SeatOutcome::Voided);
        QCOMPARE(at(seats, "PC04").outcome, SeatOutcome::Explained);
        QCOMPARE(q(at(seats, "PC04").explanation), QStringLiteral("candidate absent"));
        QCOMPARE(q(at(seats, "PC01").candidate), QStringLiteral("Jordan Ellis"));
        // A blank explanation is none.
        QCOMPARE(at(seatsAtClose(room, {{"PC04", "  "}}), "PC04").outcome, SeatOutcome::NotStarted);

        // PC02's sitting moves to the spare PC09: in progress until it ends there.
        room.heard("PC02", {"Locked", {}, 0, 0, 0, {}}, 3);
        room.journal("PC02", events({SittingMoved}, "PC09"));
        QCOMPARE(room.seat("PC02")->progress, SittingProgress::MovedAway);
        QCOMPARE(q(describeState(*room.seat("PC02"), "UTC")),
                 QStringLiteral("Moved to PC09; Locked"));
        QCOMPARE(at(seatsAtClose(room, {}), "PC02").outcome, SeatOutcome::InProgress);
        room.journal("PC09", events({Created, Started, SittingMoved, SittingMovedHere}, "PC09"));
        QCOMPARE(at(seatsAtClose(room, {}), "PC02").outcome, SeatOutcome::InProgress);
        room.journal("PC09", events({Submitted}));
        QCOMPARE(at(seatsAtClose(room, {}), "PC02").outcome, SeatOutcome::Submitted);

        // A new sitting at a seat starts afresh.
        room.heard("PC03", {"Question", "s-4", 1, 2, 600, {}}, 4);
        QCOMPARE(at(seatsAtClose(room, {}), "PC03").outcome, SeatOutcome::InProgress);
    }

    void theLiveRoomClosesTheSessionOnlyOnceEverySeatIsResolved() {
        LiveConsole console(dir_.filePath("close").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc02 = console.enrolledKiosk("PC02");
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        const auto assessment = smallAssessment(LiveConsole::kAssessment, false);
        pc01->sit(console.sessionId(), "AB123456", assessment);
        pc02->sit(console.sessionId(), "REG-40213", assessment);
        QVERIFY(eventually([&] { return seatOf(*live, "PC02").state == SeatState::InProgress; }));
        valueOf(live->act(SeatAction::Pause, {"PC02"}, {0, "candidate taken ill"}));
        QVERIFY(eventually([&] { return seatOf(*live, "PC02").state == SeatState::Paused; }));

        auto refused = live->closeSession({{"PC02", "taken ill"}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::SeatsUnresolved);
        QCOMPARE(q(describe(refused.error())),
                 QStringLiteral("the session cannot close while a seat is neither submitted, "
                                "voided nor explained: PC01 (Jordan Ellis) is in progress; PC02 "
                                "(Sam Patel) is in progress; PC03 (Jo Jones) is not started"));
        QCOMPARE(valueOf(console.service().sessions().open(sam, console.sessionId())).state,
                 SessionState::Planned);

        // PC01 submits and its PC is switched off; PC02 is voided; PC03 is explained.
        pc01->answer("q01", "A");
        pc01->submit();
        QVERIFY(eventually(
            [&] { return seatOf(*live, "PC01").progress == SittingProgress::Submitted; }));
        pc01->stop();
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").state == SeatState::NotConnected; }));
        valueOf(live->act(SeatAction::Void, {"PC02"}, {0, "candidate taken ill"}));
        QVERIFY(
            eventually([&] { return seatOf(*live, "PC02").progress == SittingProgress::Voided; }));
        refused = live->closeSession({});
        QCOMPARE(q(describe(refused.error())),
                 QStringLiteral("the session cannot close while a seat is neither submitted, "
                                "voided nor explained: PC03 (Jo Jones) is not started"));

        // Another invigilator cannot close it, even with every seat resolved.
        const auto priya = console.signIn("INV-0043");
        QCOMPARE(console.service().openLive(priya, console.sessionId()).error().error,
                 ConsoleError::NotYourSession);

        const auto closed = valueOf(live->closeSession({{"PC03", "candidate absent"}}));
        QCOMPARE(closed.state, SessionState::Closed);
        // Nothing was launched from this console, yet the candidates sat: the room ran, so the
        // close opened it first and says why.
        QVERIFY(closed.openedAtMs.has_value());
        QCOMPARE(adminNote(console, "session-opened"),
                 std::string("at the close: seats sat without a launch from this console"));
        QCOMPARE(valueOf(console.service().sessions().open(sam, console.sessionId())).state,
                 SessionState::Closed);
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
        bool explained = false;
        for (const auto& entry : desk.incidents().entries()) {
            if (entry.incident.description ==
                "Explained at the session's close: candidate absent") {
                explained = entry.incident.subjects.at(0).seat == "PC03" &&
                            entry.incident.subjects.at(0).candidateName == "Jo Jones" &&
                            entry.incident.recordedBy == "INV-0042";
            }
        }
        QVERIFY(explained);
        QVERIFY(desk.incidents().verify().intact);
        // Closed once: a second close is refused.
        QCOMPARE(live->closeSession({{"PC03", "candidate absent"}}).error().error,
                 ConsoleError::WrongSessionState);
    }

    // Nobody was launched and nobody sat (the group never came): the invigilator explains every
    // seat and the session closes as it stands, never opened; the record keeps each
    // explanation in the incident log.
    void aSessionNobodySatClosesWithoutEverOpening() {
        LiveConsole console(dir_.filePath("never-opened").toStdString(), clock_);
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        QCOMPARE(q(describe(live->closeSession({{"PC01", "coach broke down"}}).error())),
                 QStringLiteral("the session cannot close while a seat is neither submitted, "
                                "voided nor explained: PC02 (Sam Patel) is not started; PC03 "
                                "(Jo Jones) is not started"));
        const auto closed = valueOf(live->closeSession({{"PC01", "coach broke down"},
                                                        {"PC02", "coach broke down"},
                                                        {"PC03", "coach broke down"}}));
        QCOMPARE(closed.state, SessionState::Closed);
        QVERIFY(!closed.openedAtMs.has_value());
        QCOMPARE(adminNote(console, "session-opened"), std::string());
        QCOMPARE(adminNote(console, "session-closed"),
                 std::string("3 seats; never opened: nobody sat"));
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
        int explained = 0;
        for (const auto& entry : desk.incidents().entries()) {
            explained +=
                entry.incident.description == "Explained at the session's close: coach broke down";
        }
        QCOMPARE(explained, 3);
    }
};

QTEST_GUILESS_MAIN(LiveCloseTest)
#include "tst_live_close.moc"
