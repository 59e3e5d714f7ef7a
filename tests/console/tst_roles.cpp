// The role boundaries, through the calls the console's screens make: an invigilator sees and
// runs only their own sessions and cannot manage users, plan sessions, import packages or
// export records; the coordinator can do all of it. Each refusal says why, and is recorded.
#include "core_fixture.h"

#include <type_traits>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

// Only UserLogin::login makes a SignedIn: nothing else can claim a role.
static_assert(!std::is_default_constructible_v<SignedIn>);
static_assert(!std::is_constructible_v<SignedIn, std::string, Role, std::string>);
static_assert(!std::is_constructible_v<SignedIn, const char*, Role, const char*>);

namespace {

const std::string kCoordinatorOnly = "only the centre coordinator may do this: ";
const std::string kSamCannot =
    kCoordinatorOnly + "Sam Carter is signed in as an invigilator and cannot ";

SessionPlan planFor(const std::string& invigilator, const std::string& digest) {
    return {"Workshop 2", "2026-11-23", "09:30", {{invigilator, {}}}, {digest}};
}

bool logged(CoreFixture& f, const SignedIn& coordinator, const std::string& action,
            const std::string& actor, const std::string& subject) {
    const auto log = valueOf(UserDirectory(f.store(), f.clock()).history(coordinator, subject));
    return std::any_of(log.begin(), log.end(), [&](const AdminLogEntry& entry) {
        return entry.action == action && entry.actor == actor;
    });
}

} // namespace

class RolesTest : public QObject {
    Q_OBJECT

    CoreFixture f_;
    std::optional<SignedIn> coordinator_;
    std::optional<SignedIn> sam_;
    std::optional<SignedIn> priya_;
    std::string samsSession_;
    std::string priyasSession_;

private slots:
    void initTestCase() {
        f_.createCentre();
        coordinator_ = f_.coordinator();
        f_.addInvigilator(*coordinator_, "INV-0042", "Sam Carter");
        f_.addInvigilator(*coordinator_, "INV-0077", "Priya Shah");
        sam_ = f_.signInAs("INV-0042");
        priya_ = f_.signInAs("INV-0077");
        const auto digest = f_.importPackage(*coordinator_, "LV3-BRAKES-2026A");
        SessionPlanner planner(f_.store(), f_.centre(), f_.clock());
        samsSession_ = valueOf(planner.create(*coordinator_, planFor("INV-0042", digest))).id;
        priyasSession_ = valueOf(planner.create(*coordinator_, planFor("INV-0077", digest))).id;
    }

    void anInvigilatorSeesOnlyTheirOwnSessions() {
        SessionRegistry sessions(f_.store(), f_.clock());
        const auto samSees = sessions.list(*sam_);
        QCOMPARE(samSees.size(), std::size_t(1));
        QCOMPARE(samSees[0].id, samsSession_);
        QCOMPARE(sessions.list(*coordinator_).size(), std::size_t(2));
        QCOMPARE(valueOf(sessions.open(*sam_, samsSession_)).room, std::string("Workshop 2"));
        QCOMPARE(valueOf(sessions.open(*coordinator_, priyasSession_)).id, priyasSession_);
    }

    void anInvigilatorCannotOpenStartOrCloseAnothersSession() {
        SessionRegistry sessions(f_.store(), f_.clock());
        const std::string notSams = "this session is not yours: an invigilator sees only the "
                                    "sessions they invigilate: " +
                                    priyasSession_ + " is not invigilated by Sam Carter";
        QCOMPARE(describe(sessions.open(*sam_, priyasSession_).error()), notSams);
        QCOMPARE(describe(sessions.start(*sam_, priyasSession_).error()), notSams);
        QCOMPARE(describe(sessions.close(*sam_, priyasSession_, {}).error()), notSams);
        QCOMPARE(valueOf(sessions.open(*priya_, priyasSession_)).state, SessionState::Planned);
        QVERIFY(logged(f_, *coordinator_, "refused", "INV-0042", priyasSession_));
    }

    void aSessionsRosterCarriesTheOneCredentialHashForItsOwnInvigilatorsOnly() {
        SessionRegistry sessions(f_.store(), f_.clock());
        const auto roster = valueOf(sessions.roster(*sam_, samsSession_));
        QCOMPARE(roster.size(), std::size_t(1));
        QCOMPARE(roster[0].invigilatorId, std::string("INV-0042"));
        QVERIFY(exam::verifyInvigilatorCredential(roster[0], "1357", "INV-0042-password"));
        QVERIFY(!exam::verifyInvigilatorCredential(roster[0], "1358", "INV-0042-password"));
        QCOMPARE(valueOf(sessions.roster(*coordinator_, priyasSession_))[0].name,
                 std::string("Priya Shah"));
        QCOMPARE(sessions.roster(*sam_, priyasSession_).error().error,
                 ConsoleError::NotYourSession);
    }

    void anInvigilatorCannotAddResetOrUnlockUsers() {
        UserDirectory users(f_.store(), f_.clock());
        QCOMPARE(
            describe(
                users
                    .addInvigilator(
                        *sam_, {"INV-0100", "Friend of Sam", "2468", "friend-password", {}, false})
                    .error()),
            kSamCannot + "add users");
        QCOMPARE(
            describe(users.resetCredentials(*sam_, "INV-0077", "2468", "taken-over-1", "she asked")
                         .error()),
            kSamCannot + "reset passwords");
        QCOMPARE(describe(users.unlock(*sam_, "INV-0077", "she asked").error()),
                 kSamCannot + "unlock accounts");
        QCOMPARE(users.users(*sam_).error().error, ConsoleError::CoordinatorOnly);
        QCOMPARE(users.history(*sam_).error().error, ConsoleError::CoordinatorOnly);
        QCOMPARE(users.profile(*sam_, "INV-0077").error().error, ConsoleError::CoordinatorOnly);
        QCOMPARE(valueOf(users.profile(*sam_, "INV-0042")).name, std::string("Sam Carter"));

        // Nothing changed: no new user, Priya's credentials still hers; the attempts recorded.
        QCOMPARE(valueOf(users.users(*coordinator_)).size(), std::size_t(3));
        QVERIFY(UserLogin(f_.store(), f_.clock()).login("INV-0077", "1357", "INV-0077-password"));
        QVERIFY(logged(f_, *coordinator_, "refused", "INV-0042", "INV-0100"));
        QVERIFY(logged(f_, *coordinator_, "refused", "INV-0042", "INV-0077"));
    }

    void anInvigilatorCannotExportARecordTheCoordinatorCan() {
        SessionRegistry sessions(f_.store(), f_.clock());
        QCOMPARE(describe(sessions.authoriseExport(*sam_, samsSession_).error()),
                 kSamCannot + "export invigilation records");
        QVERIFY(logged(f_, *coordinator_, "refused", "INV-0042", samsSession_));
        QCOMPARE(valueOf(sessions.authoriseExport(*coordinator_, samsSession_)).id, samsSession_);
        QVERIFY(logged(f_, *coordinator_, "record-exported", kCoordinatorId, samsSession_));
        QCOMPARE(sessions.authoriseExport(*coordinator_, "S-9999").error().error,
                 ConsoleError::UnknownSession);
    }

    void anInvigilatorCannotPlanSessionsOrImportPackages() {
        SessionRegistry sessions(f_.store(), f_.clock());
        const auto digest =
            PackageLibrary(f_.store(), f_.centre(), f_.clock()).packages(*sam_).at(0).digest;
        QCOMPARE(describe(SessionPlanner(f_.store(), f_.centre(), f_.clock())
                              .create(*sam_, planFor("INV-0042", digest))
                              .error()),
                 kSamCannot + "plan sessions");
        const auto file = f_.writePackage("MOT-G2-2026A");
        QCOMPARE(
            describe(
                PackageLibrary(f_.store(), f_.centre(), f_.clock()).import(*sam_, file).error()),
            kSamCannot + "import assessment packages");
        QCOMPARE(sessions.list(*coordinator_).size(), std::size_t(2));
        QCOMPARE(PackageLibrary(f_.store(), f_.centre(), f_.clock()).packages(*sam_).size(),
                 std::size_t(1));
    }

    void theSessionsInvigilatorRunsIt() {
        SessionRegistry sessions(f_.store(), f_.clock());
        QCOMPARE(valueOf(sessions.start(*sam_, samsSession_)).state, SessionState::Open);
        const SeatAtClose seats[] = {{"PC07", "Jordan Ellis", SeatOutcome::Submitted, {}}};
        QCOMPARE(valueOf(sessions.close(*sam_, samsSession_, seats)).state, SessionState::Closed);
        QVERIFY(logged(f_, *coordinator_, "session-closed", "INV-0042", samsSession_));
    }
};

QTEST_GUILESS_MAIN(RolesTest)
#include "tst_roles.moc"
