// Users at the console: the coordinator adds invigilators, resets their credentials and
// unlocks them; wrong PINs and passwords, the back-off and the lock-out, on a real store.
#include "core_fixture.h"
#include "vigil/store/throttle_table.h"

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;
using namespace std::chrono_literals;

namespace {

const std::string kWrongCredentials = "that PIN and password do not match this user";
const std::string kLocked = "this account is locked after too many wrong attempts: the centre "
                            "coordinator can unlock it";

// Locks after the 4th failure in a row; the first two cost nothing, then 1 s, 2 s, ...
crypto::ThrottlePolicy smallPolicy() {
    crypto::ThrottlePolicy policy;
    policy.baseDelay = 1s;
    policy.freeAttempts = 2;
    policy.lockAfter = 4;
    return policy;
}

} // namespace

class UsersTest : public QObject {
    Q_OBJECT

private slots:
    void theCoordinatorAddsAnInvigilatorWhoSignsInAsOne() {
        CoreFixture f;
        f.createCentre();
        const auto coordinator = f.coordinator();
        const auto added = f.addInvigilator(coordinator, "INV-0042", "Sam Carter",
                                            "light vehicle maintenance and repair", true);
        QCOMPARE(added.role, Role::Invigilator);
        QVERIFY(added.holdsIndustryQualification());
        QVERIFY(added.assessor);
        QCOMPARE(added.createdBy, kCoordinatorId);

        const auto sam = f.signInAs("INV-0042");
        QCOMPARE(sam.userId(), std::string("INV-0042"));
        QCOMPARE(sam.role(), Role::Invigilator);
        QCOMPARE(sam.name(), std::string("Sam Carter"));

        // What lands in the store: one Argon2id hash over id, PIN and password, nothing else.
        auto select = f.store().db().prepare(
            "SELECT credential_hash, industry_qualification, assessor FROM console_users "
            "WHERE user_id = 'INV-0042'");
        QVERIFY(select.step());
        QVERIFY(select.text(0).starts_with("$argon2id$"));
        QVERIFY(select.text(0).find("1357") == std::string::npos);
        QCOMPARE(select.text(1), std::string("light vehicle maintenance and repair"));
        QCOMPARE(select.int64(2), std::int64_t(1));

        const auto everyone = valueOf(UserDirectory(f.store(), f.clock()).users(coordinator));
        QCOMPARE(everyone.size(), std::size_t(2));
        QCOMPARE(everyone[0].userId, kCoordinatorId);
        QCOMPARE(everyone[1].userId, std::string("INV-0042"));
    }

    void aWrongPinAWrongPasswordAndAnUnknownUserGetTheSameRefusal() {
        CoreFixture f;
        f.createCentre();
        f.addInvigilator(f.coordinator(), "INV-0042", "Sam Carter");
        UserLogin login(f.store(), f.clock());

        const auto wrongPin = login.login("INV-0042", "1358", "INV-0042-password");
        QCOMPARE(wrongPin.error().error, ConsoleError::WrongCredentials);
        QCOMPARE(describe(wrongPin.error()), kWrongCredentials);
        f.clock().advance(1min);
        const auto wrongPassword = login.login("INV-0042", "1357", "INV-0042-passw0rd");
        QCOMPARE(describe(wrongPassword.error()), kWrongCredentials);
        const auto nobody = login.login("INV-9999", "1357", "INV-0042-password");
        QCOMPARE(describe(nobody.error()), kWrongCredentials);
        QCOMPARE(describe(login.login(std::string(5000, 'x') + "; DROP", "1357", "x").error()),
                 kWrongCredentials);

        // PIN and password swapped is not a way in either.
        f.clock().advance(1min);
        QCOMPARE(login.login("INV-0042", "INV-0042-password", "1357").error().error,
                 ConsoleError::WrongCredentials);
    }

    void lockOutAfterTheThrottlesLimitThenTheCoordinatorsRecordedUnlock() {
        CoreFixture f;
        f.createCentre();
        const auto coordinator = f.coordinator();
        f.addInvigilator(coordinator, "INV-0042", "Sam Carter");
        UserLogin login(f.store(), f.clock(), smallPolicy());

        for (const char* guess : {"guess-one", "guess-two", "guess-three"}) {
            QCOMPARE(describe(login.login("INV-0042", "0000", guess).error()), kWrongCredentials);
        }
        // Past the free attempts each failure makes the next try wait, PIN unchecked.
        const auto waiting = login.login("INV-0042", "1357", "INV-0042-password");
        QCOMPARE(describe(waiting.error()),
                 std::string("too many wrong attempts: wait before trying again: try again in "
                             "1 second"));
        f.clock().advance(1s);
        const auto locked = login.login("INV-0042", "0000", "guess-four");
        QCOMPARE(describe(locked.error()), kLocked + ": Sam Carter");

        // Locked: the right PIN and password do not help, an hour later or after a restart.
        f.clock().advance(1h);
        QCOMPARE(login.login("INV-0042", "1357", "INV-0042-password").error().error,
                 ConsoleError::AccountLocked);
        f.closeStore();
        f.reopen();
        UserLogin afterRestart(f.store(), f.clock(), smallPolicy());
        QCOMPARE(afterRestart.login("INV-0042", "1357", "INV-0042-password").error().error,
                 ConsoleError::AccountLocked);
        UserDirectory users(f.store(), f.clock());
        QVERIFY(valueOf(users.profile(coordinator, "INV-0042")).locked);

        // The coordinator unlocks, saying why; it is recorded with who and when.
        QCOMPARE(describe(users.unlock(coordinator, "INV-0042", "  ").error()),
                 std::string("say why: the reason is recorded"));
        f.clock().advance(5min);
        const auto unlockedAt = f.clock().wallNowMs();
        QVERIFY(users.unlock(coordinator, "INV-0042", "identity checked in person").ok());
        const auto history = valueOf(users.history(coordinator, "INV-0042"));
        const auto unlock = std::find_if(history.begin(), history.end(), [](const auto& entry) {
            return entry.action == "account-unlocked";
        });
        QVERIFY(unlock != history.end());
        QCOMPARE(unlock->actor, kCoordinatorId);
        QCOMPARE(unlock->atMs, unlockedAt);
        QCOMPARE(unlock->note, std::string("identity checked in person"));
        QVERIFY(std::any_of(history.begin(), history.end(),
                            [](const auto& entry) { return entry.action == "account-locked"; }));

        QVERIFY(afterRestart.login("INV-0042", "1357", "INV-0042-password").ok());
        QCOMPARE(describe(users.unlock(coordinator, "INV-0042", "again").error()),
                 std::string("this account is not locked: INV-0042"));
    }

    void theDefaultPolicyLocksAnInvigilatorAtTheTenthFailure() {
        CoreFixture f;
        f.createCentre();
        f.addInvigilator(f.coordinator(), "INV-0042", "Sam Carter");
        UserLogin login(f.store(), f.clock());
        const crypto::ThrottlePolicy policy;
        for (std::uint32_t failure = 1; failure < policy.lockAfter; ++failure) {
            QCOMPARE(describe(login.login("INV-0042", "0000", "wrong-password").error()),
                     kWrongCredentials);
            f.clock().advance(policy.maxDelay);
        }
        QCOMPARE(login.login("INV-0042", "0000", "wrong-password").error().error,
                 ConsoleError::AccountLocked);
        QCOMPARE(login.login("INV-0042", "1357", "INV-0042-password").error().error,
                 ConsoleError::AccountLocked);
    }

    void theCoordinatorsOwnAccountBacksOffButNeverLocks() {
        CoreFixture f;
        f.createCentre();
        UserLogin login(f.store(), f.clock(), smallPolicy());
        for (int attempt = 0; attempt < 6; ++attempt) {
            const auto refused = login.login(kCoordinatorId, "0000", "not-the-password");
            QCOMPARE(refused.error().error, ConsoleError::WrongCredentials);
            f.clock().advance(10min);
        }
        QCOMPARE(login.login(kCoordinatorId, kCoordinatorPin, kCoordinatorPassword).ok(), true);
    }

    void aResetReplacesPinAndPasswordAndLiftsALockOut() {
        CoreFixture f;
        f.createCentre();
        const auto coordinator = f.coordinator();
        f.addInvigilator(coordinator, "INV-0042", "Sam Carter");
        store::ThrottleTable(f.store().db())
            .save(UserLogin::throttleSubject("INV-0042"), {4, f.clock().wallNowMs(), true});
        UserDirectory users(f.store(), f.clock());

        QCOMPARE(
            describe(
                users.resetCredentials(coordinator, "INV-0042", "24", "new-password-1", "forgotten")
                    .error()),
            std::string("a PIN is 4 to 12 digits"));
        QCOMPARE(
            describe(users.resetCredentials(coordinator, "INV-0042", "8642", "8642", "forgotten")
                         .error()),
            std::string("a password has at least 8 characters and is not the PIN"));
        QCOMPARE(
            users.resetCredentials(coordinator, "INV-7777", "8642", "new-password-1", "forgotten")
                .error()
                .error,
            ConsoleError::UnknownUser);
        QVERIFY(users
                    .resetCredentials(coordinator, "INV-0042", "8642", "new-password-1",
                                      "forgot the password")
                    .ok());

        UserLogin login(f.store(), f.clock());
        QCOMPARE(login.login("INV-0042", "1357", "INV-0042-password").error().error,
                 ConsoleError::WrongCredentials);
        f.clock().advance(1min);
        QVERIFY(login.login("INV-0042", "8642", "new-password-1").ok());
        const auto history = valueOf(users.history(coordinator, "INV-0042"));
        QVERIFY(std::any_of(history.begin(), history.end(), [](const auto& entry) {
            return entry.action == "credentials-reset" && entry.actor == kCoordinatorId &&
                   entry.note == "forgot the password; account unlocked";
        }));
    }

    void anInvigilatorsDetailsAreCheckedBeforeAnythingIsStored() {
        CoreFixture f;
        f.createCentre();
        const auto coordinator = f.coordinator();
        UserDirectory users(f.store(), f.clock());
        const auto refusedWith = [&](NewInvigilator user) {
            return describe(users.addInvigilator(coordinator, user).error());
        };
        QCOMPARE(refusedWith({"INV 42", "Sam Carter", "1357", "long-enough", {}, false}),
                 std::string("the user's details cannot be used: a user id is 1 to 32 letters, "
                             "digits, '-', '_' or '.', e.g. INV-0042"));
        QCOMPARE(refusedWith({"INV-42", " ", "1357", "long-enough", {}, false}),
                 std::string("the user's details cannot be used: a name is 1 to 200 characters"));
        QCOMPARE(refusedWith({"INV-42", "Sam Carter", "13a7", "long-enough", {}, false}),
                 std::string("a PIN is 4 to 12 digits"));
        QCOMPARE(refusedWith({"INV-42", "Sam Carter", "1357", "short", {}, false}),
                 std::string("a password has at least 8 characters and is not the PIN"));
        QCOMPARE(refusedWith({kCoordinatorId, "Sam Carter", "1357", "long-enough", {}, false}),
                 std::string("a user with this id already exists: COORD-1"));
        QCOMPARE(valueOf(users.users(coordinator)).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(UsersTest)
#include "tst_users.moc"
