// InvigilatorLogin without a window: the seat's back-off (never a lock), the clock set back,
// the centre's signed unlocks of invigilator accounts, and what SessionController shows of it.
#include "session_harness.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/invigilator_unlock.h"
#include "vigil/kiosk/invigilator_login.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/store/throttle_table.h"

#include <QTest>
#include <chrono>
#include <fstream>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using namespace std::chrono_literals;
using Outcome = InvigilatorLogin::Outcome;
using Screen = SessionController::Screen;

namespace {

const std::string kSecondInvigilator = "INV-0077";

InvigilatorLogin loginFor(SessionHarness& h) {
    return InvigilatorLogin(h.db(), h.clock(),
                            {h.seat().assignment.centreId, h.seat().assignment.seatLabel,
                             h.seat().assignment.invigilators, crypto::ThrottlePolicy{},
                             h.seat().issuer.publicKey, h.seat().dataDir / "unlock"});
}

Outcome tryRight(InvigilatorLogin& login) {
    return login.attempt(kSamplePin, kSamplePassword, "start sitting").outcome;
}

// What an older build (or, later, the console) leaves for an invigilator account it locked.
void lockAccount(SessionHarness& h, const std::string& id) {
    store::ThrottleTable(h.db()).save(InvigilatorLogin::invigilatorSubject(id),
                                      {10, h.clock().wallNowMs(), true});
}

bool accountLocked(SessionHarness& h, const std::string& id) {
    const auto record = store::ThrottleTable(h.db()).load(InvigilatorLogin::invigilatorSubject(id));
    return record && record->locked;
}

exam::InvigilatorUnlock unlockOf(SessionHarness& h, const std::string& id) {
    exam::InvigilatorUnlock unlock;
    const auto random = crypto::randomBytes(unlock.id.size());
    std::copy(random.begin(), random.end(), unlock.id.begin());
    unlock.centreId = h.seat().assignment.centreId;
    unlock.invigilatorId = id;
    unlock.seatLabel = h.seat().assignment.seatLabel;
    unlock.issuedAtMs = h.clock().wallNowMs() - 60'000;
    unlock.validUntilMs = h.clock().wallNowMs() + 3'600'000;
    return unlock;
}

std::filesystem::path drop(SessionHarness& h, const std::vector<std::uint8_t>& bytes,
                           const std::string& name) {
    const auto dir = h.seat().dataDir / "unlock";
    std::filesystem::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return dir / name;
}

std::vector<std::uint8_t> signedBy(const exam::InvigilatorUnlock& unlock,
                                   const crypto::SigningKeyPair& key) {
    auto bytes = exam::signInvigilatorUnlock(unlock, key);
    if (!bytes) {
        throw std::runtime_error(exam::describe(bytes.error()));
    }
    return std::move(bytes).value();
}

std::vector<KioskLog::Entry> logOf(SessionHarness& h, const std::string& kind) {
    return KioskLog(h.db()).entries(kind);
}

} // namespace

class TestInvigilatorLogin : public QObject {
    Q_OBJECT
private slots:
    void theRightCredentialsAreAcceptedAndWrongOnesRefused() {
        SessionHarness h;
        auto login = loginFor(h);
        QVERIFY(!login.verifyCredentials("000000", kSamplePassword));
        QVERIFY(!login.verifyCredentials(kSamplePin, "not the password"));
        QVERIFY(!login.verifyCredentials(kSamplePassword, kSamplePin));
        const auto who = login.verifyCredentials(kSamplePin, kSamplePassword);
        QVERIFY(who);
        QCOMPARE(who->id, std::string(kSampleInvigilatorId));
        QCOMPARE(who->name, std::string("Sam Carter"));
        const auto attempt = login.attempt(kSamplePin, kSamplePassword, "start sitting");
        QCOMPARE(attempt.outcome, Outcome::Accepted);
        QCOMPARE(attempt.invigilatorId, std::string(kSampleInvigilatorId));
        QCOMPARE(logOf(h, "login-succeeded").size(), std::size_t(1));
    }

    // Issue 14: a right PIN with a wrong password was told apart (by time, and in the log).
    // Now it is one more wrong attempt: the seat's, naming nobody, no account touched.
    void aRightPinWithAWrongPasswordIsJustAWrongAttempt() {
        SessionHarness h;
        auto login = loginFor(h);
        for (int i = 0; i < 12; ++i) {
            const auto attempt = login.attempt(kSamplePin, "wrong password", "start sitting");
            QVERIFY(attempt.outcome == Outcome::WrongCredentials ||
                    attempt.outcome == Outcome::SeatWaiting);
            QVERIFY(attempt.invigilatorId.empty());
            h.clock().advance(10min);
        }
        for (const auto& entry : logOf(h, "login-failed")) {
            QCOMPARE(entry.actor, std::string("unknown"));
        }
        QVERIFY(!accountLocked(h, kSampleInvigilatorId));
        QVERIFY(!store::ThrottleTable(h.db()).load(
            InvigilatorLogin::invigilatorSubject(kSampleInvigilatorId)));
        QCOMPARE(tryRight(login), Outcome::Accepted);
    }

    void eachInvigilatorOnTheRosterLogsInAsThemselves() {
        auto options = sampleSeatOptions();
        options.invigilators.push_back(
            {kSecondInvigilator, "Jo Marsh", "7351", "tyre-tread-1.6mm"});
        SessionHarness h(makeSampleAssessment({}), options);
        auto login = loginFor(h);
        const auto second = login.attempt("7351", "tyre-tread-1.6mm", "start sitting");
        QCOMPARE(second.outcome, Outcome::Accepted);
        QCOMPARE(second.invigilatorId, kSecondInvigilator);
        QCOMPARE(second.name, std::string("Jo Marsh"));
        // One's PIN with the other's password is nobody.
        QCOMPARE(login.attempt(kSamplePin, "tyre-tread-1.6mm", "start sitting").outcome,
                 Outcome::WrongCredentials);
        QCOMPARE(tryRight(login), Outcome::Accepted);
    }

    // Issue 14: a candidate pressing Invigilator and typing wrong PINs for about five minutes
    // locked the seat for good. 200 attempts, each 1.5 s after the last.
    void aCandidateCanDelayButNeverLockTheSeat() {
        SessionHarness h;
        auto login = loginFor(h);
        int refused = 0;
        for (int i = 0; i < 200; ++i) {
            const auto outcome =
                login.attempt(std::to_string(100000 + i), "guess", "start sitting").outcome;
            QVERIFY(outcome == Outcome::WrongCredentials || outcome == Outcome::SeatWaiting);
            refused += outcome == Outcome::WrongCredentials ? 1 : 0;
            h.clock().advance(1500ms);
        }
        QVERIFY(refused >= 10); // the old build locked at the 10th
        const auto seat = store::ThrottleTable(h.db()).load(login.seatSubject());
        QVERIFY(seat && !seat->locked);
        QCOMPARE(seat->failures, std::uint32_t(refused));
        // The wait is capped: once it has passed, the invigilator logs in.
        h.clock().advance(crypto::ThrottlePolicy{}.maxDelay);
        QCOMPARE(tryRight(login), Outcome::Accepted);
        QVERIFY(!store::ThrottleTable(h.db()).load(login.seatSubject()));
    }

    // A seat an older build locked, with a sitting interrupted by a crash: the resume works.
    void aResumeAfterACrashIsNeverStrandedByASeatLock() {
        SessionHarness h;
        h.startSitting();
        h.close();
        h.reopen();
        store::ThrottleTable(h.db()).save("seat:PC07", {10, h.clock().wallNowMs(), true});
        auto& s = h.session();
        QVERIFY(s.sittingInProgress());
        s.beginLogin();
        QVERIFY(!h.loginAsInvigilator());
        QVERIFY(s.loginMessage().contains(QStringLiteral("Try again")));
        QVERIFY(s.throttleSecondsLeft() <= 300);
        h.clock().advance(5min);
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Question);
    }

    void aClockSetBackADayNeverStretchesTheWait() {
        SessionHarness h;
        auto login = loginFor(h);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(login.attempt("111111", "wrong", "start sitting").outcome,
                     Outcome::WrongCredentials);
        }
        h.clock().setWall(h.clock().wallNowMs() - 24LL * 3'600'000);
        const auto waiting = login.attempt(kSamplePin, kSamplePassword, "start sitting");
        QCOMPARE(waiting.outcome, Outcome::SeatWaiting);
        QVERIFY(waiting.retryAfter <= 1000ms); // the third failure's delay
        h.clock().advance(1000ms);
        QCOMPARE(tryRight(login), Outcome::Accepted);
    }

    // What the login screen counts down (and whether its button is enabled) follows the same
    // rule: a wall clock set back a day leaves at most the back-off's seconds.
    void theLoginScreensCountdownIgnoresAWallClockSetBack() {
        SessionHarness h;
        auto& s = h.session();
        s.beginLogin();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!s.submitLogin(QStringLiteral("111111"), QStringLiteral("wrong")));
        }
        QCOMPARE(s.throttleSecondsLeft(), 1);
        h.clock().advance(600ms);
        h.clock().setWall(h.clock().wallNowMs() - 24LL * 3'600'000);
        QCOMPARE(s.throttleSecondsLeft(), 1); // 400 ms, rounded up
        h.clock().advance(400ms);             // the failure's 1 s, measured on the monotonic clock
        QCOMPARE(s.throttleSecondsLeft(), 0);
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Confirm);
    }

    void aLockedAccountIsRefusedEvenWithTheRightCredentials() {
        SessionHarness h;
        lockAccount(h, kSampleInvigilatorId);
        auto& s = h.session();
        s.beginLogin();
        QVERIFY(!h.loginAsInvigilator());
        QVERIFY(s.loginMessage().contains(QStringLiteral("locked")));
        QCOMPARE(s.screen(), Screen::Login);
        h.clock().advance(24h * 365);
        QVERIFY(!h.loginAsInvigilator());
    }

    void aSignedUnlockLiftsExactlyThatInvigilatorsLockOnce() {
        SessionHarness h;
        lockAccount(h, kSampleInvigilatorId);
        lockAccount(h, kSecondInvigilator);
        auto login = loginFor(h);
        const auto bytes = signedBy(unlockOf(h, kSampleInvigilatorId), h.seat().issuer);
        const auto file = drop(h, bytes, "inv-0042.vunlock");
        QCOMPARE(tryRight(login), Outcome::Accepted);
        QVERIFY(!std::filesystem::exists(file));
        QVERIFY(!accountLocked(h, kSampleInvigilatorId));
        QVERIFY(accountLocked(h, kSecondInvigilator));
        const auto applied = logOf(h, "unlock-applied");
        QCOMPARE(applied.size(), std::size_t(1));
        QCOMPARE(applied[0].actor, std::string(kSampleInvigilatorId));
        QCOMPARE(applied[0].seat, std::string("PC07"));

        // The same file again: a replay, refused; the account the console locked stays locked.
        lockAccount(h, kSampleInvigilatorId);
        drop(h, bytes, "again.vunlock");
        QCOMPARE(tryRight(login), Outcome::AccountLocked);
        QVERIFY(accountLocked(h, kSampleInvigilatorId));
        const auto refused = logOf(h, "unlock-refused");
        QCOMPARE(refused.size(), std::size_t(1));
        QVERIFY(refused[0].detail.find("replay") != std::string::npos);
    }

    void anUnlockSignedByAnotherKeyIsRefused() {
        SessionHarness h;
        lockAccount(h, kSampleInvigilatorId);
        auto login = loginFor(h);
        drop(h, signedBy(unlockOf(h, kSampleInvigilatorId), crypto::generateSigningKeyPair()),
             "forged.vunlock");
        QCOMPARE(tryRight(login), Outcome::AccountLocked);
        QVERIFY(accountLocked(h, kSampleInvigilatorId));
        const auto refused = logOf(h, "unlock-refused");
        QCOMPARE(refused.size(), std::size_t(1));
        QVERIFY(refused[0].detail.find("another key") != std::string::npos);
    }

    void anExpiredOrAlteredOrOtherSeatsUnlockIsRefused() {
        SessionHarness h;
        lockAccount(h, kSampleInvigilatorId);
        auto login = loginFor(h);
        auto expired = unlockOf(h, kSampleInvigilatorId);
        expired.issuedAtMs = h.clock().wallNowMs() - 7'200'000;
        expired.validUntilMs = h.clock().wallNowMs() - 1;
        drop(h, signedBy(expired, h.seat().issuer), "1-expired.vunlock");
        auto otherSeat = unlockOf(h, kSampleInvigilatorId);
        otherSeat.seatLabel = "PC08";
        drop(h, signedBy(otherSeat, h.seat().issuer), "2-other-seat.vunlock");
        auto altered = signedBy(unlockOf(h, kSampleInvigilatorId), h.seat().issuer);
        altered[altered.size() - 70] ^= 1; // inside the signed validity time
        drop(h, altered, "3-altered.vunlock");
        QCOMPARE(tryRight(login), Outcome::AccountLocked);
        const auto refused = logOf(h, "unlock-refused");
        QCOMPARE(refused.size(), std::size_t(3));
        QVERIFY(refused[0].detail.find("expired") != std::string::npos);
        QVERIFY(refused[1].detail.find("another seat") != std::string::npos);
        QVERIFY(refused[2].detail.find("not valid") != std::string::npos);
        QVERIFY(accountLocked(h, kSampleInvigilatorId));
        QVERIFY(std::filesystem::is_empty(h.seat().dataDir / "unlock"));
    }

    void anUnlockForEverySeatOfTheCentreWorksThroughTheSession() {
        SessionHarness h;
        lockAccount(h, kSampleInvigilatorId);
        auto unlock = unlockOf(h, kSampleInvigilatorId);
        unlock.seatLabel.clear();
        drop(h, signedBy(unlock, h.seat().issuer), "centre-wide.vunlock");
        h.session().beginLogin();
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(h.session().screen(), Screen::Confirm);
        QCOMPARE(logOf(h, "unlock-applied").size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestInvigilatorLogin)
#include "tst_invigilator_login.moc"
