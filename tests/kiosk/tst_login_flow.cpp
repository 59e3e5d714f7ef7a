// The Login screen's state without a window (login_flow.h): the sentence after each attempt,
// the back-off countdown on the monotonic clock, who is signed in, and nothing without a seat.
#include "session_harness.h"
#include "vigil/kiosk/login_flow.h"

#include <QTest>
#include <chrono>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using namespace std::chrono_literals;

namespace {

void takeSeatRoster(LoginFlow& flow, SessionHarness& h) {
    flow.takeRoster(h.db(), {h.seat().assignment.centreId, h.seat().assignment.seatLabel,
                             h.seat().assignment.invigilators, crypto::ThrottlePolicy{},
                             h.seat().issuer.publicKey, h.seat().dataDir / "unlock"});
}

} // namespace

class TestLoginFlow : public QObject {
    Q_OBJECT
private slots:
    void wrongAttemptsSaySoThenCountDownOnTheMonotonicClock() {
        SessionHarness h;
        LoginFlow flow(h.clock());
        takeSeatRoster(flow, h);
        flow.begin(LoginFlow::Purpose::StartSitting);
        QVERIFY(flow.message().isEmpty());
        // Two wrong attempts are free; the third starts the seat's back-off.
        QVERIFY(!flow.attempt(QStringLiteral("000000"), QStringLiteral("wrong")));
        QCOMPARE(flow.message(), QStringLiteral("The PIN or password is not right."));
        QVERIFY(!flow.attempt(QStringLiteral("000000"), QStringLiteral("wrong")));
        QVERIFY(!flow.attempt(QStringLiteral("000000"), QStringLiteral("wrong")));
        QVERIFY(flow.backingOff());
        const int wait = flow.secondsToWait();
        QVERIFY(wait >= 1);
        QCOMPARE(
            flow.message(),
            QStringLiteral("The PIN or password is not right. Try again in %1 seconds.").arg(wait));
        // A wall clock set back changes nothing; the monotonic clock counts the wait down.
        h.clock().setWall(h.clock().wallNowMs() - 86'400'000);
        QCOMPARE(flow.secondsToWait(), wait);
        h.clock().advance(std::chrono::seconds(wait));
        QCOMPARE(flow.secondsToWait(), 0);
        // A new purpose clears the sentence shown.
        flow.begin(LoginFlow::Purpose::PauseSitting);
        QVERIFY(flow.message().isEmpty());
        QCOMPARE(flow.purpose(), LoginFlow::Purpose::PauseSitting);
    }

    void theRightCredentialsSignTheInvigilatorInUntilSignedOut() {
        SessionHarness h;
        LoginFlow flow(h.clock());
        takeSeatRoster(flow, h);
        flow.begin(LoginFlow::Purpose::StartSitting);
        const auto invigilator =
            flow.attempt(QString::fromLatin1(kSamplePin), QString::fromLatin1(kSamplePassword));
        QVERIFY(invigilator);
        QCOMPARE(invigilator->id, std::string(kSampleInvigilatorId));
        QVERIFY(flow.message().isEmpty());
        flow.signIn(*invigilator);
        QCOMPARE(flow.invigilatorId(), std::string(kSampleInvigilatorId));
        QCOMPARE(flow.invigilatorName(), QString::fromStdString(invigilator->name));
        flow.signOut();
        QVERIFY(flow.invigilatorId().empty());
        QVERIFY(flow.invigilatorName().isEmpty());
    }

    void withoutASeatNobodyLogsIn() {
        SessionHarness h;
        LoginFlow flow(h.clock());
        QVERIFY(!flow.hasRoster());
        QVERIFY(
            !flow.attempt(QString::fromLatin1(kSamplePin), QString::fromLatin1(kSamplePassword)));
        takeSeatRoster(flow, h);
        QVERIFY(flow.hasRoster());
        flow.dropRoster();
        QVERIFY(
            !flow.attempt(QString::fromLatin1(kSamplePin), QString::fromLatin1(kSamplePassword)));
    }

    void theLogNamesEachPurpose() {
        QCOMPARE(LoginFlow::purposeName(LoginFlow::Purpose::StartSitting), "start sitting");
        QCOMPARE(LoginFlow::purposeName(LoginFlow::Purpose::ResumeInterrupted),
                 "resume interrupted sitting");
        QCOMPARE(LoginFlow::purposeName(LoginFlow::Purpose::ReviewIncidents), "review incidents");
    }
};

QTEST_MAIN(TestLoginFlow)
#include "tst_login_flow.moc"
