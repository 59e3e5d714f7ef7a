// No trust on first use: which kiosks the console admits, how a coordinator enrols one by its
// fingerprint, and what is refused and recorded — on a real encrypted store.
#include "vigil/sync/enrolment.h"
#include "vigil/sync/fingerprint.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace vigil;
using namespace vigil::sync;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

Hello hello(const std::string& seat, const std::string& centre = "C0451") {
    return {kProtocolVersion, centre, seat, "vigil-kiosk 0.1.0"};
}

} // namespace

class EnrolmentTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::optional<store::Database> db_;

    store::Database& openStore() {
        const store::Migration migrations[] = {{1, EnrolmentRegistry::schemaSql()}};
        db_.emplace(
            store::Database::open(dir_.filePath("console.db").toStdString(), key_, migrations));
        return *db_;
    }

private slots:
    void init() {
        db_.reset();
        QFile::remove(dir_.filePath("console.db"));
        QFile::remove(dir_.filePath("console.db-wal"));
        QFile::remove(dir_.filePath("console.db-shm"));
    }

    void anUnknownKioskWaitsWithItsFingerprintUntilTheCoordinatorConfirmsIt() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto pc07 = crypto::generateSigningKeyPair();
        const auto reply = registry.admit(hello("PC07"), pc07.publicKey, "127.0.0.1:5000", kNow);
        QCOMPARE(reply.standing, HelloReply::Standing::AwaitingEnrolment);
        QCOMPARE(registry.waiting().size(), std::size_t(1));
        QCOMPARE(registry.waiting()[0].fingerprint, shortFingerprint(pc07.publicKey));
        QCOMPARE(registry.waiting()[0].address, std::string("127.0.0.1:5000"));
        QVERIFY(registry.enrolled().empty());

        const auto enrolled =
            registry.enrol("PC07", shortFingerprint(pc07.publicKey), "coord-1", kNow + 1);
        QVERIFY(enrolled.ok());
        QVERIFY(registry.waiting().empty());
        QCOMPARE(registry.admit(hello("PC07"), pc07.publicKey, "127.0.0.1:5001", kNow + 2).standing,
                 HelloReply::Standing::Enrolled);
    }

    void enrolmentSurvivesARestartOfTheConsole() {
        const auto pc07 = crypto::generateSigningKeyPair();
        {
            EnrolmentRegistry registry(openStore(), "C0451");
            (void)registry.admit(hello("PC07"), pc07.publicKey, "a", kNow);
            QVERIFY(registry.enrol("PC07", shortFingerprint(pc07.publicKey), "coord-1", kNow).ok());
        }
        EnrolmentRegistry reopened(openStore(), "C0451");
        QCOMPARE(reopened.enrolled().size(), std::size_t(1));
        QVERIFY(reopened.enrolled()[0].key == pc07.publicKey);
        QCOMPARE(reopened.enrolled()[0].enrolledBy, std::string("coord-1"));
        QCOMPARE(reopened.admit(hello("PC07"), pc07.publicKey, "a", kNow).standing,
                 HelloReply::Standing::Enrolled);
    }

    void aWrongFingerprintEnrolsNothing() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto pc07 = crypto::generateSigningKeyPair();
        const auto other = crypto::generateSigningKeyPair();
        (void)registry.admit(hello("PC07"), pc07.publicKey, "a", kNow);
        const auto result =
            registry.enrol("PC07", shortFingerprint(other.publicKey), "coord-1", kNow);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), EnrolmentError::FingerprintMismatch);
        QVERIFY(registry.enrolled().empty());
        QCOMPARE(registry.enrol("PC99", shortFingerprint(pc07.publicKey), "coord-1", kNow).error(),
                 EnrolmentError::NotWaiting);
    }

    void twoDevicesClaimingOneSeatAreToldApartByTheTypedFingerprint() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto real = crypto::generateSigningKeyPair();
        const auto impostor = crypto::generateSigningKeyPair();
        (void)registry.admit(hello("PC07"), real.publicKey, "a", kNow);
        (void)registry.admit(hello("PC07"), impostor.publicKey, "b", kNow + 1);
        QCOMPARE(registry.waiting().size(), std::size_t(2));
        QVERIFY(registry.enrol("PC07", shortFingerprint(real.publicKey), "coord-1", kNow).ok());
        QVERIFY(registry.enrolled()[0].key == real.publicKey);
        // The impostor, still waiting, is now refused as a different key for an enrolled seat.
        const auto reply = registry.admit(hello("PC07"), impostor.publicKey, "b", kNow + 2);
        QCOMPARE(reply.standing, HelloReply::Standing::Refused);
    }

    void aChangedKeyForAnEnrolledSeatIsRefusedNamingTheSeat() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto pc07 = crypto::generateSigningKeyPair();
        (void)registry.admit(hello("PC07"), pc07.publicKey, "a", kNow);
        QVERIFY(registry.enrol("PC07", shortFingerprint(pc07.publicKey), "coord-1", kNow).ok());
        const auto replaced = crypto::generateSigningKeyPair();
        const auto reply = registry.admit(hello("PC07"), replaced.publicKey, "a", kNow + 5);
        QCOMPARE(reply.standing, HelloReply::Standing::Refused);
        QCOMPARE(QString::fromStdString(reply.reason),
                 QString::fromStdString("PC07 presented a different key (" +
                                        shortFingerprint(replaced.publicKey) +
                                        "): re-enrol or investigate"));
        // Enrolling the new key needs the old one unenrolled first, deliberately.
        QCOMPARE(
            registry.enrol("PC07", shortFingerprint(replaced.publicKey), "coord-1", kNow).error(),
            EnrolmentError::SeatEnrolled);
        QVERIFY(registry.unenrol("PC07", "coord-1", "hard disk replaced", kNow + 6).ok());
        (void)registry.admit(hello("PC07"), replaced.publicKey, "a", kNow + 7);
        QVERIFY(
            registry.enrol("PC07", shortFingerprint(replaced.publicKey), "coord-1", kNow + 8).ok());
        QCOMPARE(registry.admit(hello("PC07"), pc07.publicKey, "a", kNow + 9).standing,
                 HelloReply::Standing::Refused);
    }

    void anEnrolledKioskClaimingAnotherSeatIsRefused() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto pc07 = crypto::generateSigningKeyPair();
        (void)registry.admit(hello("PC07"), pc07.publicKey, "a", kNow);
        QVERIFY(registry.enrol("PC07", shortFingerprint(pc07.publicKey), "coord-1", kNow).ok());
        const auto reply = registry.admit(hello("PC08"), pc07.publicKey, "a", kNow + 1);
        QCOMPARE(reply.standing, HelloReply::Standing::Refused);
        QVERIFY(
            QString::fromStdString(reply.reason).contains("enrolled as PC07 but says it is PC08"));
    }

    void aKioskOfAnotherCentreOrVersionIsRefused() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto pc = crypto::generateSigningKeyPair();
        auto reply = registry.admit(hello("PC07", "C9999"), pc.publicKey, "a", kNow);
        QCOMPARE(reply.standing, HelloReply::Standing::Refused);
        QVERIFY(QString::fromStdString(reply.reason).contains("centre C9999"));
        auto newer = hello("PC07");
        newer.protocol = 2;
        reply = registry.admit(newer, pc.publicKey, "a", kNow);
        QCOMPARE(reply.standing, HelloReply::Standing::Refused);
        QVERIFY(registry.waiting().empty());
    }

    void everyDecisionIsRecorded() {
        EnrolmentRegistry registry(openStore(), "C0451");
        const auto pc07 = crypto::generateSigningKeyPair();
        const auto stranger = crypto::generateSigningKeyPair();
        (void)registry.admit(hello("PC07"), pc07.publicKey, "a", kNow);
        QVERIFY(registry.enrol("PC07", shortFingerprint(pc07.publicKey), "coord-1", kNow + 1).ok());
        (void)registry.admit(hello("PC07"), stranger.publicKey, "b", kNow + 2);
        QVERIFY(registry.unenrol("PC07", "coord-2", "PC retired", kNow + 3).ok());
        QCOMPARE(registry.unenrol("PC07", "coord-2", "again", kNow + 4).error(),
                 EnrolmentError::NotEnrolled);
        const auto history = registry.history();
        QCOMPARE(history.size(), std::size_t(3));
        QCOMPARE(history[0].action, std::string("enrolled"));
        QCOMPARE(history[0].by, std::string("coord-1"));
        QCOMPARE(history[0].fingerprint, shortFingerprint(pc07.publicKey));
        QCOMPARE(history[1].action, std::string("refused"));
        QCOMPARE(history[1].fingerprint, shortFingerprint(stranger.publicKey));
        QCOMPARE(history[2].action, std::string("unenrolled"));
        QCOMPARE(history[2].note, std::string("PC retired"));
        QCOMPARE(history[2].atMs, kNow + 3);
    }
};

QTEST_GUILESS_MAIN(EnrolmentTest)
#include "tst_enrolment.moc"
