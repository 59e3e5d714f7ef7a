// The room's grid: pre-filled with the enrolled PCs, PCs moved to free places for odd rooms,
// one candidate per seat and one seat per candidate, and the seats expected but not connected.
#include "vigil/console/seating_plan.h"

#include <QTest>

using namespace vigil::console;

namespace {

SeatingPlan room(int rows, int columns, const std::vector<std::string>& seats) {
    auto plan = SeatingPlan::create(rows, columns, seats);
    if (!plan) {
        qFatal("room: %s", describe(plan.error()).data());
    }
    return std::move(plan).value();
}

SeatAssignment sitting(const char* seat, const char* number, const char* assessment = "MOT-G2") {
    return {seat, number, assessment, 1, false};
}

} // namespace

class SeatingPlanTest : public QObject {
    Q_OBJECT

private slots:
    void theEnrolledPcsFillTheRoomRowByRowFromTheFront() {
        const auto plan = room(2, 3, {"PC01", "PC02", "PC03", "PC04"});
        QCOMPARE(plan.rows(), 2);
        QCOMPARE(plan.columns(), 3);
        QCOMPARE(plan.seatAt({0, 0}), std::optional<std::string>("PC01"));
        QCOMPARE(plan.seatAt({0, 2}), std::optional<std::string>("PC03"));
        QCOMPARE(plan.seatAt({1, 0}), std::optional<std::string>("PC04"));
        QCOMPARE(plan.seatAt({1, 1}), std::nullopt);
    }

    void aRoomTooSmallOrOfNoSizeIsRefused() {
        QCOMPARE(SeatingPlan::create(1, 2, {"PC01", "PC02", "PC03"}).error(),
                 PlanError::RoomTooSmall);
        QCOMPARE(SeatingPlan::create(0, 4, {}).error(), PlanError::GridSizeOutOfRange);
        QCOMPARE(SeatingPlan::create(3, kMaxGridSide + 1, {}).error(),
                 PlanError::GridSizeOutOfRange);
        QCOMPARE(SeatingPlan::create(2, 2, {"PC01", "PC01"}).error(),
                 PlanError::DuplicateSeatLabel);
        QCOMPARE(SeatingPlan::create(2, 2, {""}).error(), PlanError::EmptySeatLabel);
    }

    void aPcMovesToAFreePlaceAndKeepsItsCandidate() {
        auto plan = room(3, 3, {"PC01", "PC02"});
        QVERIFY(plan.assign(sitting("PC01", "REG-1")).ok());
        QVERIFY(plan.movePc("PC01", {2, 2}).ok());
        QCOMPARE(plan.placeOf("PC01"), std::optional(Place{2, 2}));
        QCOMPARE(plan.seatAt({0, 0}), std::nullopt);
        QCOMPARE(plan.assignmentAt("PC01")->registrationNumber, std::string("REG-1"));
        // Listed as the room reads: PC02 is now in front of PC01.
        QCOMPARE(plan.pcs().front().seat, std::string("PC02"));
    }

    void moveOntoAnOccupiedPlaceOrOutsideTheRoomIsRefused() {
        auto plan = room(2, 2, {"PC01", "PC02"});
        QCOMPARE(plan.movePc("PC01", {0, 1}).error(), PlanError::PlaceOccupied);
        QCOMPARE(plan.movePc("PC01", {2, 0}).error(), PlanError::PlaceOutsideRoom);
        QCOMPARE(plan.movePc("PC01", {0, -1}).error(), PlanError::PlaceOutsideRoom);
        QCOMPARE(plan.movePc("PC09", {1, 1}).error(), PlanError::UnknownSeat);
        QCOMPARE(plan.placeOf("PC01"), std::optional(Place{0, 0}));
    }

    void aPcEnrolledLaterIsAddedOnAFreePlaceOnly() {
        auto plan = room(2, 2, {"PC01"});
        QCOMPARE(plan.addPc("PC02", {0, 0}).error(), PlanError::PlaceOccupied);
        QCOMPARE(plan.addPc("PC01", {1, 1}).error(), PlanError::DuplicateSeatLabel);
        QVERIFY(plan.addPc("PC02", {1, 1}).ok());
        QCOMPARE(plan.seatAt({1, 1}), std::optional<std::string>("PC02"));
    }

    // A spare a sitting moves to mid-session joins the room where the invigilator can see it.
    void aSpareTakesTheFirstFreePlaceOrANewRowAtTheBack() {
        auto plan = room(2, 2, {"PC01", "PC02", "PC03"});
        QVERIFY(plan.assign(sitting("PC01", "AB123456")).ok());
        QCOMPARE(plan.placeSpare("PC09").value(), (Place{1, 1}));
        QCOMPARE(plan.seatAt({1, 1}), std::optional<std::string>("PC09"));
        // Already in the room: it stays where it stands.
        QCOMPARE(plan.placeSpare("PC09").value(), (Place{1, 1}));
        QCOMPARE(plan.pcs().size(), std::size_t(4));
        // The room is full: a new row at the back, the grid one row longer.
        QCOMPARE(plan.placeSpare("PC10").value(), (Place{2, 0}));
        QCOMPARE(plan.rows(), 3);
        QCOMPARE(plan.columns(), 2);
        QCOMPARE(plan.placeSpare("PC11").value(), (Place{2, 1}));
        // Nobody is seated at a spare by placing it; the candidate keeps their seat.
        QVERIFY(plan.assignmentAt("PC09") == nullptr);
        QCOMPARE(plan.assignmentAt("PC01")->registrationNumber, std::string("AB123456"));
        QCOMPARE(plan.placeSpare("").error(), PlanError::EmptySeatLabel);
    }

    void aSpareFindsNoPlaceInARoomOfTheLargestGrid() {
        std::vector<std::string> seats;
        for (int i = 0; i < kMaxGridSide; ++i) {
            seats.push_back("PC" + std::to_string(100 + i));
        }
        auto plan = room(kMaxGridSide, 1, seats);
        QCOMPARE(plan.placeSpare("PC99").error(), PlanError::RoomTooSmall);
        QCOMPARE(plan.rows(), kMaxGridSide);
        QVERIFY(!plan.placeOf("PC99"));
    }

    void theGridShrinksOnlyAroundItsPcs() {
        auto plan = room(3, 3, {"PC01", "PC02"});
        QVERIFY(plan.movePc("PC02", {2, 2}).ok());
        QCOMPARE(plan.resize(2, 3).error(), PlanError::PlaceOutsideRoom);
        QVERIFY(plan.movePc("PC02", {0, 1}).ok());
        QVERIFY(plan.resize(1, 2).ok());
        QCOMPARE(plan.rows(), 1);
    }

    void oneCandidatePerSeatAndOneSeatPerCandidate() {
        auto plan = room(1, 3, {"PC01", "PC02", "PC03"});
        QVERIFY(plan.assign(sitting("PC01", "REG-1")).ok());
        QCOMPARE(plan.assign(sitting("PC01", "REG-2")).error(), PlanError::SeatTaken);
        QCOMPARE(plan.assign(sitting("PC02", "REG-1")).error(), PlanError::CandidateAlreadySeated);
        QCOMPARE(plan.assign(sitting("PC09", "REG-2")).error(), PlanError::UnknownSeat);
        QCOMPARE(plan.assign(sitting("PC02", "REG-2", "")).error(), PlanError::NoAssessment);
        QVERIFY(plan.assign(sitting("PC02", "REG-2")).ok());
        QCOMPARE(plan.assignments().size(), std::size_t(2));
        QCOMPARE(plan.assignmentOf("REG-2")->seat, std::string("PC02"));
    }

    void aClearedSeatTakesAnotherCandidate() {
        auto plan = room(1, 2, {"PC01", "PC02"});
        QVERIFY(plan.assign(sitting("PC01", "REG-1")).ok());
        const auto cleared = plan.clear("PC01");
        QVERIFY(cleared.ok());
        QCOMPARE(cleared.value().registrationNumber, std::string("REG-1"));
        QCOMPARE(plan.clear("PC01").error(), PlanError::SeatNotAssigned);
        QVERIFY(plan.assign(sitting("PC01", "REG-2")).ok());
        QVERIFY(plan.assign(sitting("PC02", "REG-1")).ok());
    }

    void aPcWithACandidateCannotLeaveTheRoom() {
        auto plan = room(1, 2, {"PC01", "PC02"});
        QVERIFY(plan.assign(sitting("PC01", "REG-1")).ok());
        QCOMPARE(plan.removePc("PC01").error(), PlanError::PcHasCandidate);
        QVERIFY(plan.removePc("PC02").ok());
        QCOMPARE(plan.pcs().size(), std::size_t(1));
    }

    void seatsWithACandidateButNoConnectedPcAreExpectedNotConnected() {
        auto plan = room(2, 2, {"PC01", "PC02", "PC03", "PC04"});
        QVERIFY(plan.assign(sitting("PC04", "REG-4")).ok());
        QVERIFY(plan.assign(sitting("PC01", "REG-1")).ok());
        QVERIFY(plan.assign(sitting("PC02", "REG-2")).ok());
        // PC03 has nobody: not expected, whether connected or not.
        const auto missing = plan.expectedNotConnected({"PC02", "PC03"});
        QCOMPARE(missing, (std::vector<std::string>{"PC01", "PC04"}));
        QVERIFY(plan.expectedNotConnected({"PC01", "PC02", "PC04"}).empty());
    }
};

QTEST_GUILESS_MAIN(SeatingPlanTest)
#include "tst_seating_plan.moc"
