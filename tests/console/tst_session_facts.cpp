// A core session handed to the other areas: its facts run the seating plan's eligibility rules
// (the invigilators as the core recorded them) and head the invigilation record, on the one
// store that holds every area's tables.
#include "core_fixture.h"
#include "vigil/console/candidate_roster.h"
#include "vigil/console/incident_log.h"
#include "vigil/console/session_facts.h"

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

class SessionFactsTest : public QObject {
    Q_OBJECT

    CoreFixture f_;
    std::optional<SignedIn> coordinator_;
    Session session_;

private slots:
    void initTestCase() {
        auto migrations = ConsoleStore::coreMigrations();
        const int next = static_cast<int>(migrations.size()) + 1;
        migrations.push_back({next, SeatingStore::schemaSql()});
        migrations.push_back({next + 1, IncidentLog::schemaSql()});
        f_.createCentre(migrations);
        coordinator_ = f_.coordinator();
        f_.addInvigilator(*coordinator_, "INV-0042", "Sam Carter");
        f_.addInvigilator(*coordinator_, "ASR-0005", "Dana Whitfield", {}, true);
        const auto brakes = f_.importPackage(*coordinator_, "LV3-BRAKES-2026A");
        session_ =
            valueOf(SessionPlanner(f_.store(), f_.centre(), f_.clock())
                        .create(*coordinator_, {"Workshop 2",
                                                "2026-07-01",
                                                "09:30",
                                                {{"INV-0042", {}}, {"ASR-0005", "AUTH-2026-014"}},
                                                {brakes}}));
    }

    void theSeatingPlansRulesSeeTheSessionsInvigilators() {
        const auto facts = seatingFacts(session_, f_.centre());
        QCOMPARE(facts.centreTimeZone, std::string("Europe/London"));
        QCOMPARE(facts.start.time_since_epoch().count(), std::int64_t(1'782'894'600'000));
        QCOMPARE(facts.invigilators.size(), std::size_t(2));
        QCOMPARE(facts.invigilators[1].coordinatorAuthorisationReference,
                 std::string("AUTH-2026-014"));

        CandidateRoster roster(f_.store().db());
        QVERIFY(roster.add(session_.id, {"Jordan Ellis", "AB123456", std::nullopt}).ok());
        QVERIFY(roster.add(session_.id, {"Sam  Carter", "AB654321", std::nullopt}).ok());
        SeatingService seating(f_.store().db());
        QVERIFY(seating.createPlan(session_.id, 1, 2, {"PC01", "PC02"}).ok());

        SeatRequest request;
        request.sessionId = session_.id;
        request.assessment = session_.assessments[0].metadata;
        request.session = facts;
        request.seat = "PC01";
        request.registrationNumber = "AB123456";
        QVERIFY(seating.assign(request).ok());

        // The candidate has the invigilator's name: nobody invigilates their own assessment.
        request.seat = "PC02";
        request.registrationNumber = "AB654321";
        const auto refused = seating.assign(request);
        QVERIFY(!refused);
        QVERIFY(refused.error().decision.refusedBy(exam::EligibilityRule::InvigilatorIsCandidate));
    }

    void theRecordIsHeadedByTheSessionAndNamesInvigilatorsByPinReference() {
        const auto facts = recordFacts(session_, f_.centre(), "11:05");
        QCOMPARE(facts.centreId, kCentreId);
        QCOMPARE(facts.centreName, std::string("Northfield Motor Training"));
        QCOMPARE(facts.sessionId, session_.id);
        QCOMPARE(facts.room, std::string("Workshop 2"));
        QCOMPARE(facts.date, std::string("2026-07-01"));
        QCOMPARE(facts.startTime, std::string("09:30"));
        QCOMPARE(facts.endTime, std::string("11:05"));
        QCOMPARE(facts.timeZone, std::string("Europe/London"));
        const auto invigilators = invigilatorsOnRecord(session_);
        QCOMPARE(invigilators.size(), std::size_t(2));
        QCOMPARE(invigilators[0].name, std::string("Sam Carter"));
        QCOMPARE(invigilators[0].pinReference, std::string("INV-0042"));
        QCOMPARE(invigilators[1].pinReference, std::string("ASR-0005"));
    }
};

QTEST_GUILESS_MAIN(SessionFactsTest)
#include "tst_session_facts.moc"
