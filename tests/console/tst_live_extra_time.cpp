// Extra time offered from a pause or an outage: the live room turns the interval a seat's
// sitting was held up into minutes (rounded up) with a reason from the list: a pause from its
// journal's Paused to Resumed (the pause's reason when the list has it), an outage while the
// sitting was under way from when the console last heard the seat to when it hears it again
// ("IT failure (loss of connection)"). A grant during or after the interval answers it; under a
// minute, or while nothing was under way, nothing is offered.
#include "vigil/console/live_room.h"
#include "vigil/console/seat_actions.h"

#include <QTest>

using namespace vigil;
using namespace vigil::console;

namespace {

constexpr std::int64_t kMinute = 60'000;

PlanLayout twoSeats() {
    PlanLayout layout;
    layout.rows = 1;
    layout.columns = 2;
    layout.cells.resize(1);
    layout.cells[0] = {{{0, 0}, "PC01", "Jordan Ellis", "AB123456", "LV3", {}},
                       {{0, 1}, "PC02", "Sam Patel", "REG-40213", "LV3", {}}};
    return layout;
}

exam::SittingEvent happened(exam::EventKind kind, std::int64_t wallMs, std::string text = {}) {
    exam::SittingEvent made;
    made.kind = kind;
    made.wallMs = wallMs;
    made.text = std::move(text);
    return made;
}

void journal(LiveRoom& room, const std::string& seat, std::vector<exam::SittingEvent> events) {
    room.journal(seat, events);
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

class LiveExtraTimeTest : public QObject {
    Q_OBJECT

private slots:
    void aPauseIsOfferedInWholeMinutesWithItsReason() {
        using enum exam::EventKind;
        LiveRoom room;
        room.setPlan(twoSeats());
        const std::int64_t t0 = 1'800'000'000'000;
        journal(room, "PC01", {happened(Created, t0), happened(Started, t0)});
        journal(room, "PC01", {happened(Paused, t0 + kMinute, "Fire alarm")});
        QVERIFY(!room.seat("PC01")->extraTimeOffer); // still paused
        journal(room, "PC01", {happened(Resumed, t0 + 7 * kMinute + 20'000)});
        const auto offer = room.seat("PC01")->extraTimeOffer;
        QVERIFY(offer.has_value());
        QVERIFY(offer->paused);
        QCOMPARE(offer->minutes, 7); // 6 min 20 s, rounded up
        QCOMPARE(q(offer->reason), QStringLiteral("fire alarm / evacuation"));
        QCOMPARE(offer->fromMs, t0 + kMinute);
        QCOMPARE(q(describeOffer("PC01", *offer, "UTC")),
                 QStringLiteral("PC01 was paused 08:01:00 to 08:07:20: 7 min for fire alarm / "
                                "evacuation"));

        // Granting extra time answers it.
        journal(room, "PC01", {happened(ExtraTimeGranted, t0 + 8 * kMinute, "fire alarm")});
        QVERIFY(!room.seat("PC01")->extraTimeOffer);

        // Extra time given during a pause answers that pause.
        journal(room, "PC01",
                {happened(Paused, t0 + 10 * kMinute, "toilet break"),
                 happened(ExtraTimeGranted, t0 + 11 * kMinute),
                 happened(Resumed, t0 + 15 * kMinute)});
        QVERIFY(!room.seat("PC01")->extraTimeOffer);

        // Under a minute: nothing to offer. A reason not on the list: a disturbance.
        journal(room, "PC01",
                {happened(Paused, t0 + 20 * kMinute, "noise outside"),
                 happened(Resumed, t0 + 20 * kMinute + 59'000)});
        QVERIFY(!room.seat("PC01")->extraTimeOffer);
        journal(room, "PC01",
                {happened(Paused, t0 + 30 * kMinute, "noise outside"),
                 happened(Resumed, t0 + 32 * kMinute)});
        QCOMPARE(room.seat("PC01")->extraTimeOffer->minutes, 2);
        QCOMPARE(q(room.seat("PC01")->extraTimeOffer->reason),
                 QStringLiteral("disturbance in the room"));

        // A new sitting at the seat starts with nothing offered.
        journal(room, "PC01", {happened(Created, t0 + 40 * kMinute)});
        QVERIFY(!room.seat("PC01")->extraTimeOffer);
    }

    void anOutageWhileASittingIsUnderWayIsOffered() {
        using enum exam::EventKind;
        LiveRoom room({std::chrono::milliseconds(1'000), 5});
        room.setPlan(twoSeats());
        const std::int64_t t0 = 1'800'000'000'000;
        // PC02 is heard while Locked, then silent for ten minutes: nothing was under way.
        room.heard("PC02", {"Locked", {}, 0, 0, 0, {}}, t0);
        room.tick(t0 + 10 * kMinute);
        QCOMPARE(room.seat("PC02")->state, SeatState::NotConnected);
        room.heard("PC02", {"Locked", {}, 0, 0, 0, {}}, t0 + 10 * kMinute);
        QVERIFY(!room.seat("PC02")->extraTimeOffer);

        // PC01's sitting is under way when its connection drops for four and a half minutes.
        room.heard("PC01", {"Question", "s-1", 2, 20, 900, {}}, t0);
        journal(room, "PC01", {happened(Created, t0), happened(Started, t0)});
        QVERIFY(room.lost("PC01"));
        QVERIFY(room.heard("PC01", {"Question", "s-1", 3, 20, 630, {}}, t0 + 270'000));
        const auto offer = room.seat("PC01")->extraTimeOffer;
        QVERIFY(offer.has_value());
        QVERIFY(!offer->paused);
        QCOMPARE(offer->minutes, 5);
        QCOMPARE(q(offer->reason), QStringLiteral("IT failure (loss of connection)"));
        QCOMPARE(q(describeOffer("PC01", *offer, "UTC")),
                 QStringLiteral("PC01 was not connected 08:00:00 to 08:04:30: 5 min for IT "
                                "failure (loss of connection)"));
        // The offer is the extra-time action's: a reason from its list, minutes it accepts.
        QVERIFY(checkDetails(SeatAction::ExtraTime, {offer->minutes, offer->reason}).empty());
    }

    void reasonsAndMinutesFollowTheList() {
        QCOMPARE(q(extraTimeReasonForPause("candidate taken ill")),
                 QStringLiteral("candidate taken ill"));
        QCOMPARE(q(extraTimeReasonForPause("IT failure")),
                 QStringLiteral("IT failure (loss of connection)"));
        QCOMPARE(q(extraTimeReasonForPause("Fire ")), QStringLiteral("fire alarm / evacuation"));
        QCOMPARE(q(extraTimeReasonForPause("ill")), QStringLiteral("disturbance in the room"));
        QCOMPARE(q(extraTimeReasonForPause("")), QStringLiteral("disturbance in the room"));
        QCOMPARE(offeredMinutes(0, 59'999), 0);
        QCOMPARE(offeredMinutes(0, 60'000), 1);
        QCOMPARE(offeredMinutes(0, 60'001), 2);
        QCOMPARE(offeredMinutes(0, 24 * 60 * kMinute), 600);
    }
};

QTEST_GUILESS_MAIN(LiveExtraTimeTest)
#include "tst_live_extra_time.moc"
