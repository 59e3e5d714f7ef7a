// Setting a session up: packages imported and verified (metadata only), the invigilator rules
// with their reasons, the session's states and the rule for closing it, on a real store.
#include "core_fixture.h"
#include "vigil/console/invigilator_rules.h"
#include "vigil/console/session_closing.h"
#include "vigil/crypto/hash.h"

#include <algorithm>
#include <fstream>
#include <iterator>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

namespace {

std::vector<std::uint8_t> fileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t countRows(CoreFixture& f, const std::string& table) {
    auto select = f.store().db().prepare("SELECT COUNT(*) FROM " + table);
    select.step();
    return select.int64(0);
}

} // namespace

class SessionsTest : public QObject {
    Q_OBJECT

    CoreFixture f_;
    std::optional<SignedIn> coordinator_;
    std::string brakes_;         // a general qualification's assessment
    std::string apprenticeship_; // an apprenticeship-standard assessment

    SessionRegistry sessions() { return {f_.store(), f_.clock()}; }
    SessionPlanner planner() { return {f_.store(), f_.centre(), f_.clock()}; }
    PackageLibrary library() { return {f_.store(), f_.centre(), f_.clock()}; }

private slots:
    void initTestCase() {
        f_.createCentre();
        coordinator_ = f_.coordinator();
        f_.addInvigilator(*coordinator_, "INV-0042", "Sam Carter");
        f_.addInvigilator(*coordinator_, "INV-0077", "Priya Shah",
                          "light vehicle maintenance and repair");
        f_.addInvigilator(*coordinator_, "ASR-0005", "Dana Whitfield", {}, true);
        brakes_ = f_.importPackage(*coordinator_, "LV3-BRAKES-2026A");
        apprenticeship_ = f_.importPackage(*coordinator_, "ST0033-EPA-2026A", true);
    }

    void anImportedPackageShowsItsMetadataAndIsKeptByteForByte() {
        const auto file = f_.writePackage("MOT-G2-2026A");
        const auto imported = valueOf(library().import(*coordinator_, file));
        const auto original = fileBytes(file);
        QCOMPARE(imported.digest, crypto::toHex(exam::packageDigest(original)));
        QCOMPARE(imported.metadata.id, std::string("MOT-G2-2026A"));
        QCOMPARE(imported.metadata.title, std::string("Light Vehicle Braking Systems"));
        QCOMPARE(imported.metadata.qualificationCode, std::string("603/1465/5"));
        QCOMPARE(imported.metadata.durationSeconds, std::int64_t(40 * 60));
        QCOMPARE(imported.metadata.itemCount, 2);
        QCOMPARE(imported.importedBy, kCoordinatorId);
        QCOMPARE(imported.fileBytes, original.size());
        QCOMPARE(valueOf(library().fileBytes(*coordinator_, imported.digest)), original);

        const auto listed = library().packages(*coordinator_);
        QCOMPARE(listed.size(), std::size_t(3));
        QVERIFY(std::any_of(listed.begin(), listed.end(),
                            [&](const auto& p) { return p.digest == imported.digest; }));
        // The centre's box key opens it: the package is deliverable from this console.
        QVERIFY(exam::unsealContentKey(original, f_.awardingBody().publicKey, kCentreId,
                                       f_.centre().boxKeys())
                    .ok());

        QCOMPARE(describe(library().import(*coordinator_, file).error()),
                 std::string("this assessment package is already imported: MOT-G2-2026A 2026.1"));
    }

    void aPackageSignedByAnotherKeyIsRefusedAndNothingIsStored() {
        const auto forger = crypto::generateSigningKeyPair();
        const auto before = countRows(f_, "console_packages");
        const auto file = f_.writePackage("FORGED-2026A", false, &forger);
        const auto refused = library().import(*coordinator_, file);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::PackageRefused);
        QVERIFY(describe(refused.error())
                    .starts_with("this file is not an assessment package signed by the awarding "
                                 "body: FORGED-2026A.vigil: package is signed by another key "
                                 "than the awarding body key given"));
        QCOMPARE(countRows(f_, "console_packages"), before);

        std::ofstream(f_.path("notes.txt")) << "not a package";
        QCOMPARE(library().import(*coordinator_, f_.path("notes.txt")).error().error,
                 ConsoleError::PackageRefused);
    }

    void aPackageSealedToAnotherCentreKeyIsRefused() {
        const auto otherKey = crypto::generateBoxKeyPair();
        const auto file = f_.writePackage("OTHER-KEY-2026A", false, nullptr, &otherKey.publicKey);
        QCOMPARE(describe(library().import(*coordinator_, file).error()),
                 std::string("this assessment package was not issued to this centre: "
                             "OTHER-KEY-2026A is not sealed to centre C0451 under this "
                             "console's key"));
    }

    void aPracticeQuizIsNeverImportedForASession() {
        // Signed by the awarding body and sealed to this centre, but as a practice quiz.
        auto quiz = smallAssessment("PRACTICE-BRAKES-01", false);
        quiz.metadata.kind = exam::PackageKind::Practice;
        auto built = exam::buildPackage(quiz, f_.awardingBody(),
                                        {{kCentreId, f_.centre().boxKeys().publicKey}});
        QVERIFY(built);
        const auto file = f_.path("PRACTICE-BRAKES-01.vigil");
        QVERIFY(exam::writePackageFile(file, built.value()));
        const auto before = countRows(f_, "console_packages");
        const auto refused = library().import(*coordinator_, file);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::PracticePackage);
        QVERIFY2(describe(refused.error())
                         .find("PRACTICE-BRAKES-01.vigil: this package is a practice quiz: it can "
                               "never be delivered as an invigilated assessment") !=
                     std::string::npos,
                 describe(refused.error()).c_str());
        QCOMPARE(countRows(f_, "console_packages"), before);
    }

    void aSessionIsPlannedWithItsInvigilatorsAndAssessments() {
        const auto session = valueOf(planner().create(
            *coordinator_,
            {"Workshop 2", "2026-11-23", "09:30", {{"INV-0042", {}}}, {brakes_, apprenticeship_}}));
        QVERIFY(session.id.starts_with("S-"));
        QCOMPARE(session.state, SessionState::Planned);
        QCOMPARE(session.room, std::string("Workshop 2"));
        QCOMPARE(session.invigilators.size(), std::size_t(1));
        QCOMPARE(session.invigilators[0].name, std::string("Sam Carter"));
        QCOMPARE(session.assessments.size(), std::size_t(2));
        QCOMPARE(session.assessments[0].metadata.id, std::string("LV3-BRAKES-2026A"));
        QCOMPARE(session.assessments[1].metadata.id, std::string("ST0033-EPA-2026A"));
        QCOMPARE(session.createdBy, kCoordinatorId);

        // 09:30 in London in November is 09:30 UTC; in July it is 08:30 UTC.
        QCOMPARE(sessionStartsAt(session, "Europe/London").time_since_epoch().count(),
                 std::int64_t(1'795'426'200'000));
        auto summer = session;
        summer.date = "2026-07-01";
        QCOMPARE(sessionStartsAt(summer, "Europe/London").time_since_epoch().count(),
                 std::int64_t(1'782'894'600'000));
    }

    void anInvigilatorWithAnIndustryQualificationIsRefusedForAnApprenticeshipStandard() {
        const auto before = countRows(f_, "console_sessions");
        const auto refused = planner().create(
            *coordinator_,
            {"Workshop 1", "2026-11-24", "13:00", {{"INV-0077", {}}}, {apprenticeship_}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::InvigilatorRefused);
        QCOMPARE(describe(refused.error()),
                 std::string("this person may not invigilate this session: Priya Shah holds an "
                             "industry qualification in the subject of ST0033-EPA-2026A, an "
                             "apprenticeship-standard assessment, and so may not invigilate it. "
                             "Assign another invigilator. (recorded: holds an industry "
                             "qualification in light vehicle maintenance and repair)"));
        QCOMPARE(countRows(f_, "console_sessions"), before);

        // The same person invigilates an assessment that is not an apprenticeship standard.
        QVERIFY(planner()
                    .create(*coordinator_,
                            {"Workshop 1", "2026-11-24", "13:00", {{"INV-0077", {}}}, {brakes_}})
                    .ok());
    }

    void anAssessorInvigilatesOnlyWithTheCoordinatorsRecordedAuthorisation() {
        const auto refused = planner().create(
            *coordinator_, {"Workshop 3", "2026-11-25", "10:00", {{"ASR-0005", {}}}, {brakes_}});
        QCOMPARE(refused.error().error, ConsoleError::InvigilatorRefused);
        QVERIFY(describe(refused.error())
                    .find("Dana Whitfield is an assessor; an assessor may invigilate only with "
                          "the centre coordinator's recorded authorisation, and none is "
                          "recorded.") != std::string::npos);

        const auto session = valueOf(planner().create(
            *coordinator_,
            {"Workshop 3", "2026-11-25", "10:00", {{"ASR-0005", "AUTH-2026-014"}}, {brakes_}}));
        QCOMPARE(session.invigilators[0].assessorAuthorisation, std::string("AUTH-2026-014"));
        QCOMPARE(session.invigilators[0].authorisedBy, kCoordinatorId);
        const auto log =
            valueOf(UserDirectory(f_.store(), f_.clock()).history(*coordinator_, session.id));
        QVERIFY(std::any_of(log.begin(), log.end(), [](const AdminLogEntry& entry) {
            return entry.action == "assessor-authorised" &&
                   entry.note == "ASR-0005 (Dana Whitfield) may invigilate: AUTH-2026-014";
        }));
        // What the seating plan passes to exam::checkEligibility for this invigilator.
        const auto person = eligibilityInvigilator(session.invigilators[0]);
        QVERIFY(person.isAssessor);
        QCOMPARE(person.coordinatorAuthorisationReference, std::string("AUTH-2026-014"));
    }

    void theRulesRunWhenAnInvigilatorOrAnAssessmentIsAddedLater() {
        const auto withPriya = valueOf(planner().create(
            *coordinator_, {"Workshop 4", "2026-11-27", "09:00", {{"INV-0077", {}}}, {brakes_}}));
        const auto refusedAssessment =
            planner().addAssessment(*coordinator_, withPriya.id, apprenticeship_);
        QCOMPARE(refusedAssessment.error().error, ConsoleError::InvigilatorRefused);
        QVERIFY(describe(refusedAssessment.error()).find("Priya Shah holds an industry") !=
                std::string::npos);

        const auto withSam = valueOf(planner().create(
            *coordinator_, {"Workshop 5", "2026-11-27", "09:00", {{"INV-0042", {}}}, {brakes_}}));
        QVERIFY(planner().addAssessment(*coordinator_, withSam.id, apprenticeship_).ok());
        const auto refusedPriya =
            planner().addInvigilator(*coordinator_, withSam.id, {"INV-0077", {}});
        QVERIFY(describe(refusedPriya.error())
                    .starts_with("this person may not invigilate this session: Priya Shah holds "
                                 "an industry qualification in the subject of ST0033-EPA-2026A"));
        const auto withDana =
            valueOf(planner().addInvigilator(*coordinator_, withSam.id, {"ASR-0005", "AUTH-7"}));
        QCOMPARE(withDana.invigilators.size(), std::size_t(2));
        QCOMPARE(withDana.invigilators[1].userId, std::string("ASR-0005"));
        QCOMPARE(withDana.assessments.size(), std::size_t(2));

        const auto sam = f_.signInAs("INV-0042");
        QCOMPARE(planner().addInvigilator(sam, withSam.id, {"INV-0077", {}}).error().error,
                 ConsoleError::CoordinatorOnly);
        QVERIFY(sessions().start(sam, withSam.id).ok());
        QCOMPARE(describe(planner().addAssessment(*coordinator_, withSam.id, brakes_).error()),
                 "the session is not in a state that allows this: " + withSam.id +
                     " is open; only a planned session changes");
    }

    void aSessionsDetailsAreCheckedBeforeAnythingIsStored() {
        const auto before = countRows(f_, "console_sessions");
        const auto refusedWith = [&](SessionPlan plan) {
            return describe(planner().create(*coordinator_, plan).error());
        };
        const std::vector<InvigilatorChoice> sam{{"INV-0042", {}}};
        QCOMPARE(refusedWith({" ", "2026-11-23", "09:30", sam, {brakes_}}),
                 std::string("the session's details cannot be used: a room is 1 to 100 "
                             "characters"));
        QCOMPARE(refusedWith({"Workshop 2", "23/11/2026", "09:30", sam, {brakes_}}),
                 std::string("the session's details cannot be used: the date \"23/11/2026\" is "
                             "not a date like 2026-11-23"));
        QCOMPARE(refusedWith({"Workshop 2", "2026-11-23", "9.30am", sam, {brakes_}}),
                 std::string("the session's details cannot be used: the start time \"9.30am\" "
                             "is not a time like 09:30"));
        QCOMPARE(refusedWith({"Workshop 2", "2026-11-23", "09:30", {}, {brakes_}}),
                 std::string("a session needs at least one invigilator"));
        QCOMPARE(refusedWith({"Workshop 2", "2026-11-23", "09:30", sam, {}}),
                 std::string("a session needs at least one assessment"));
        QCOMPARE(refusedWith({"Workshop 2", "2026-11-23", "09:30", {{"INV-9999", {}}}, {brakes_}}),
                 std::string("there is no user with this id: INV-9999"));
        QCOMPARE(refusedWith({"Workshop 2", "2026-11-23", "09:30", sam, {"00ff"}}),
                 std::string("there is no imported assessment package with this digest: 00ff"));
        QCOMPARE(countRows(f_, "console_sessions"), before);
    }

    void aSessionClosesOnlyWhenEverySeatIsSubmittedVoidedOrExplained() {
        const auto sam = f_.signInAs("INV-0042");
        const auto id =
            valueOf(planner().create(
                        *coordinator_,
                        {"Workshop 2", "2026-11-26", "09:30", {{"INV-0042", {}}}, {brakes_}}))
                .id;
        // Never opened, yet a seat sat: the live room opens it first (tst_live_close).
        const std::vector<SeatAtClose> satUnopened{
            {"PC01", "Jordan Ellis", SeatOutcome::Submitted, {}}};
        QCOMPARE(describe(sessions().close(sam, id, satUnopened).error()),
                 "the session is not in a state that allows this: " + id +
                     " never opened, yet PC01 is submitted; a planned session closes only when "
                     "nobody sat");
        QCOMPARE(valueOf(sessions().open(sam, id)).state, SessionState::Planned);
        const auto opened = valueOf(sessions().start(sam, id));
        QCOMPARE(opened.state, SessionState::Open);
        QVERIFY(opened.openedAtMs.has_value());
        QCOMPARE(sessions().start(sam, id).error().error, ConsoleError::WrongSessionState);

        std::vector<SeatAtClose> seats{
            {"PC01", "Jordan Ellis", SeatOutcome::Submitted, {}},
            {"PC02", "Casey Brown", SeatOutcome::InProgress, {}},
            {"PC03", "Robin Patel", SeatOutcome::Explained, " "},
            {"PC04", "Alex Kim", SeatOutcome::NotStarted, {}},
            {"PC05", "Sam Lee", SeatOutcome::Voided, {}},
        };
        QCOMPARE(describe(sessions().close(sam, id, seats).error()),
                 std::string("the session cannot close while a seat is neither submitted, "
                             "voided nor explained: PC02 (Casey Brown) is in progress; PC03 "
                             "(Robin Patel) has no explanation; PC04 (Alex Kim) is not started"));
        QCOMPARE(valueOf(sessions().open(sam, id)).state, SessionState::Open);

        auto twice = seats;
        twice.push_back({"PC01", "Jordan Ellis", SeatOutcome::Submitted, {}});
        QCOMPARE(describe(sessions().close(sam, id, twice).error()),
                 std::string("the session's details cannot be used: seat PC01 is given twice"));

        seats[1].outcome = SeatOutcome::Submitted;
        seats[2].explanation = "fire alarm: evacuated, to be rescheduled";
        seats[3] = {"PC04", "Alex Kim", SeatOutcome::Explained, "candidate absent"};
        const auto closed = valueOf(sessions().close(sam, id, seats));
        QCOMPARE(closed.state, SessionState::Closed);
        QVERIFY(closed.closedAtMs.has_value());
        auto select = f_.store().db().prepare(
            "SELECT seat, outcome, explanation FROM console_session_seats_at_close "
            "WHERE session_id = ? ORDER BY seat");
        select.bind(1, id);
        QVERIFY(select.step());
        QCOMPARE(select.text(0), std::string("PC01"));
        QCOMPARE(select.text(1), std::string("submitted"));
        for (int row = 2; row <= 4; ++row) {
            QVERIFY(select.step());
        }
        QCOMPARE(select.text(0), std::string("PC04"));
        QCOMPARE(select.text(2), std::string("candidate absent"));
        QCOMPARE(sessions().start(sam, id).error().error, ConsoleError::WrongSessionState);
        QCOMPARE(describe(sessions().close(sam, id, seats).error()),
                 "the session is not in a state that allows this: " + id +
                     " is closed; only an open session closes");
    }

    // A session that never opened (nobody was launched: the group did not come, the room was
    // lost) is closed as it stands once every seat is explained: Closed with no opening time,
    // the administration log saying it never opened, each explanation kept with the session.
    void aPlannedSessionNobodySatClosesWithoutOpening() {
        const auto sam = f_.signInAs("INV-0042");
        const auto id =
            valueOf(planner().create(
                        *coordinator_,
                        {"Workshop 2", "2026-11-27", "13:30", {{"INV-0042", {}}}, {brakes_}}))
                .id;
        const std::vector<SeatAtClose> unexplained{
            {"PC01", "Jordan Ellis", SeatOutcome::NotStarted, {}}};
        QCOMPARE(describe(sessions().close(sam, id, unexplained).error()),
                 std::string("the session cannot close while a seat is neither submitted, "
                             "voided nor explained: PC01 (Jordan Ellis) is not started"));
        const std::vector<SeatAtClose> explained{
            {"PC01", "Jordan Ellis", SeatOutcome::Explained, "college coach broke down"},
            {"PC02", "Casey Brown", SeatOutcome::Explained, "college coach broke down"}};
        const auto closed = valueOf(sessions().close(sam, id, explained));
        QCOMPARE(closed.state, SessionState::Closed);
        QVERIFY(!closed.openedAtMs.has_value());
        QVERIFY(closed.closedAtMs.has_value());
        auto log = f_.store().db().prepare(
            "SELECT action, note FROM console_admin_log WHERE subject = ? ORDER BY at_ms, rowid");
        log.bind(1, id);
        std::vector<std::string> actions;
        std::string closeNote;
        while (log.step()) {
            actions.push_back(log.text(0));
            if (log.text(0) == "session-closed") {
                closeNote = log.text(1);
            }
        }
        QVERIFY(std::find(actions.begin(), actions.end(), "session-opened") == actions.end());
        QCOMPARE(closeNote, std::string("2 seats; never opened: nobody sat"));
        QCOMPARE(sessions().start(sam, id).error().error, ConsoleError::WrongSessionState);
    }
};

QTEST_GUILESS_MAIN(SessionsTest)
#include "tst_sessions.moc"
