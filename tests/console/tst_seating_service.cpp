// A session's seating plan kept in the console's encrypted store: every change saved at once
// and there after a restart; seats expected but not connected; the plan as rows of cells for
// the record's layout.
#include "vigil/console/seating_service.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace vigil;
using namespace vigil::console;
using namespace std::chrono;

class SeatingServiceTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::optional<store::Database> db_;

    store::Database& openStore() {
        db_.reset();
        const store::Migration migrations[] = {{1, SeatingStore::schemaSql()}};
        db_.emplace(
            store::Database::open(dir_.filePath("console.db").toStdString(), key_, migrations));
        return *db_;
    }

    static SeatRequest request(const char* seat, const char* number) {
        SeatRequest r;
        r.sessionId = "S1";
        r.seat = seat;
        r.registrationNumber = number;
        r.assessment.id = "MOT-G2";
        r.assessment.qualificationCode = "601/8928/9";
        r.session = {exam::UtcInstant(sys_days(2026y / 12 / 2) + 10h), "Europe/London", {}};
        return r;
    }

private slots:
    void init() {
        db_.reset();
        for (const char* name : {"console.db", "console.db-wal", "console.db-shm"}) {
            QFile::remove(dir_.filePath(name));
        }
        CandidateRoster roster(openStore());
        QVERIFY(roster.add("S1", {"Sam Patel", "REG-40213", std::nullopt}).ok());
        QVERIFY(roster.add("S1", {"Ann Lee", "REG-40214", std::nullopt}).ok());
        QVERIFY(roster.add("S1", {"Bo Chen", "REG-40215", std::nullopt}).ok());
    }

    void thePlanAndEveryChangeSurviveReopeningTheStore() {
        SeatingPlan expected = [] {
            auto made = SeatingPlan::create(3, 4, {"PC01", "PC02", "PC03"});
            return std::move(made).value();
        }();
        {
            SeatingService service(*db_);
            QVERIFY(service.createPlan("S1", 3, 4, {"PC01", "PC02", "PC03"}).ok());
            QVERIFY(service.movePc("S1", "PC02", {2, 3}).ok());
            QVERIFY(service.addPc("S1", "PC04", {1, 0}).ok());
            QVERIFY(service.resize("S1", 3, 5).ok());
            QVERIFY(service.assign(request("PC02", "REG-40213")).ok());
            QVERIFY(service.assign(request("PC04", "REG-40214")).ok());
            QVERIFY(service.clear("S1", "PC04").ok());
        }
        QVERIFY(expected.movePc("PC02", {2, 3}).ok());
        QVERIFY(expected.addPc("PC04", {1, 0}).ok());
        QVERIFY(expected.resize(3, 5).ok());
        QVERIFY(expected.assign({"PC02", "REG-40213", "MOT-G2", 1, false}).ok());

        SeatingService reopened(openStore());
        const auto plan = reopened.plan("S1");
        QVERIFY(plan);
        QVERIFY(*plan == expected);
        QCOMPARE(plan->placeOf("PC02"), std::optional(Place{2, 3}));
        QCOMPARE(plan->columns(), 5);
        QVERIFY(!plan->assignmentAt("PC04"));
        QCOMPARE(reopened.plan("S2"), std::nullopt);
    }

    void refusedChangesAreNotSaved() {
        SeatingService service(*db_);
        QVERIFY(service.createPlan("S1", 1, 2, {"PC01", "PC02"}).ok());
        QCOMPARE(service.createPlan("S1", 4, 4, {}).error(), PlanError::PlanExists);
        QCOMPARE(service.movePc("S1", "PC01", {0, 1}).error(), PlanError::PlaceOccupied);
        QCOMPARE(service.movePc("S1", "PC01", {1, 0}).error(), PlanError::PlaceOutsideRoom);
        QCOMPARE(service.movePc("S2", "PC01", {0, 0}).error(), PlanError::NoPlan);
        QCOMPARE(service.clear("S1", "PC01").error(), PlanError::SeatNotAssigned);
        SeatingService reopened(openStore());
        QCOMPARE(reopened.plan("S1")->rows(), 1);
        QCOMPARE(reopened.plan("S1")->placeOf("PC01"), std::optional(Place{0, 0}));
    }

    void aSeatedCandidateCannotBeRemovedFromTheSession() {
        SeatingService service(*db_);
        QVERIFY(service.createPlan("S1", 1, 2, {"PC01", "PC02"}).ok());
        QVERIFY(service.assign(request("PC01", "REG-40213")).ok());
        CandidateRoster roster(*db_);
        QCOMPARE(roster.remove("S1", "REG-40213").error(), CandidateError::CandidateSeated);
        QVERIFY(service.clear("S1", "PC01").ok());
        QVERIFY(roster.remove("S1", "REG-40213").ok());
    }

    void seatsExpectedButNotConnectedAreListedFrontRowFirst() {
        SeatingService service(*db_);
        QVERIFY(service.createPlan("S1", 2, 2, {"PC01", "PC02", "PC03", "PC04"}).ok());
        QVERIFY(service.assign(request("PC04", "REG-40213")).ok());
        QVERIFY(service.assign(request("PC02", "REG-40214")).ok());
        QVERIFY(service.assign(request("PC03", "REG-40215")).ok());
        const auto missing = service.expectedNotConnected("S1", {"PC01", "PC03"});
        QVERIFY(missing.ok());
        QCOMPARE(missing.value(), (std::vector<std::string>{"PC02", "PC04"}));
        QCOMPARE(service.expectedNotConnected("S2", {}).error(), PlanError::NoPlan);
    }

    void theLayoutGivesEachCellItsSeatCandidateAndAssessment() {
        SeatingService service(*db_);
        QVERIFY(service.createPlan("S1", 2, 3, {"PC01", "PC02"}).ok());
        QVERIFY(service.movePc("S1", "PC02", {1, 2}).ok());
        QVERIFY(service.assign(request("PC02", "REG-40214")).ok());
        const auto layout = service.layout("S1", {{"MOT-G2", "MOT Testing Class 4"}});
        QVERIFY(layout.ok());
        const PlanLayout& plan = layout.value();
        QCOMPARE(plan.rows, 2);
        QCOMPARE(plan.columns, 3);
        QCOMPARE(plan.cells.size(), std::size_t(2));
        QCOMPARE(plan.cells[1].size(), std::size_t(3));
        QCOMPARE(plan.at({0, 0}), (PlanCell{{0, 0}, "PC01", {}, {}, {}, {}}));
        QCOMPARE(plan.at({0, 1}), (PlanCell{{0, 1}, {}, {}, {}, {}, {}}));
        QCOMPARE(
            plan.at({1, 2}),
            (PlanCell{{1, 2}, "PC02", "Ann Lee", "REG-40214", "MOT-G2", "MOT Testing Class 4"}));
    }
};

QTEST_GUILESS_MAIN(SeatingServiceTest)
#include "tst_seating_service.moc"
