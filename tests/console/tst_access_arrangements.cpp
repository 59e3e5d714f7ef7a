// A candidate's access arrangements, entered in the console for a session, reach the kiosk in
// the seat assignment the console issues for the candidate's seat: read out of the signed
// assignment (checked under the centre's key, as the kiosk reads it) they are exactly what was
// entered. What no assignment can carry is refused, for a candidate the session does not have
// too; a candidate without arrangements gets none.
#include "live_fixture.h"
#include "vigil/console/access_arrangements.h"
#include "vigil/exam/seat_assignment.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

class AccessArrangementsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void checksSayWhatNoAssignmentCanCarry() {
        exam::AccessibilityOptions options;
        QVERIFY(checkArrangements(options).empty());
        QCOMPARE(QString::fromStdString(describeArrangements(options)), QStringLiteral("none"));
        options.extraTimePercent = 101;
        QCOMPARE(QString::fromStdString(checkArrangements(options)),
                 QStringLiteral("extra time is 0 to 100%"));
        options.extraTimePercent = 25;
        options.textScale = 3;
        QVERIFY(!checkArrangements(options).empty());
        options.textScale = 1;
        options.overlayColour = "purple";
        QVERIFY(QString::fromStdString(checkArrangements(options))
                    .startsWith("the overlay colour must be one of yellow, cream"));
        options.overlayColour = "cream";
        options.computerReader = true;
        QVERIFY(checkArrangements(options).empty());
        QCOMPARE(QString::fromStdString(describeArrangements(options)),
                 QStringLiteral("extra time 25%, computer reader, large text, cream overlay"));
    }

    void theIssuedAssignmentCarriesTheCandidatesArrangements() {
        LiveConsole console(dir_.filePath("arrangements").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc02 = console.enrolledKiosk("PC02");
        const auto sam = console.signIn("INV-0042");
        auto desk = valueOf(console.service().openSession(sam, console.sessionId()));

        exam::AccessibilityOptions jordans;
        jordans.extraTimePercent = 25;
        jordans.computerReader = true;
        jordans.textScale = 2;
        jordans.overlayColour = "cream";
        QVERIFY(desk.arrangements().set(console.sessionId(), "ab123456", jordans).ok());
        // Refused: what no assignment carries, and a candidate the session does not have.
        auto tooMuch = jordans;
        tooMuch.extraTimePercent = 150;
        QCOMPARE(desk.arrangements().set(console.sessionId(), "AB123456", tooMuch).error(),
                 CandidateError::InvalidArrangement);
        QCOMPARE(desk.arrangements().set(console.sessionId(), "ZZ999999", jordans).error(),
                 CandidateError::UnknownCandidate);
        QCOMPARE(desk.arrangements().of(console.sessionId(), "AB123456").extraTimePercent, 25);

        const auto issuerKey = console.service().centre().signingKeys().publicKey;
        const auto issued =
            valueOf(console.service().issueAssignment(sam, console.sessionId(), "PC01"));
        const auto read = exam::readSeatAssignment(issued.signedBytes, issuerKey);
        QVERIFY2(read.ok(), read.ok() ? "" : exam::describe(read.error()).c_str());
        const auto& carried = read.value().accessibility;
        QCOMPARE(read.value().registrationNumber, std::string("AB123456"));
        QCOMPARE(carried.extraTimePercent, 25);
        QVERIFY(carried.computerReader);
        QVERIFY(!carried.screenReader);
        QCOMPARE(carried.textScale, 2);
        QVERIFY(carried.overlayColour == std::optional<std::string>("cream"));

        // Sam Patel at PC02 has none.
        const auto other =
            valueOf(console.service().issueAssignment(sam, console.sessionId(), "PC02"));
        const auto none = exam::readSeatAssignment(other.signedBytes, issuerKey);
        QVERIFY(none.ok());
        QCOMPARE(none.value().accessibility.extraTimePercent, 0);
        QVERIFY(!none.value().accessibility.computerReader);
        QVERIFY(!none.value().accessibility.overlayColour);

        // Cleared: the next assignment carries nothing.
        QVERIFY(desk.arrangements().set(console.sessionId(), "AB123456", {}).ok());
        const auto again =
            valueOf(console.service().issueAssignment(sam, console.sessionId(), "PC01"));
        QCOMPARE(exam::readSeatAssignment(again.signedBytes, issuerKey)
                     .value()
                     .accessibility.extraTimePercent,
                 0);
    }
};

QTEST_GUILESS_MAIN(AccessArrangementsTest)
#include "tst_access_arrangements.moc"
