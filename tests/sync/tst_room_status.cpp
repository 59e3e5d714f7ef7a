#include "vigil/sync/room_status.h"

#include <QTest>

using namespace vigil::sync;
using namespace std::chrono_literals;

class RoomStatusTest : public QObject {
    Q_OBJECT
private slots:
    void aSeatHeardFromIsConnectedWithItsLastStatus() {
        RoomStatus room(1s, 5);
        room.heard("PC07", {"Question", "s1", 3, 40, 2'000, ""}, 10'000);
        const auto seat = room.seat("PC07", 10'500);
        QVERIFY(seat.has_value());
        QVERIFY(seat->connected);
        QCOMPARE(seat->status->position, 3);
        QCOMPARE(seat->lastHeardMs, std::int64_t(10'000));
        QVERIFY(!room.seat("PC08", 10'500).has_value());
    }

    void fiveMissedHeartbeatsMakeASeatNotConnectedSinceItWasLastHeard() {
        RoomStatus room(1s, 5);
        room.heard("PC07", {"Locked", "", 0, 0, 0, ""}, 10'000);
        QVERIFY(room.seat("PC07", 15'000)->connected);  // exactly five intervals: still fine
        QVERIFY(!room.seat("PC07", 15'001)->connected); // more: silent
        QCOMPARE(room.seat("PC07", 15'001)->lastHeardMs, std::int64_t(10'000));
        room.heard("PC07", {"Locked", "", 0, 0, 0, ""}, 16'000);
        QVERIFY(room.seat("PC07", 16'000)->connected);
    }

    void theSettingChangesHowManyHeartbeatsMayBeMissed() {
        RoomStatus room(2s, 2);
        room.heard("PC07", {"Locked", "", 0, 0, 0, ""}, 0);
        QVERIFY(room.seat("PC07", 4'000)->connected);
        QVERIFY(!room.seat("PC07", 4'001)->connected);
    }

    void aClosedConnectionIsNotConnectedAtOnceButKeepsItsLastStatus() {
        RoomStatus room;
        room.heard("PC07", {"Paused", "s1", 5, 40, 900, ""}, 1'000);
        room.lost("PC07", 1'100);
        const auto seat = room.seat("PC07", 1'100);
        QVERIFY(!seat->connected);
        QCOMPARE(seat->status->screen, std::string("Paused"));
    }

    void seatsAreListedByLabel() {
        RoomStatus room;
        room.heard("PC09", {}, 0);
        room.heard("PC02", {}, 0);
        room.heard("PC07", {}, 0);
        const auto seats = room.seats(0);
        QCOMPARE(seats.size(), std::size_t(3));
        QCOMPARE(seats[0].seat, std::string("PC02"));
        QCOMPARE(seats[2].seat, std::string("PC09"));
    }
};

QTEST_GUILESS_MAIN(RoomStatusTest)
#include "tst_room_status.moc"
