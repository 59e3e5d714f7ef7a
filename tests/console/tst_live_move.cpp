// Issue 11, "Moving a sitting to a spare PC", from the console's live room: the refusals of
// LiveSession::moveSitting through the real service (ConsoleService, its hub on loopback, real
// kiosk link endpoints with real sitting journals). Nothing starts and nothing is recorded
// when the spare is not enrolled or not connected, the old seat has no started sitting, or the
// seat is not in the plan.
#include "live_fixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

class LiveMoveTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void aMoveIsRefusedWithoutAStartedSittingOrAnEnrolledConnectedSpare() {
        LiveConsole console(dir_.filePath("move").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc02 = console.enrolledKiosk("PC02");
        auto pc03 = console.enrolledKiosk("PC03");
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        pc01->sit(console.sessionId(), "AB123456",
                  smallAssessment(LiveConsole::kAssessment, false));
        QVERIFY(eventually([&] {
            return seatOf(*live, "PC01").state == SeatState::InProgress &&
                   !seatOf(*live, "PC01").sittingId.empty();
        }));
        QVERIFY(eventually([&] { return seatOf(*live, "PC02").state == SeatState::Locked; }));
        // PC03 is enrolled but goes away.
        pc03.reset();
        QVERIFY(eventually([&] {
            for (const auto& seat : console.service().hub()->room()) {
                if (seat.seat == "PC03") {
                    return !seat.connected;
                }
            }
            return true;
        }));

        auto notEnrolled = live->moveSitting("PC01", "PC09", false);
        QVERIFY(!notEnrolled);
        QCOMPARE(notEnrolled.error().error, ConsoleError::NoKioskAtSeat);
        QCOMPARE(QString::fromStdString(notEnrolled.error().detail),
                 QStringLiteral("PC09 is not enrolled"));

        auto notConnected = live->moveSitting("PC01", "PC03", true);
        QVERIFY(!notConnected);
        QCOMPARE(notConnected.error().error, ConsoleError::LinkUnavailable);
        QCOMPARE(QString::fromStdString(notConnected.error().detail),
                 QStringLiteral("PC03 is not connected"));

        auto noSitting = live->moveSitting("PC02", "PC01", false);
        QVERIFY(!noSitting);
        QCOMPARE(noSitting.error().error, ConsoleError::InvalidSession);
        QCOMPARE(QString::fromStdString(noSitting.error().detail),
                 QStringLiteral("no sitting has started at PC02"));

        auto notInPlan = live->moveSitting("PC42", "PC02", false);
        QVERIFY(!notInPlan);
        QCOMPARE(notInPlan.error().error, ConsoleError::InvalidSession);

        // Nothing started, nothing recorded, and PC01's sitting goes on where it is.
        QVERIFY(live->moves().empty());
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
        QCOMPARE(desk.incidents().entries().size(), std::size_t{0});
        QCOMPARE(pc01->applied(), 0);
        QVERIFY(pc01->sitting()->state() == exam::SittingState::InProgress);
    }

    // The spare PC12 is enrolled but on no place of the plan (2 x 3, PC01-PC03 in the front
    // row): the move puts it on the first free place, so the live room has a seat for it, which
    // shows the candidate carrying on there; PC01's history says where the spare went.
    void aSpareOffThePlanJoinsItAndShowsTheCandidate() {
        LiveConsole console(dir_.filePath("spare").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc12 = console.enrolledKiosk("PC12");
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        QVERIFY(!live->room().seat("PC12"));
        const auto assessment = smallAssessment(LiveConsole::kAssessment, false);
        pc01->sit(console.sessionId(), "AB123456", assessment);
        pc01->answer("q01", "A");
        QVERIFY(eventually([&] {
            return seatOf(*live, "PC01").state == SeatState::InProgress &&
                   !seatOf(*live, "PC01").sittingId.empty();
        }));
        pc12->standBy(assessment);

        const auto moving = live->moveSitting("PC01", "PC12", false);
        QVERIFY2(moving.ok(), moving ? "" : describe(moving.error()).c_str());
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
        const auto plan = desk.seating().plan(console.sessionId());
        QVERIFY(plan);
        QCOMPARE(plan->placeOf("PC12"), std::optional<Place>(Place{1, 0}));
        QVERIFY(plan->assignmentAt("PC12") == nullptr); // PC01 stays the candidate's seat
        QVERIFY(eventually([&] { return live->moves().at("PC01").finished; }));
        QCOMPARE(live->moves().at("PC01").stage, std::string("moved"));

        QVERIFY(eventually([&] {
            return seatOf(*live, "PC12").candidateName == "Jordan Ellis" &&
                   seatOf(*live, "PC12").sittingId == seatOf(*live, "PC01").sittingId;
        }));
        QCOMPARE(QString::fromStdString(seatOf(*live, "PC12").movedFrom), QStringLiteral("PC01"));
        bool placedOnRecord = false;
        for (const auto& entry : desk.incidents().entries()) {
            placedOnRecord =
                placedOnRecord || entry.incident.description ==
                                      "From the console: the spare PC12 put on the seating plan at "
                                      "row 2, place 1";
        }
        QVERIFY(placedOnRecord);
    }

    void anotherInvigilatorCannotOpenTheRoomToMoveASitting() {
        LiveConsole console(dir_.filePath("roles").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        pc01->sit(console.sessionId(), "AB123456",
                  smallAssessment(LiveConsole::kAssessment, false));
        const auto priya = console.signIn("INV-0043");
        auto refused = console.service().openLive(priya, console.sessionId());
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::NotYourSession);
    }
};

QTEST_GUILESS_MAIN(LiveMoveTest)
#include "tst_live_move.moc"
