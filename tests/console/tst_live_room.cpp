// The live room, driven without a window: the LiveRoom model's rules (states from a kiosk's
// status, "not connected since" after N missed heartbeats on the console's clock, counts, the
// filter, unread seats first), then a real console (ConsoleService, its hub on loopback) with
// real kiosk link endpoints holding real sitting journals: each seat shows what its kiosk
// pushes, incidents raised at a kiosk arrive unread in the session's log, bulk actions report
// per seat (applied, refused with the kiosk's reason, not connected, not allowed), each action
// is recorded, and an invigilator cannot act on another's session.
#include "live_fixture.h"
#include "vigil/console/admin_log.h"
#include "vigil/console/live_room.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;
using namespace std::chrono_literals;

namespace {

PlanLayout threeSeats() {
    PlanLayout layout;
    layout.rows = 1;
    layout.columns = 3;
    layout.cells.resize(1);
    layout.cells[0] = {{{0, 0}, "PC01", "Jordan Ellis", "AB123456", "LV3", {}},
                       {{0, 1}, "PC02", "Sam Patel", "REG-40213", "LV3", {}},
                       {{0, 2}, "PC03", {}, {}, {}, {}}};
    return layout;
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

// A console with one kiosk enrolled at `seat`, and the invigilator's live room and session desk
// on today's session, as the slots that watch the session's incident log need them.
struct WatchedSeat {
    WatchedSeat(const std::filesystem::path& folder, exam::ManualClock& clock,
                const std::string& seat)
        : console(folder, clock)
        , kiosk(console.enrolledKiosk(seat))
        , invigilator(console.signIn("INV-0042"))
        , live(valueOf(console.service().openLive(invigilator, console.sessionId())))
        , desk(valueOf(console.service().openSession(invigilator, console.sessionId()))) {}
    LiveConsole console;
    std::unique_ptr<TestKiosk> kiosk;
    SignedIn invigilator;
    std::unique_ptr<LiveSession> live;
    SessionDesk desk;
};

class LiveRoomTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void aSeatSaysWhatItsKioskLastPushed() {
        LiveRoom room;
        room.setPlan(threeSeats());
        QCOMPARE(room.seats().size(), std::size_t{3});
        QCOMPARE(room.seat("PC01")->state, SeatState::NotConnected);
        QCOMPARE(q(describeState(*room.seat("PC01"), "Europe/London")),
                 QStringLiteral("Not connected"));
        QVERIFY(room.heard("PC01", {"Question", "s-1", 3, 20, 725, {}}, 1'000));
        QCOMPARE(q(describeState(*room.seat("PC01"), "Europe/London")),
                 QStringLiteral("In progress: question 3 of 20, 12:05 left"));
        QVERIFY(room.heard("PC02", {"Locked", {}, 0, 0, 0, {}}, 1'000));
        QCOMPARE(room.seat("PC02")->state, SeatState::Locked);
        QVERIFY(room.setLaunched("PC02"));
        QCOMPARE(room.seat("PC02")->state, SeatState::WaitingForLogin);
        QVERIFY(room.heard("PC03", {"OutOfService", {}, 0, 0, 0, "the package is not here"}, 1));
        QCOMPARE(q(describeState(*room.seat("PC03"), "UTC")),
                 QStringLiteral("Out of service: the package is not here"));
        QVERIFY(room.heard("PC01", {"Paused", "s-1", 3, 20, 725, {}}, 1'200));
        QCOMPARE(room.seat("PC01")->state, SeatState::Paused);
        // The same status again is a heartbeat: nothing to redraw.
        QVERIFY(!room.heard("PC01", {"Paused", "s-1", 3, 20, 725, {}}, 2'200));
        QVERIFY(!room.heard("PC09", {"Locked", {}, 0, 0, 0, {}}, 1'000)); // not in the plan
    }

    // PC03, a PC nobody was planned at, takes over Jordan Ellis's sitting from PC01: its seat
    // shows him, so the invigilator sees where he sits now; PC01 says where he went.
    void aSpareShowsTheCandidateWhoseSittingMovedToIt() {
        LiveRoom room;
        room.setPlan(threeSeats());
        QVERIFY(room.heard("PC03", {"Locked", {}, 0, 0, 0, {}}, 1'000));
        QVERIFY(room.seat("PC03")->candidateName.empty());
        QVERIFY(room.setMovedAway("PC01", "PC03"));
        // The spare's next push shows the candidate with it.
        QVERIFY(room.heard("PC03", {"Question", "s-1", 4, 20, 600, {}}, 1'200));
        const auto* spare = room.seat("PC03");
        QCOMPARE(q(spare->candidateName), QStringLiteral("Jordan Ellis"));
        QCOMPARE(q(spare->registrationNumber), QStringLiteral("AB123456"));
        QCOMPARE(q(spare->assessmentId), QStringLiteral("LV3"));
        QCOMPARE(q(spare->movedFrom), QStringLiteral("PC01"));
        QVERIFY(q(describeState(*room.seat("PC01"), "UTC")).startsWith("Moved to PC03"));
        // A seat someone was planned at keeps its own candidate.
        QVERIFY(room.setMovedAway("PC02", "PC01"));
        QVERIFY(room.heard("PC01", {"Locked", {}, 0, 0, 0, {}}, 1'300));
        QCOMPARE(q(room.seat("PC01")->candidateName), QStringLiteral("Jordan Ellis"));
        QVERIFY(room.seat("PC01")->movedFrom.empty());
        // The plan made anew (the spare put on it) keeps following the move.
        room.setPlan(threeSeats());
        QCOMPARE(q(room.seat("PC03")->candidateName), QStringLiteral("Jordan Ellis"));
    }

    void aSilentSeatIsNotConnectedSinceItWasLastHeardAfterNMissedHeartbeats() {
        LiveRoom room({1'000ms, 5});
        room.setPlan(threeSeats());
        const std::int64_t heardAt = 1'767'258'067'000; // 2026-01-01 09:01:07 UTC
        room.heard("PC01", {"Question", "s-1", 1, 2, 600, {}}, heardAt);
        QVERIFY(room.tick(heardAt + 5'000).empty()); // five heartbeats: still connected
        QCOMPARE(room.seat("PC01")->state, SeatState::InProgress);
        QCOMPARE(room.tick(heardAt + 5'001), std::vector<std::string>{"PC01"});
        QCOMPARE(q(describeState(*room.seat("PC01"), "Europe/London")),
                 QStringLiteral("Not connected since 09:01:07"));
        room.heard("PC01", {"Question", "s-1", 1, 2, 590, {}}, heardAt + 8'000);
        QCOMPARE(room.seat("PC01")->state, SeatState::InProgress);
        QVERIFY(room.lost("PC01")); // the connection closed: at once
        QCOMPARE(room.seat("PC01")->state, SeatState::NotConnected);
    }

    void countsFilterAndUnreadSeatsFirst() {
        LiveRoom room;
        room.setPlan(threeSeats());
        room.heard("PC01", {"Question", "s-1", 1, 2, 600, {}}, 1);
        room.heard("PC02", {"Question", "s-2", 1, 2, 600, {}}, 1);
        const auto counts = room.counts();
        QCOMPARE(counts.at(SeatState::InProgress), 2);
        QCOMPARE(counts.at(SeatState::NotConnected), 1);
        QCOMPARE(counts.at(SeatState::Paused), 0);
        QVERIFY(room.setUnread("PC02", 2));
        auto listed = room.listed();
        QCOMPARE(listed.size(), std::size_t{3});
        QCOMPARE(q(listed[0]->seat), QStringLiteral("PC02"));
        QCOMPARE(q(listed[1]->seat), QStringLiteral("PC01"));
        listed = room.listed(SeatState::NotConnected);
        QCOMPARE(listed.size(), std::size_t{1});
        QCOMPARE(q(listed[0]->seat), QStringLiteral("PC03"));
        QCOMPARE(seatStateFromCode(codeOf(SeatState::WaitingForLogin)),
                 std::optional(SeatState::WaitingForLogin));
    }

    void eachSeatShowsWhatItsKioskPushes() {
        LiveConsole console(dir_.filePath("pushes").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc02 = console.enrolledKiosk("PC02");
        auto live =
            valueOf(console.service().openLive(console.signIn("INV-0042"), console.sessionId()));
        QCOMPARE(live->room().seats().size(), std::size_t{3});
        QCOMPARE(q(seatOf(*live, "PC01").candidateName), QStringLiteral("Jordan Ellis"));
        QCOMPARE(q(seatOf(*live, "PC01").assessmentId),
                 QString::fromLatin1(LiveConsole::kAssessment));

        pc01->sit(console.sessionId(), "AB123456",
                  smallAssessment(LiveConsole::kAssessment, false));
        pc01->answer("q01", "A");
        pc01->goTo(1);
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").position == 2; }));
        const auto& seat = seatOf(*live, "PC01");
        QCOMPARE(seat.state, SeatState::InProgress);
        QCOMPARE(q(describeState(seat, live->timeZone())),
                 QStringLiteral("In progress: question 2 of 2, 39:30 left"));
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").lastAnswerSavedMs.has_value(); }));
        QCOMPARE(*seatOf(*live, "PC01").lastAnswerSavedMs, pc01->clock().wallNowMs());
        QCOMPARE(seatOf(*live, "PC02").state, SeatState::Locked);
        QCOMPARE(seatOf(*live, "PC03").state, SeatState::NotConnected);
        const auto counts = live->room().counts();
        QCOMPARE(counts.at(SeatState::InProgress), 1);
        QCOMPARE(counts.at(SeatState::Locked), 1);
        QCOMPARE(counts.at(SeatState::NotConnected), 1);

        // PC02 stops: shown at once as not connected since it was last heard, on the
        // console's clock.
        const auto heard = seatOf(*live, "PC02").lastHeardMs;
        pc02->stop();
        QVERIFY(eventually([&] { return seatOf(*live, "PC02").state == SeatState::NotConnected; }));
        QCOMPARE(q(describeState(seatOf(*live, "PC02"), live->timeZone())),
                 QStringLiteral("Not connected since ") + q(clockTime(heard, live->timeZone())));
        QCOMPARE(heard, clock_.wallNowMs());
    }

    void incidentsRaisedAtAKioskArriveUnreadAndTheirSeatSortsFirst() {
        LiveConsole console(dir_.filePath("incidents").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc03 = console.enrolledKiosk("PC03");
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        pc03->sit(console.sessionId(), "REG-40214",
                  smallAssessment(LiveConsole::kAssessment, false));
        pc03->noteIncident("lockdown: the assessment window lost the focus");
        QVERIFY(eventually([&] { return seatOf(*live, "PC03").unreadIncidents == 1; }));
        QCOMPARE(q(live->room().listed()[0]->seat), QStringLiteral("PC03"));

        const auto unread = live->unread();
        QCOMPARE(unread.size(), std::size_t{1});
        QCOMPARE(q(unread[0].seat), QStringLiteral("PC03"));
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
        const auto entries = desk.incidents().entries();
        QCOMPARE(entries.size(), std::size_t{1});
        const auto& incident = entries[0].incident;
        QCOMPARE(incident.kind, IncidentKind::KioskFocusLoss);
        QCOMPARE(q(incident.subjects.at(0).candidateName), QStringLiteral("Jo Jones"));
        QCOMPARE(q(incident.recordedBy), QStringLiteral("kiosk PC03"));
        QVERIFY(desk.incidents().verify().intact);

        QVERIFY(live->markRead(unread[0].sequence).ok());
        QCOMPARE(seatOf(*live, "PC03").unreadIncidents, 0);
        QVERIFY(!live->markRead(unread[0].sequence).ok()); // read once
        QCOMPARE(q(live->room().listed()[0]->seat), QStringLiteral("PC01"));

        // A console restarted (a new live room) takes nothing twice.
        live.reset();
        live = valueOf(console.service().openLive(sam, console.sessionId()));
        QCOMPARE(desk.incidents().entries().size(), std::size_t{1});
        QCOMPARE(seatOf(*live, "PC03").unreadIncidents, 0);
    }

    // The console is the witness: a kiosk that found its store behind the replica is in the
    // session's incident log, once, however often it says so and across a console restart.
    void aStoreBehindTheReplicaIsLoggedOnce() {
        WatchedSeat room(dir_.filePath("store-behind").toStdString(), clock_, "PC02");
        const std::string problem =
            "the console holds sitting S-1 up to event 12 but this PC's store ends at event 7";
        const sync::KioskStatus behind{"StoreBehind", "S-1", 0, 0, 0, problem};
        room.kiosk->pushStatus(behind);
        QVERIFY(eventually(
            [&] { return seatOf(*room.live, "PC02").state == SeatState::OutOfService; }));
        QVERIFY(eventually([&] { return room.desk.incidents().entries().size() == 1; }));
        // Heartbeats repeat it; a new live room (the console started again) sees it again.
        room.kiosk->pushStatus({"Locked", {}, 0, 0, 0, {}});
        room.kiosk->pushStatus(behind);
        room.live.reset();
        room.live =
            valueOf(room.console.service().openLive(room.invigilator, room.console.sessionId()));
        room.kiosk->pushStatus({"Locked", {}, 0, 0, 0, {}});
        room.kiosk->pushStatus(behind);
        QVERIFY(eventually(
            [&] { return seatOf(*room.live, "PC02").state == SeatState::OutOfService; }));
        QTest::qWait(300);
        const auto entries = room.desk.incidents().entries();
        QCOMPARE(entries.size(), std::size_t{1});
        const auto& incident = entries[0].incident;
        QCOMPARE(incident.kind, IncidentKind::ItFailure);
        QCOMPARE(q(incident.description),
                 QStringLiteral("PC02's store is behind the console's record of sitting S-1: "
                                "restored from an older copy, or deleted"));
        QCOMPARE(q(incident.subjects.at(0).seat), QStringLiteral("PC02"));
        QCOMPARE(q(incident.subjects.at(0).candidateName), QStringLiteral("Sam Patel"));
        QVERIFY(room.desk.incidents().verify().intact);
    }

    // A journal batch the console refuses (here an answer altered in the kiosk's store before it
    // was sent) is in the session's incident log, once, however often the kiosk sends it again.
    void aRefusedJournalIsLoggedOnce() {
        WatchedSeat room(dir_.filePath("refused").toStdString(), clock_, "PC01");
        room.kiosk->sit(room.console.sessionId(), "AB123456",
                        smallAssessment(LiveConsole::kAssessment, false));
        room.kiosk->answer("q01", "A");
        QVERIFY(
            eventually([&] { return seatOf(*room.live, "PC01").lastAnswerSavedMs.has_value(); }));
        room.kiosk->stop();
        room.kiosk->answer("q01", "B");
        room.kiosk->tamperWithLastEvent();
        room.kiosk->start();
        const auto refusals = [&] {
            const auto entries = room.desk.incidents().entries();
            return std::count_if(entries.begin(), entries.end(), [](const IncidentEntry& entry) {
                return entry.incident.description.find("'s journal of sitting") !=
                       std::string::npos;
            });
        };
        const auto notices = [&] {
            std::string all;
            for (const auto& notice : room.console.service().hub()->notices()) {
                all += notice.seat + ": " + notice.text + "\n";
            }
            return all;
        };
        QVERIFY2(eventually([&] { return refusals() == 1; }), notices().c_str());
        // The kiosk sends it again as it reconnects; the console restarted sees it again.
        room.kiosk->stop();
        room.kiosk->start();
        room.live.reset();
        room.live =
            valueOf(room.console.service().openLive(room.invigilator, room.console.sessionId()));
        QTest::qWait(1000);
        QCOMPARE(refusals(), 1);
        const auto entries = room.desk.incidents().entries();
        const auto& incident = entries.back().incident;
        QCOMPARE(incident.kind, IncidentKind::ItFailure);
        QVERIFY2(incident.description.starts_with("PC01's journal of sitting " +
                                                  room.kiosk->sitting()->id() +
                                                  " was refused by the console: "),
                 incident.description.c_str());
        QCOMPARE(q(incident.subjects.at(0).candidateName), QStringLiteral("Jordan Ellis"));
        QVERIFY(room.desk.incidents().verify().intact);
    }

    void bulkActionsReportEachSeatAndAreRecorded() {
        LiveConsole console(dir_.filePath("actions").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc02 = console.enrolledKiosk("PC02");
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        pc01->sit(console.sessionId(), "AB123456",
                  smallAssessment(LiveConsole::kAssessment, false));
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").state == SeatState::InProgress; }));
        QVERIFY(eventually([&] { return seatOf(*live, "PC02").state == SeatState::Locked; }));

        // The whole room: PC01 pauses, PC02 has nothing to pause, PC03 is not connected.
        const auto sent =
            valueOf(live->act(SeatAction::Pause, {"PC01", "PC02", "PC03"}, {0, "fire alarm"}));
        QCOMPARE(sent.size(), std::size_t{3});
        QCOMPARE(sent[0].outcome, ActionOutcome::Sent);
        QCOMPARE(sent[1].outcome, ActionOutcome::NotSent);
        QCOMPARE(q(sent[1].reason), QStringLiteral("nothing to pause: PC02 is Locked"));
        QCOMPARE(sent[2].outcome, ActionOutcome::NotConnected);
        QVERIFY(eventually(
            [&] { return live->outcomes().at("PC01").outcome == ActionOutcome::Applied; }));
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").state == SeatState::Paused; }));
        QVERIFY(pc01->sitting()->state() == exam::SittingState::Paused);

        // Extra time from the pause, then resume.
        QVERIFY(!live->act(SeatAction::ExtraTime, {"PC01"}, {10, {}}).ok()); // no reason
        valueOf(live->act(SeatAction::ExtraTime, {"PC01"}, {10, "fire alarm / evacuation"}));
        QVERIFY(eventually([&] {
            return live->outcomes().at("PC01").action == SeatAction::ExtraTime &&
                   live->outcomes().at("PC01").outcome == ActionOutcome::Applied;
        }));
        QCOMPARE(pc01->sitting()->snapshot().extraTimeSeconds, 600);
        valueOf(live->act(SeatAction::Resume, {"PC01"}, {}));
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").state == SeatState::InProgress; }));
        QCOMPARE(q(describeState(seatOf(*live, "PC01"), live->timeZone())),
                 QStringLiteral("In progress: question 1 of 2, 50:00 left"));

        // The kiosk refuses: its reason comes back for that seat.
        valueOf(live->act(SeatAction::AuthoriseResume, {"PC02"}, {}));
        QVERIFY(eventually(
            [&] { return live->outcomes().at("PC02").outcome == ActionOutcome::Refused; }));
        QCOMPARE(q(live->outcomes().at("PC02").reason), QStringLiteral("no sitting at PC02"));

        // Launch a Locked seat: the content key is sealed to its kiosk; it then waits for login.
        pc02.reset();
        auto pc03 = console.enrolledKiosk("PC03");
        QVERIFY(eventually([&] { return seatOf(*live, "PC03").state == SeatState::Locked; }));
        valueOf(live->act(SeatAction::Launch, {"PC03"}, {}));
        QVERIFY(
            eventually([&] { return seatOf(*live, "PC03").state == SeatState::WaitingForLogin; }));
        QCOMPARE(pc03->applied(), 1);

        // Every action with who and its outcome, in the session's log and the admin log, and
        // none of the kiosk's journal events of those commands taken again as incidents.
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
        QStringList descriptions;
        for (const auto& entry : desk.incidents().entries()) {
            QCOMPARE(q(entry.incident.recordedBy), QStringLiteral("INV-0042"));
            descriptions.append(q(entry.incident.description));
        }
        QVERIFY2(descriptions.contains("From the console: Pause PC01: applied (fire alarm)"),
                 qPrintable(descriptions.join(" | ")));
        QVERIFY(descriptions.contains("From the console: Pause PC02: not sent: nothing to pause: "
                                      "PC02 is Locked (fire alarm)"));
        QVERIFY(descriptions.contains("From the console: Pause PC03: not connected (fire alarm)"));
        QVERIFY(descriptions.contains(
            "From the console: Extra time PC01: applied (10 min, fire alarm / evacuation)"));
        QVERIFY(descriptions.contains("From the console: Resume PC01: applied"));
        QVERIFY(descriptions.contains(
            "From the console: Authorise resume PC02: refused: no sitting at PC02"));
        QVERIFY(descriptions.contains("From the console: Launch PC03: applied"));
        QCOMPARE(descriptions.size(), 7);
        QCOMPARE(live->unread().size(), std::size_t{0});
        const auto admin = AdminLog(console.service().store().db()).entries(console.sessionId());
        QVERIFY(std::any_of(admin.begin(), admin.end(), [](const AdminLogEntry& entry) {
            return entry.action == "live-pause" && entry.actor == "INV-0042" &&
                   entry.note == "PC01 sent, PC02 not sent, PC03 not connected (fire alarm)";
        }));
        // The first launch applied opened the session, with who and where.
        QVERIFY(std::any_of(admin.begin(), admin.end(), [](const AdminLogEntry& entry) {
            return entry.action == "session-opened" && entry.actor == "INV-0042" &&
                   entry.note == "the first launch, at PC03";
        }));
        QCOMPARE(valueOf(console.service().sessions().open(sam, console.sessionId())).state,
                 SessionState::Open);
    }

    void anInvigilatorCannotActOnAnotherInvigilatorsSession() {
        LiveConsole console(dir_.filePath("roles").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        pc01->sit(console.sessionId(), "AB123456",
                  smallAssessment(LiveConsole::kAssessment, false));
        const auto priya = console.signIn("INV-0043");
        auto refused = console.service().openLive(priya, console.sessionId());
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::NotYourSession);
        // The coordinator may; what the room shows is the same.
        auto live = valueOf(console.service().openLive(console.coordinator(), console.sessionId()));
        QVERIFY(eventually([&] { return seatOf(*live, "PC01").state == SeatState::InProgress; }));
        QTest::qWait(300);
        QCOMPARE(pc01->applied(), 0);
        QVERIFY(pc01->sitting()->state() == exam::SittingState::InProgress);
    }
};

QTEST_GUILESS_MAIN(LiveRoomTest)
#include "tst_live_room.moc"
