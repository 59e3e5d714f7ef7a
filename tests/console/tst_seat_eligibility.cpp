// The centre's eligibility rules at the moment a candidate is given a seat: two a day, the
// 48 h / 2 h resit wait, a passed assessment, the invigilator; every refusal explains itself
// with when the candidate becomes eligible, and leaves the seat free.
#include "vigil/console/seating_service.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace vigil;
using namespace vigil::console;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

constexpr const char* kMot = "601/8928/9";      // listed: 2 h after a fail
constexpr const char* kUnlisted = "600/1111/1"; // not listed: 48 h after a fail

exam::UtcInstant utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    return exam::UtcInstant(sys_days(year(y) / month(m) / day(d)) + hours(h) + minutes(min));
}

exam::PastAttempt failed(const char* id, exam::UtcInstant submitted, const char* code) {
    return {id, code, submitted - 40min, submitted, exam::AttemptOutcome::Fail};
}

exam::PastAttempt passed(const char* id, exam::UtcInstant submitted, const char* code) {
    return {id, code, submitted - 40min, submitted, exam::AttemptOutcome::Pass};
}

exam::AssessmentMetadata assessment(const char* id, const char* code) {
    exam::AssessmentMetadata metadata;
    metadata.id = id;
    metadata.title = "MOT Testing Class 4";
    metadata.qualificationCode = code;
    metadata.version = "2026.1";
    return metadata;
}

} // namespace

class SeatEligibilityTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::optional<store::Database> db_;
    const exam::UtcInstant sessionStart_ = utc(2026, 12, 2, 10); // Wednesday, 10:00 GMT

    store::Database& openStore() {
        db_.reset();
        const store::Migration migrations[] = {{1, SeatingStore::schemaSql()}};
        db_.emplace(
            store::Database::open(dir_.filePath("console.db").toStdString(), key_, migrations));
        return *db_;
    }

    SeatRequest request(const char* seat, const char* number, const char* code = kUnlisted) const {
        SeatRequest r;
        r.sessionId = "S1";
        r.seat = seat;
        r.registrationNumber = number;
        r.assessment = assessment("MOT-G2", code);
        r.session = {
            sessionStart_, "Europe/London", {{"user-3", "", "Alex Reid", false, false, ""}}};
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
        SeatingService service(*db_);
        QVERIFY(service.createPlan("S1", 2, 3, {"PC01", "PC02", "PC03", "PC04"}).ok());
    }

    void anEligibleCandidateIsSeatedAndCountedAsAFirstAttempt() {
        SeatingService service(*db_);
        const auto seated = service.assign(request("PC01", "reg-40213"));
        QVERIFY2(seated.ok(), seated.ok() ? "" : seated.error().explanation.c_str());
        QCOMPARE(seated.value(), (SeatAssignment{"PC01", "REG-40213", "MOT-G2", 1, false}));
        QCOMPARE(service.plan("S1")->assignmentAt("PC01")->registrationNumber,
                 std::string("REG-40213"));
    }

    void aResitWithin48HoursIsRefusedWithWhenItBecomesPossible() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213");
        r.history = {failed("MOT-G2", utc(2026, 12, 1, 9, 30), kUnlisted)};
        const auto seated = service.assign(r);
        QVERIFY(!seated.ok());
        const SeatRefusal& refusal = seated.error();
        QCOMPARE(refusal.error, SeatError::NotEligible);
        QVERIFY(refusal.decision.refusedBy(exam::EligibilityRule::ResitInterval));
        QVERIFY(refusal.eligibleFrom() == utc(2026, 12, 3, 9, 30));
        QVERIFY2(refusal.explanation.find("Sam Patel (REG-40213) cannot take MOT-G2") == 0,
                 refusal.explanation.c_str());
        QVERIFY2(refusal.explanation.find("Eligible from 09:30 GMT on Thursday 3 December 2026.") !=
                     std::string::npos,
                 refusal.explanation.c_str());
        QVERIFY(!service.plan("S1")->assignmentAt("PC01")); // the seat stays free
    }

    void aListedQualificationMayBeRetakenAfterTwoHours() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213", kMot);
        r.history = {failed("MOT-G2", utc(2026, 12, 2, 9, 0), kMot)};
        const auto refused = service.assign(r);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().eligibleFrom() == utc(2026, 12, 2, 11, 0));

        r.history = {failed("MOT-G2", utc(2026, 12, 2, 8, 0), kMot)};
        const auto seated = service.assign(r);
        QVERIFY2(seated.ok(), seated.ok() ? "" : seated.error().explanation.c_str());
        QCOMPARE(seated.value().attemptNumber, 2);
        QVERIFY(!seated.value().chargeable); // the first resit is free
    }

    void aSecondResitIsChargeableAndTheCountIsKept() {
        SeatingService service(*db_);
        auto r = request("PC02", "REG-40214");
        r.history = {failed("MOT-G2", utc(2026, 11, 20, 10), kUnlisted),
                     failed("MOT-G2", utc(2026, 11, 25, 10), kUnlisted)};
        const auto seated = service.assign(r);
        QVERIFY(seated.ok());
        QCOMPARE(seated.value().attemptNumber, 3);
        QVERIFY(seated.value().chargeable);
        SeatingService reopened(openStore());
        QCOMPARE(*reopened.plan("S1")->assignmentAt("PC02"), seated.value());
    }

    void aThirdAssessmentInOneLocalDayWaitsForTheCentresMidnight() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213");
        r.session.centreTimeZone = "Europe/Berlin"; // midnight there is 23:00 UTC
        r.history = {passed("FGAS-1", utc(2026, 12, 2, 7, 0), "600/1954/2"),
                     passed("EV-2", utc(2026, 12, 2, 9, 0), "603/1465/5")};
        const auto refused = service.assign(r);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().decision.refusedBy(exam::EligibilityRule::DailyLimit));
        QVERIFY(refused.error().eligibleFrom() == utc(2026, 12, 2, 23, 0));
        QVERIFY2(refused.error().explanation.find("00:00 CET on Thursday 3 December 2026") !=
                     std::string::npos,
                 refused.error().explanation.c_str());
    }

    void severalRefusalsGiveTheLatestEligibleTime() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213");
        r.history = {failed("MOT-G2", utc(2026, 12, 2, 7, 0), kUnlisted),
                     passed("EV-2", utc(2026, 12, 2, 8, 0), "603/1465/5")};
        const auto refused = service.assign(r);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().decision.refusals.size(), std::size_t(2));
        QVERIFY(refused.error().eligibleFrom() == utc(2026, 12, 4, 7, 0));
        QVERIFY2(refused.error().explanation.find(
                     "Eligible for this assignment from 07:00 GMT on Friday 4 December 2026.") !=
                     std::string::npos,
                 refused.error().explanation.c_str());
    }

    void aPassedAssessmentIsNeverSatAgainAndWaitingDoesNotHelp() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213");
        r.history = {passed("MOT-G2", utc(2026, 11, 2, 10), kUnlisted)};
        const auto refused = service.assign(r);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().decision.refusedBy(exam::EligibilityRule::AlreadyPassed));
        QCOMPARE(refused.error().eligibleFrom(), std::nullopt);
        QVERIFY(refused.error().explanation.find(
                    "Waiting does not make this assignment possible") != std::string::npos);
    }

    void noInvigilatorOfTheSessionMayBeTheCandidate() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213");
        r.session.invigilators.push_back({"user-9", "", "sam  PATEL", false, false, ""});
        const auto refused = service.assign(r);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().decision.refusedBy(exam::EligibilityRule::InvigilatorIsCandidate));
        QCOMPARE(refused.error().decision.refusals.size(), std::size_t(1));
        QCOMPARE(refused.error().eligibleFrom(), std::nullopt);
    }

    void rulesThatCannotBeRunAreAnErrorNotARefusal() {
        SeatingService service(*db_);
        auto r = request("PC01", "REG-40213");
        r.session.centreTimeZone = "Mars/Olympus_Mons";
        const auto refused = service.assign(r);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, SeatError::UnusableFacts);
        QVERIFY(!refused.error().explanation.empty());
    }

    void thePlansOwnRulesComeBeforeEligibility() {
        SeatingService service(*db_);
        QVERIFY(service.assign(request("PC01", "REG-40213")).ok());
        QCOMPARE(service.assign(request("PC01", "REG-40214")).error().error, SeatError::SeatTaken);
        QCOMPARE(service.assign(request("PC02", "REG-40213")).error().error,
                 SeatError::CandidateAlreadySeated);
        QCOMPARE(service.assign(request("PC09", "REG-40214")).error().error,
                 SeatError::UnknownSeat);
        QCOMPARE(service.assign(request("PC02", "REG-99999")).error().error,
                 SeatError::UnknownCandidate);
        auto unnamed = request("PC02", "REG-40214");
        unnamed.assessment.id.clear();
        QCOMPARE(service.assign(unnamed).error().error, SeatError::NoAssessment);
        auto otherSession = request("PC01", "REG-40213");
        otherSession.sessionId = "S2";
        QCOMPARE(service.assign(otherSession).error().error, SeatError::NoPlan);
    }
};

QTEST_GUILESS_MAIN(SeatEligibilityTest)
#include "tst_seat_eligibility.moc"
