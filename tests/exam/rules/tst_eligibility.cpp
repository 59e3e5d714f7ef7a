#include "vigil/exam/eligibility.h"

#include <QTest>
#include <set>

using namespace vigil::exam;
using namespace std::chrono;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::chrono::minutes)
Q_DECLARE_METATYPE(UtcInstant)
Q_DECLARE_METATYPE(std::optional<UtcInstant>)
Q_DECLARE_METATYPE(std::vector<PastAttempt>)
Q_DECLARE_METATYPE(std::vector<EligibilityRule>)

namespace {

constexpr const char* kMot = "601/8928/9";      // listed: 2 h after a fail
constexpr const char* kUnlisted = "600/1111/1"; // not listed: 48 h after a fail

UtcInstant utc(int y, unsigned m, unsigned d, int h, int min, int s = 0, int ms = 0) {
    return UtcInstant(sys_days(year(y) / month(m) / day(d)) + hours(h) + minutes(min) + seconds(s) +
                      milliseconds(ms));
}

PastAttempt attempt(const char* id, AttemptOutcome outcome, UtcInstant started,
                    std::optional<UtcInstant> submitted, const char* code = kMot) {
    return {id, code, started, submitted, outcome};
}

PastAttempt failed(const char* id, UtcInstant submitted, const char* code = kMot) {
    return attempt(id, AttemptOutcome::Fail, submitted - 40min, submitted, code);
}

// A finished assessment that none of the other rules cares about: only the day limit sees it.
PastAttempt otherAssessment(const char* id, UtcInstant started) {
    return attempt(id, AttemptOutcome::Pass, started, started + 30min, "600/2222/2");
}

EligibilityRequest request(const char* code = kMot) {
    EligibilityRequest r;
    r.candidate = {"person-17", "REG-40213", "Sam Patel"};
    r.assessment.id = "MOT-G2";
    r.assessment.title = "MOT Testing Class 4";
    r.assessment.qualificationCode = code;
    r.assessment.version = "2025.2";
    r.invigilator = {"person-3", "", "Alex Reid", false, false, ""};
    r.centreTimeZone = "Europe/London";
    return r;
}

std::vector<EligibilityRule> rulesOf(const EligibilityDecision& decision) {
    std::vector<EligibilityRule> rules;
    for (const Refusal& refusal : decision.refusals) {
        rules.push_back(refusal.rule);
    }
    return rules;
}

QString reasons(const EligibilityDecision& decision) {
    QString text;
    for (const Refusal& refusal : decision.refusals) {
        text += QString::fromUtf8(ruleId(refusal.rule).data(), ruleId(refusal.rule).size()) + ": " +
                QString::fromStdString(refusal.reason) + "\n";
    }
    return text.isEmpty() ? QStringLiteral("(eligible)") : text;
}

const ResitPolicy& policy() {
    return ResitPolicy::compiledIn();
}

} // namespace

class TestEligibility : public QObject {
    Q_OBJECT

private slots:
    void resitWaitsAfterAFail_data() {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("assessorCategory");
        QTest::addColumn<minutes>("sinceFail");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<minutes>("eligibleAfterFail");

        QTest::newRow("unlisted 47:59")
            << kUnlisted << false << minutes(47h + 59min) << true << minutes(48h);
        QTest::newRow("unlisted 48:00") << kUnlisted << false << minutes(48h) << false << 0min;
        QTest::newRow("unlisted 2:00") << kUnlisted << false << minutes(2h) << true << minutes(48h);
        QTest::newRow("listed 1:59") << kMot << false << minutes(1h + 59min) << true << minutes(2h);
        QTest::newRow("listed 2:00") << kMot << false << minutes(2h) << false << 0min;
        QTest::newRow("listed EV 2:00") << "603/4182/8" << false << minutes(2h) << false << 0min;
        QTest::newRow("listed air-con 1:59")
            << "600/4336/2" << false << minutes(1h + 59min) << true << minutes(2h);
        QTest::newRow("accredited assessor 1:59")
            << kUnlisted << true << minutes(1h + 59min) << true << minutes(2h);
        QTest::newRow("accredited assessor 2:00")
            << kUnlisted << true << minutes(2h) << false << 0min;
    }

    void resitWaitsAfterAFail() {
        QFETCH(QString, code);
        QFETCH(bool, assessorCategory);
        QFETCH(minutes, sinceFail);
        QFETCH(bool, refused);
        QFETCH(minutes, eligibleAfterFail);

        const std::string qualification = code.toStdString();
        EligibilityRequest r = request(qualification.c_str());
        if (assessorCategory) {
            r.assessmentCategories = {"accredited-assessor"};
        }
        const UtcInstant failedAt = utc(2025, 1, 14, 10, 0);
        r.history = {failed("MOT-G2", failedAt, qualification.c_str())};
        r.sessionStart = failedAt + sinceFail;

        const EligibilityDecision decision = checkEligibility(r, policy());
        if (!refused) {
            QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
            return;
        }
        QCOMPARE(rulesOf(decision), std::vector{EligibilityRule::ResitInterval});
        QVERIFY(decision.refusals[0].eligibleFrom == failedAt + eligibleAfterFail);
        QVERIFY(decision.eligibleFrom() == failedAt + eligibleAfterFail);
    }

    void resitRefusalExplainsItselfInCentreTime() {
        EligibilityRequest r = request();
        r.history = {failed("MOT-G2", utc(2025, 7, 14, 9, 0))};
        r.sessionStart = utc(2025, 7, 14, 10, 30);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QCOMPARE(QString::fromStdString(decision.refusals.at(0).reason),
                 "Sam Patel failed MOT-G2 (MOT Testing Class 4) at 10:00 BST on Monday 14 July "
                 "2025; qualification 601/8928/9 (MOT testing) may be retaken 2 hours after a "
                 "fail (resit policy 2025.1). Eligible from 12:00 BST on Monday 14 July 2025.");
        QCOMPARE(ruleId(decision.refusals.at(0).rule), std::string_view("resit-interval"));
        QCOMPARE(decision.resitPolicyRevision, std::string("2025.1"));

        r.assessment.qualificationCode = kUnlisted;
        const EligibilityDecision unlisted = checkEligibility(r, policy());
        QVERIFY2(QString::fromStdString(unlisted.refusals.at(0).reason)
                     .contains("after a fail the same assessment may not be retaken for 48 hours "
                               "(resit policy 2025.1). Eligible from 10:00 BST on Wednesday 16 "
                               "July 2025."),
                 qPrintable(reasons(unlisted)));
    }

    void resitCountsFromTheLatestFail() {
        EligibilityRequest r = request(kUnlisted);
        r.history = {failed("MOT-G2", utc(2025, 1, 20, 10, 0), kUnlisted),
                     failed("MOT-G2", utc(2025, 1, 10, 10, 0), kUnlisted)};
        r.sessionStart = utc(2025, 1, 21, 10, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QVERIFY(decision.refusedBy(EligibilityRule::ResitInterval));
        QVERIFY(decision.find(EligibilityRule::ResitInterval)->eligibleFrom ==
                utc(2025, 1, 22, 10, 0));
    }

    void voidedAttemptIsNotAFail() {
        EligibilityRequest r = request(kUnlisted);
        r.history = {attempt("MOT-G2", AttemptOutcome::Void, utc(2025, 1, 14, 9, 0),
                             utc(2025, 1, 14, 9, 20), kUnlisted)};
        r.sessionStart = utc(2025, 1, 14, 9, 30);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
        QCOMPARE(decision.attemptNumber, 1);
    }

    // Practice quizzes taken at a kiosk: whatever their outcome and however many, the day
    // limit, the resit wait and the attempt count see none of them.
    void practiceNeverCountsForTheRules() {
        const auto practice = [](PastAttempt attempt) {
            attempt.kind = PackageKind::Practice;
            return attempt;
        };
        EligibilityRequest r = request(kUnlisted);
        r.sessionStart = utc(2025, 1, 14, 15, 0);
        r.history = {practice(failed("MOT-G2", utc(2025, 1, 14, 14, 30), kUnlisted)),
                     practice(failed("MOT-G2", utc(2025, 1, 14, 11, 0), kUnlisted)),
                     practice(otherAssessment("HS-1", utc(2025, 1, 14, 9, 0))),
                     practice(attempt("MOT-G2", AttemptOutcome::InProgress,
                                      utc(2025, 1, 14, 14, 40), std::nullopt, kUnlisted))};
        EligibilityDecision decision = checkEligibility(r, policy());
        QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
        QCOMPARE(decision.attemptNumber, 1);
        QVERIFY(!decision.chargeable);

        // The same history as assessments: refused by every one of those rules.
        for (auto& past : r.history) {
            past.kind = PackageKind::Assessment;
        }
        decision = checkEligibility(r, policy());
        QVERIFY(decision.refusedBy(EligibilityRule::ResitInterval));
        QVERIFY(decision.refusedBy(EligibilityRule::DailyLimit));
        QVERIFY(decision.refusedBy(EligibilityRule::AttemptInProgress));
    }

    void aPracticeQuizIsNeverBooked() {
        EligibilityRequest r = request();
        r.assessment.kind = PackageKind::Practice;
        r.sessionStart = utc(2025, 1, 14, 15, 0);
        QVERIFY_THROWS_EXCEPTION(EligibilityInputError, (void)checkEligibility(r, policy()));
    }

    void dayLimitFollowsTheCentresLocalDay_data() {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<std::vector<PastAttempt>>("history");
        QTest::addColumn<UtcInstant>("sessionStart");
        QTest::addColumn<std::optional<UtcInstant>>("eligibleFrom"); // empty: not refused

        const std::vector winter{otherAssessment("HS-1", utc(2025, 1, 14, 9, 0)),
                                 otherAssessment("HS-2", utc(2025, 1, 14, 13, 0))};
        QTest::newRow("third on a winter day")
            << "Europe/London" << winter << utc(2025, 1, 14, 16, 0)
            << std::optional(utc(2025, 1, 15, 0, 0));
        QTest::newRow("last millisecond of the day")
            << "Europe/London" << winter << utc(2025, 1, 14, 23, 59, 59, 999)
            << std::optional(utc(2025, 1, 15, 0, 0));
        QTest::newRow("local midnight")
            << "Europe/London" << winter << utc(2025, 1, 15, 0, 0) << std::optional<UtcInstant>();

        // In summer the local day ends at 23:00 UTC: a UTC day would refuse the second row.
        const std::vector summer{otherAssessment("HS-1", utc(2025, 7, 10, 8, 0)),
                                 otherAssessment("HS-2", utc(2025, 7, 10, 12, 0))};
        QTest::newRow("summer 23:59:59.999 BST")
            << "Europe/London" << summer << utc(2025, 7, 10, 22, 59, 59, 999)
            << std::optional(utc(2025, 7, 10, 23, 0));
        QTest::newRow("summer 00:00 BST")
            << "Europe/London" << summer << utc(2025, 7, 10, 23, 0) << std::optional<UtcInstant>();
        // 00:30 BST on the 10th is 23:30 UTC on the 9th: it is one of the 10th's assessments.
        QTest::newRow("summer attempt just after local midnight")
            << "Europe/London"
            << std::vector{otherAssessment("HS-1", utc(2025, 7, 9, 23, 30)),
                           otherAssessment("HS-2", utc(2025, 7, 10, 12, 0))}
            << utc(2025, 7, 10, 15, 0) << std::optional(utc(2025, 7, 10, 23, 0));

        // 30 March 2025: clocks go forward at 01:00 GMT, the local day lasts 23 hours.
        const std::vector spring{otherAssessment("HS-1", utc(2025, 3, 30, 0, 30)),
                                 otherAssessment("HS-2", utc(2025, 3, 30, 12, 0))};
        QTest::newRow("spring DST day, last minute")
            << "Europe/London" << spring << utc(2025, 3, 30, 22, 59)
            << std::optional(utc(2025, 3, 30, 23, 0));
        QTest::newRow("spring DST day, next midnight")
            << "Europe/London" << spring << utc(2025, 3, 30, 23, 0) << std::optional<UtcInstant>();

        // 26 October 2025: clocks go back at 01:00 GMT, the local day lasts 25 hours.
        const std::vector autumn{otherAssessment("HS-1", utc(2025, 10, 25, 23, 30)),
                                 otherAssessment("HS-2", utc(2025, 10, 26, 12, 0))};
        QTest::newRow("autumn DST day, 23:30 GMT")
            << "Europe/London" << autumn << utc(2025, 10, 26, 23, 30)
            << std::optional(utc(2025, 10, 27, 0, 0));
        QTest::newRow("autumn DST day, next midnight")
            << "Europe/London" << autumn << utc(2025, 10, 27, 0, 0) << std::optional<UtcInstant>();

        QTest::newRow("voided attempt is not one of the two")
            << "Europe/London"
            << std::vector{otherAssessment("HS-1", utc(2025, 1, 14, 9, 0)),
                           attempt("HS-2", AttemptOutcome::Void, utc(2025, 1, 14, 13, 0),
                                   std::nullopt)}
            << utc(2025, 1, 14, 16, 0) << std::optional<UtcInstant>();
        QTest::newRow("attempt in progress is one of the two")
            << "Europe/London"
            << std::vector{otherAssessment("HS-1", utc(2025, 1, 14, 9, 0)),
                           attempt("HS-2", AttemptOutcome::InProgress, utc(2025, 1, 14, 13, 0),
                                   std::nullopt)}
            << utc(2025, 1, 14, 16, 0) << std::optional(utc(2025, 1, 15, 0, 0));
        QTest::newRow("two on the day before")
            << "Europe/London" << winter << utc(2025, 1, 15, 9, 0) << std::optional<UtcInstant>();
        // Chile's clocks skip local midnight on 7 September 2025: that day begins at 01:00.
        QTest::newRow("zone whose clocks skip midnight")
            << "America/Santiago"
            << std::vector{otherAssessment("HS-1", utc(2025, 9, 6, 13, 0)),
                           otherAssessment("HS-2", utc(2025, 9, 6, 17, 0))}
            << utc(2025, 9, 7, 3, 30) << std::optional(utc(2025, 9, 7, 4, 0));
        QTest::newRow("another centre's zone")
            << "America/New_York"
            << std::vector{otherAssessment("HS-1", utc(2025, 1, 14, 14, 0)),
                           otherAssessment("HS-2", utc(2025, 1, 14, 18, 0))}
            << utc(2025, 1, 15, 3, 0) << std::optional(utc(2025, 1, 15, 5, 0));
    }

    void dayLimitFollowsTheCentresLocalDay() {
        QFETCH(QString, zone);
        QFETCH(std::vector<PastAttempt>, history);
        QFETCH(UtcInstant, sessionStart);
        QFETCH(std::optional<UtcInstant>, eligibleFrom);

        EligibilityRequest r = request();
        r.centreTimeZone = zone.toStdString();
        r.history = history;
        r.sessionStart = sessionStart;
        const EligibilityDecision decision = checkEligibility(r, policy());
        if (!eligibleFrom) {
            QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
            return;
        }
        QCOMPARE(rulesOf(decision), std::vector{EligibilityRule::DailyLimit});
        QVERIFY2(decision.refusals[0].eligibleFrom == eligibleFrom, qPrintable(reasons(decision)));
    }

    void dayLimitRefusalExplainsItselfInCentreTime() {
        EligibilityRequest r = request();
        r.history = {otherAssessment("HS-2", utc(2025, 3, 30, 12, 0)),
                     otherAssessment("HS-1", utc(2025, 3, 30, 0, 30))};
        r.sessionStart = utc(2025, 3, 30, 15, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QCOMPARE(QString::fromStdString(decision.refusals.at(0).reason),
                 "Sam Patel has already taken 2 assessments on Sunday 30 March 2025 (HS-1 at "
                 "00:30 GMT, HS-2 at 13:00 BST, centre time Europe/London); a candidate takes at "
                 "most 2 in one day. Eligible from 00:00 BST on Monday 31 March 2025.");
    }

    void passedAssessmentIsNotSatAgain() {
        EligibilityRequest r = request();
        // Passed on an earlier package version: still the same assessment.
        r.history = {attempt("MOT-G2", AttemptOutcome::Pass, utc(2024, 11, 5, 10, 0),
                             utc(2024, 11, 5, 10, 50))};
        r.sessionStart = utc(2025, 1, 14, 10, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QCOMPARE(rulesOf(decision), std::vector{EligibilityRule::AlreadyPassed});
        QVERIFY(!decision.refusals[0].eligibleFrom);
        QVERIFY(!decision.eligibleFrom());
        QCOMPARE(QString::fromStdString(decision.refusals[0].reason),
                 "Sam Patel passed MOT-G2 (MOT Testing Class 4) at 10:50 GMT on Tuesday 5 "
                 "November 2024; a passed assessment is not sat again.");
    }

    void attemptInProgressIsResumedNotRestarted() {
        EligibilityRequest r = request();
        r.history = {
            attempt("MOT-G2", AttemptOutcome::InProgress, utc(2025, 1, 14, 9, 0), std::nullopt)};
        r.sessionStart = utc(2025, 1, 14, 11, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QCOMPARE(rulesOf(decision), std::vector{EligibilityRule::AttemptInProgress});
        QVERIFY(!decision.eligibleFrom());
        QVERIFY(QString::fromStdString(decision.refusals[0].reason).contains("resume"));
    }

    void attemptsAreCountedPerAssessment_data() {
        QTest::addColumn<std::vector<PastAttempt>>("history");
        QTest::addColumn<int>("attemptNumber");
        QTest::addColumn<bool>("chargeable");

        const auto old = [](int dayOfMonth) {
            return utc(2024, 12, dayOfMonth, 10, 0);
        };
        QTest::newRow("first attempt") << std::vector<PastAttempt>{} << 1 << false;
        QTest::newRow("first resit is free") << std::vector{failed("MOT-G2", old(1))} << 2 << false;
        QTest::newRow("second resit is charged")
            << std::vector{failed("MOT-G2", old(1)), failed("MOT-G2", old(5))} << 3 << true;
        QTest::newRow("third resit is charged")
            << std::vector{failed("MOT-G2", old(1)), failed("MOT-G2", old(5)),
                           failed("MOT-G2", old(9))}
            << 4 << true;
        QTest::newRow("voided attempt is not counted")
            << std::vector{failed("MOT-G2", old(1)),
                           attempt("MOT-G2", AttemptOutcome::Void, old(3), old(3) + 5min)}
            << 2 << false;
        QTest::newRow("other assessments are not counted")
            << std::vector{failed("MOT-G1", old(1)), failed("MOT-G3", old(5))} << 1 << false;
    }

    void attemptsAreCountedPerAssessment() {
        QFETCH(std::vector<PastAttempt>, history);
        QFETCH(int, attemptNumber);
        QFETCH(bool, chargeable);
        EligibilityRequest r = request();
        r.history = history;
        r.sessionStart = utc(2025, 1, 14, 10, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
        QCOMPARE(decision.attemptNumber, attemptNumber);
        QCOMPARE(decision.chargeable, chargeable);
    }

    void invigilatorIsNotTheCandidate_data() {
        QTest::addColumn<QString>("personId");
        QTest::addColumn<QString>("registrationNumber");
        QTest::addColumn<QString>("fullName");
        QTest::addColumn<QString>("because"); // empty: allowed

        QTest::newRow("different person") << "person-3"
                                          << ""
                                          << "Alex Reid"
                                          << "";
        QTest::newRow("same person id") << "person-17"
                                        << ""
                                        << "Alex Reid"
                                        << "same person id person-17";
        QTest::newRow("same registration number") << "staff-9"
                                                  << "REG-40213"
                                                  << "Alex Reid"
                                                  << "same registration number REG-40213";
        QTest::newRow("same name, other case and spacing") << "staff-9"
                                                           << ""
                                                           << "  sam   PATEL "
                                                           << "same name";
        QTest::newRow("nothing recorded matches nothing") << ""
                                                          << ""
                                                          << ""
                                                          << "";
    }

    void invigilatorIsNotTheCandidate() {
        QFETCH(QString, personId);
        QFETCH(QString, registrationNumber);
        QFETCH(QString, fullName);
        QFETCH(QString, because);
        EligibilityRequest r = request();
        r.invigilator.personId = personId.toStdString();
        r.invigilator.registrationNumber = registrationNumber.toStdString();
        r.invigilator.fullName = fullName.toStdString();
        r.sessionStart = utc(2025, 1, 14, 10, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        if (because.isEmpty()) {
            QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
            return;
        }
        QCOMPARE(rulesOf(decision), std::vector{EligibilityRule::InvigilatorIsCandidate});
        QVERIFY(!decision.eligibleFrom());
        const QString reason = QString::fromStdString(decision.refusals[0].reason);
        QVERIFY2(reason.contains("(" + because + ")") && reason.contains("Assign another"),
                 qPrintable(reason));
    }

    void industryQualifiedInvigilatorIsImpartialOnlyOffStandards_data() {
        QTest::addColumn<bool>("industryQualified");
        QTest::addColumn<bool>("apprenticeshipStandard");
        QTest::addColumn<bool>("refused");
        QTest::newRow("qualified, standard") << true << true << true;
        QTest::newRow("qualified, not a standard") << true << false << false;
        QTest::newRow("not qualified, standard") << false << true << false;
    }

    void industryQualifiedInvigilatorIsImpartialOnlyOffStandards() {
        QFETCH(bool, industryQualified);
        QFETCH(bool, apprenticeshipStandard);
        QFETCH(bool, refused);
        EligibilityRequest r = request();
        r.invigilator.holdsIndustryQualificationInSubject = industryQualified;
        r.assessment.apprenticeshipStandard = apprenticeshipStandard;
        r.sessionStart = utc(2025, 1, 14, 10, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        QCOMPARE(decision.refusedBy(EligibilityRule::InvigilatorImpartiality), refused);
        QCOMPARE(decision.eligible(), !refused);
        if (refused) {
            QVERIFY(QString::fromStdString(decision.refusals[0].reason)
                        .startsWith("Alex Reid holds an industry qualification in the subject of "
                                    "MOT-G2, an apprenticeship-standard assessment"));
        }
    }

    void assessorInvigilatesOnlyWithAuthorisation_data() {
        QTest::addColumn<bool>("assessor");
        QTest::addColumn<QString>("authorisation");
        QTest::addColumn<bool>("refused");
        QTest::newRow("assessor, none recorded") << true << "" << true;
        QTest::newRow("assessor, blank reference") << true << "   " << true;
        QTest::newRow("assessor, authorised") << true << "AUTH-2025-014" << false;
        QTest::newRow("invigilator, no authorisation needed") << false << "" << false;
    }

    void assessorInvigilatesOnlyWithAuthorisation() {
        QFETCH(bool, assessor);
        QFETCH(QString, authorisation);
        QFETCH(bool, refused);
        EligibilityRequest r = request();
        r.invigilator.isAssessor = assessor;
        r.invigilator.coordinatorAuthorisationReference = authorisation.toStdString();
        r.sessionStart = utc(2025, 1, 14, 10, 0);
        const EligibilityDecision decision = checkEligibility(r, policy());
        if (refused) {
            QCOMPARE(rulesOf(decision), std::vector{EligibilityRule::AssessorNotAuthorised});
            QVERIFY(!decision.eligibleFrom());
            QVERIFY(decision.assessorAuthorisationReference.empty());
        } else {
            QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
            QCOMPARE(QString::fromStdString(decision.assessorAuthorisationReference),
                     assessor ? authorisation : QString());
        }
    }

    void everyRefusingRuleIsListed() {
        EligibilityRequest r = request(kUnlisted);
        r.history = {failed("MOT-G2", utc(2025, 1, 14, 9, 0), kUnlisted),
                     otherAssessment("HS-1", utc(2025, 1, 14, 11, 0))};
        r.sessionStart = utc(2025, 1, 14, 15, 0);
        const EligibilityDecision waitable = checkEligibility(r, policy());
        QCOMPARE(rulesOf(waitable),
                 (std::vector{EligibilityRule::ResitInterval, EligibilityRule::DailyLimit}));
        QVERIFY(waitable.find(EligibilityRule::DailyLimit)->eligibleFrom == utc(2025, 1, 15, 0, 0));
        // Both must have lapsed: the later instant is when the candidate may sit.
        QVERIFY(waitable.eligibleFrom() == utc(2025, 1, 16, 9, 0));
        QCOMPARE(waitable.attemptNumber, 2);

        r.invigilator.registrationNumber = r.candidate.registrationNumber;
        r.invigilator.isAssessor = true;
        r.invigilator.holdsIndustryQualificationInSubject = true;
        r.assessment.apprenticeshipStandard = true;
        const EligibilityDecision all = checkEligibility(r, policy());
        QCOMPARE(rulesOf(all),
                 (std::vector{EligibilityRule::ResitInterval, EligibilityRule::DailyLimit,
                              EligibilityRule::InvigilatorIsCandidate,
                              EligibilityRule::InvigilatorImpartiality,
                              EligibilityRule::AssessorNotAuthorised}));
        QVERIFY(!all.eligibleFrom());
    }

    void updatedPolicyTableDecides() {
        const std::string json = R"({"format": "vigil-resit-policy", "formatVersion": 1,
            "revision": "2026.1", "effectiveFrom": "2026-02-01",
            "defaultResitIntervalMinutes": 2880, "qualifications": [
            {"code": "600/1111/1", "group": "Newly listed", "resitIntervalMinutes": 120}]})";
        const ResitPolicy updated = ResitPolicy::fromJson(json, "update.json");
        EligibilityRequest r = request(kUnlisted);
        r.history = {failed("MOT-G2", utc(2026, 3, 2, 9, 0), kUnlisted)};
        r.sessionStart = utc(2026, 3, 2, 11, 0);
        QVERIFY(checkEligibility(r, policy()).refusedBy(EligibilityRule::ResitInterval));
        const EligibilityDecision decision = checkEligibility(r, updated);
        QVERIFY2(decision.eligible(), qPrintable(reasons(decision)));
        QCOMPARE(decision.resitPolicyRevision, std::string("2026.1"));
    }

    void unusableRequestIsAnError_data() {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown zone") << 0 << "unknown centre time zone \"Mars/Olympus_Mons\"";
        QTest::newRow("no zone") << 1 << "unknown centre time zone \"\"";
        QTest::newRow("no assessment id") << 2 << "the proposed assessment has no assessment id";
        QTest::newRow("attempt without id") << 3 << "attempt 1 of the history has no assessment id";
        QTest::newRow("fail without submission")
            << 4 << "attempt 1 of the history (MOT-G2) has a result but no submission time";
        QTest::newRow("submitted before started")
            << 5 << "attempt 1 of the history (MOT-G2) was submitted before it started";
    }

    void unusableRequestIsAnError() {
        QFETCH(int, breakage);
        QFETCH(QString, expected);
        EligibilityRequest r = request();
        r.sessionStart = utc(2025, 1, 14, 10, 0);
        const UtcInstant earlier = utc(2025, 1, 10, 10, 0);
        switch (breakage) {
        case 0:
            r.centreTimeZone = "Mars/Olympus_Mons";
            break;
        case 1:
            r.centreTimeZone.clear();
            break;
        case 2:
            r.assessment.id.clear();
            break;
        case 3:
            r.history = {failed("", earlier)};
            break;
        case 4:
            r.history = {attempt("MOT-G2", AttemptOutcome::Fail, earlier, std::nullopt)};
            break;
        case 5:
            r.history = {attempt("MOT-G2", AttemptOutcome::Pass, earlier, earlier - 1min)};
            break;
        }
        try {
            (void)checkEligibility(r, policy());
            QFAIL("an unusable request was decided");
        } catch (const EligibilityInputError& error) {
            QCOMPARE(QString::fromUtf8(error.what()).left(expected.size()), expected);
        }
    }

    void ruleIdsAreDistinct() {
        std::set<std::string_view> ids;
        for (const EligibilityRule rule :
             {EligibilityRule::AlreadyPassed, EligibilityRule::AttemptInProgress,
              EligibilityRule::ResitInterval, EligibilityRule::DailyLimit,
              EligibilityRule::InvigilatorIsCandidate, EligibilityRule::InvigilatorImpartiality,
              EligibilityRule::AssessorNotAuthorised}) {
            QVERIFY(!ruleId(rule).empty() && ruleId(rule) != "unknown-rule");
            ids.insert(ruleId(rule));
        }
        QCOMPARE(ids.size(), std::size_t(7));
    }
};

QTEST_GUILESS_MAIN(TestEligibility)
#include "tst_eligibility.moc"
