// Start-up problems: the real vigil-kiosk binary over a sample seat whose files are then broken
// one way each. The kiosk must come up on the Out of service screen naming the file and what to
// do (read back from the screen by --self-test), leave every file as it was, and start by
// itself once the file is put right.
#include "sample_seat.h"
#include "vigil/crypto/key_files.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/session_controller.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <fstream>
#include <map>
#include <signal.h>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

namespace {

QString kioskBinary() {
    return qEnvironmentVariable("VIGIL_BUILD_DIR") + QStringLiteral("/kiosk/vigil-kiosk");
}

// Every regular file under `root` with its bytes: what must not change.
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            files[entry.path().string()] = textOf(entry.path());
        }
    }
    return files;
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct Run {
    int exitCode = -1;
    QString out;
};

} // namespace

class TestStartupProblems : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;
    SampleSeat seat_;

    QStringList arguments(bool selfTest) const {
        QStringList args{
            QStringLiteral("--data-dir"),   QString::fromStdString(seat_.dataDir),
            QStringLiteral("--package"),    QString::fromStdString(seat_.packageFile),
            QStringLiteral("--assignment"), QString::fromStdString(seat_.assignmentFile)};
        if (selfTest) {
            args << QStringLiteral("--self-test");
        }
        return args;
    }

    Run selfTest() const {
        QProcess kiosk;
        kiosk.setProcessChannelMode(QProcess::MergedChannels);
        kiosk.start(kioskBinary(), arguments(true));
        if (!kiosk.waitForFinished(60'000)) {
            kiosk.kill();
            kiosk.waitForFinished();
        }
        return {kiosk.exitCode(), QString::fromUtf8(kiosk.readAll())};
    }

    // Runs the self-test over the broken seat: Out of service, the expected screen text, exit 1,
    // and every file under the data directory and the delivery folder byte-for-byte as before.
    void expectOutOfService(const QString& kind, const QString& shownText, const fs::path& file) {
        const auto dataBefore = snapshot(seat_.dataDir);
        const auto deliveryBefore = snapshot(seat_.packageFile.parent_path());
        const Run run = selfTest();
        QVERIFY2(run.out.contains(QStringLiteral("screen=OutOfService problem=%1").arg(kind)),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("qml=loaded")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("shown=\"%1").arg(shownText)),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(
                     QStringLiteral("file=\"%1\"").arg(QString::fromStdString(file.string()))),
                 qPrintable(run.out));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(snapshot(seat_.dataDir) == dataBefore);
        QVERIFY(snapshot(seat_.packageFile.parent_path()) == deliveryBefore);
    }

    // New awarding-body and issuer keys replace the seat's; the package is sealed to
    // `recipient` and the assignment (after `edit`) names it, with the content key sealed to
    // this kiosk when the package is this centre's.
    void reissue(const std::string& recipient,
                 const std::function<void(exam::SeatAssignment&)>& edit) {
        const auto trust = TrustMaterial::trustDir(seat_.dataDir);
        const auto awarding = crypto::generateSigningKeyPair();
        const auto issuer = crypto::generateSigningKeyPair();
        QVERIFY(
            crypto::saveSigningPublicKey(trust / "awarding-body-signing.pub", awarding.publicKey));
        QVERIFY(crypto::saveSigningPublicKey(trust / "issuer-signing.pub", issuer.publicKey));
        const auto other = crypto::generateBoxKeyPair();
        const bool here = recipient == "C0451";
        auto package =
            exam::buildPackage(seat_.assessment, awarding,
                               {{recipient, here ? seat_.centreBox.publicKey : other.publicKey}});
        QVERIFY(package);
        QVERIFY(exam::writePackageFile(seat_.packageFile, package.value()));
        auto assignment = seat_.assignment;
        assignment.packageDigest = exam::packageDigest(package.value());
        assignment.sealedContentKey.clear();
        if (here) {
            auto contentKey = exam::unsealContentKey(package.value(), awarding.publicKey, recipient,
                                                     seat_.centreBox);
            QVERIFY(contentKey);
            assignment.sealedContentKey =
                exam::sealContentKeyToKiosk(contentKey.value(), seat_.kioskKey).value();
        }
        edit(assignment);
        auto signedAssignment = exam::signSeatAssignment(assignment, issuer);
        QVERIFY(signedAssignment);
        QVERIFY(exam::writeSeatAssignmentFile(seat_.assignmentFile, signedAssignment.value()));
    }

    // Sits this seat's assessment to its result through the kiosk's session on the data
    // directory, as the kiosk itself would, and closes the store.
    void completeTheSeatsSitting() {
        DataDir dir(seat_.dataDir);
        const auto migrations = kioskMigrations();
        auto db = store::Database::open(dir.storeFile(), dir.loadOrCreateStoreKey(), migrations,
                                        store::OpenMode::MustExist);
        auto trust = TrustMaterial::load(dir.root());
        exam::SystemClock clock;
        SessionServices services;
        services.db = &db;
        services.clock = &clock;
        services.seat =
            openSeat(seat_.assignmentFile, seat_.packageFile, trust,
                     {seat_.assignment.centreId, seat_.assignment.room, seat_.assignment.seatLabel},
                     clock.wallNowMs());
        services.kioskKeys = std::move(trust.kioskKeys);
        services.resultRecipient = trust.resultRecipient;
        SessionController session(std::move(services));
        session.beginLogin();
        QVERIFY(session.submitLogin(QString::fromLatin1(kSamplePin),
                                    QString::fromLatin1(kSamplePassword)));
        session.confirmCandidate();
        session.start();
        QCOMPARE(session.screen(), SessionController::Screen::Question);
        session.requestSubmit();
        session.confirmSubmit();
        session.confirmSubmit();
        QCOMPARE(session.screen(), SessionController::Screen::Result);
    }

    // Runs the kiosk (not the self-test) until its store is open, then kills it with SIGKILL:
    // the store's write-ahead log and shared-memory file stay, as after a power cut.
    void killTheKioskWithItsStoreOpen() {
        QProcess kiosk;
        kiosk.setProcessChannelMode(QProcess::MergedChannels);
        kiosk.start(kioskBinary(), arguments(false));
        QVERIFY(kiosk.waitForStarted());
        const auto wal = seat_.dataDir / "kiosk.db-wal";
        const auto shm = seat_.dataDir / "kiosk.db-shm";
        QDeadlineTimer deadline(30'000);
        while (!(fs::exists(wal) && fs::exists(shm)) && !deadline.hasExpired()) {
            kiosk.waitForReadyRead(100);
        }
        QTest::qWait(1000); // past start-up: the session has read the store
        QCOMPARE(kiosk.state(), QProcess::Running);
        ::kill(pid_t(kiosk.processId()), SIGKILL);
        QVERIFY(kiosk.waitForFinished(10'000));
        QVERIFY(fs::exists(wal));
        QVERIFY(fs::exists(shm));
    }

private slots:
    void init() {
        QVERIFY(temp_.isValid());
        const auto dir = fs::path(temp_.path().toStdString()) / QTest::currentTestFunction();
        seat_ = makeSampleSeat(dir / "data");
        // A first, healthy start: the store and its key exist, as on a kiosk in use.
        const Run run = selfTest();
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("screen=Locked")),
                 qPrintable(run.out));
        QVERIFY(fs::exists(seat_.dataDir / "kiosk.db"));
    }

    // Issue 14: finish a sitting, stop the kiosk, delete kiosk.db* (keep store.key), start
    // again. The kiosk once made a new store and offered the same assignment again.
    void aDeletedStoreIsNotReplacedByANewOne() {
        completeTheSeatsSitting();
        const Run before = selfTest();
        QVERIFY2(before.out.contains(QStringLiteral("screen=Locked")) &&
                     before.out.contains(QStringLiteral("completed")),
                 qPrintable(before.out));
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(seat_.dataDir / (std::string("kiosk.db") + suffix));
        }
        expectOutOfService(QStringLiteral("store"),
                           QStringLiteral("The kiosk's store is missing: its key is still here."),
                           seat_.dataDir / "kiosk.db");
        QVERIFY(!fs::exists(seat_.dataDir / "kiosk.db")); // nothing new was created
    }

    // The store and its key both gone, but this kiosk's signing key says it has run before.
    void aDeletedStoreAndKeyAreNotAFirstStart() {
        fs::remove(seat_.dataDir / "kiosk.db");
        fs::remove(seat_.dataDir / "store.key");
        expectOutOfService(QStringLiteral("store"),
                           QStringLiteral("The kiosk's store and its key are missing."),
                           seat_.dataDir / "kiosk.db");
        QVERIFY(!fs::exists(seat_.dataDir / "store.key"));
    }

    // After a kill -9 the log and shared-memory file stay: that is no problem at all.
    void aStoreLeftByAKilledKioskOpens() {
        killTheKioskWithItsStoreOpen();
        const Run run = selfTest();
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("screen=Locked")),
                 qPrintable(run.out));
    }

    // The write-ahead log deleted after a kill -9: the latest commits would silently vanish.
    void aDeletedWriteAheadLogIsNoticed() {
        killTheKioskWithItsStoreOpen();
        fs::remove(seat_.dataDir / "kiosk.db-wal");
        expectOutOfService(QStringLiteral("store"),
                           QStringLiteral("Part of the kiosk's store is missing"),
                           seat_.dataDir / "kiosk.db-wal");
    }

    // A first start interrupted after store.key was written and before kiosk.db was: no
    // sitting can have happened (the signing key is made after the store), so it goes on.
    void anInterruptedFirstStartFinishes() {
        for (const char* file : {"kiosk.db", "kiosk-signing.key"}) {
            fs::remove(seat_.dataDir / file);
        }
        const Run first = selfTest();
        QVERIFY(fs::exists(seat_.dataDir / "kiosk.db"));
        // The first start made this PC's identity afresh: the assignment names the old one
        // until the centre issues it for the new key (kiosk-signing.pub).
        QVERIFY2(first.out.contains(QStringLiteral("problem=assignment")), qPrintable(first.out));
        const auto newKey = crypto::loadSigningPublicKey(seat_.dataDir / "kiosk-signing.pub");
        QVERIFY(newKey);
        seat_.kioskKey = newKey.value();
        reissue("C0451", [&](exam::SeatAssignment& a) { a.kioskKey = newKey.value(); });
        const Run run = selfTest();
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("screen=Locked")),
                 qPrintable(run.out));
    }

    void wrongStoreKey() {
        const auto key = seat_.dataDir / "store.key";
        const auto other = crypto::SecureBuffer::random(32);
        std::ofstream(key, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(other.data()), std::streamsize(other.size()));
        expectOutOfService(QStringLiteral("store"),
                           QStringLiteral("The store key does not open this kiosk's store."),
                           seat_.dataDir / "kiosk.db");
    }

    void missingStoreKey() {
        fs::remove(seat_.dataDir / "store.key");
        expectOutOfService(QStringLiteral("store-key"),
                           QStringLiteral("The store key of this kiosk is missing."),
                           seat_.dataDir / "store.key");
        QVERIFY(!fs::exists(seat_.dataDir / "store.key")); // never replaced by a new key
    }

    void damagedStore() {
        const auto db = seat_.dataDir / "kiosk.db";
        auto bytes = textOf(db);
        for (std::size_t i = 0; i < bytes.size(); i += 7) {
            bytes[i] = char(bytes[i] ^ 0x5a);
        }
        std::ofstream(db, std::ios::binary | std::ios::trunc)
            .write(bytes.data(), std::streamsize(bytes.size()));
        const auto dataBefore = snapshot(seat_.dataDir);
        const Run run = selfTest();
        QVERIFY2(run.out.contains(QStringLiteral("screen=OutOfService problem=store ")),
                 qPrintable(run.out));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(snapshot(seat_.dataDir) == dataBefore);
    }

    void dataDirIsAFile() {
        const auto file = seat_.dataDir.parent_path() / "not-a-folder";
        std::ofstream(file) << "x";
        seat_.dataDir = file;
        const Run run = selfTest();
        QVERIFY2(run.out.contains(QStringLiteral("problem=data-dir")), qPrintable(run.out));
        QVERIFY2(
            run.out.contains(QStringLiteral("shown=\"The kiosk's data folder cannot be used.")),
            qPrintable(run.out));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(textOf(file), std::string("x"));
    }

    void missingTrustKey() {
        const auto file = TrustMaterial::trustDir(seat_.dataDir) / "issuer-signing.pub";
        fs::remove(file);
        expectOutOfService(QStringLiteral("trust"),
                           QStringLiteral("A trust key of this PC is missing."), file);
    }

    void missingPackage() {
        fs::remove(seat_.packageFile);
        expectOutOfService(QStringLiteral("package"),
                           QStringLiteral("The assessment package is missing."), seat_.packageFile);
    }

    void tamperedPackage() {
        auto bytes = textOf(seat_.packageFile);
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
        std::ofstream(seat_.packageFile, std::ios::binary | std::ios::trunc)
            .write(bytes.data(), std::streamsize(bytes.size()));
        expectOutOfService(QStringLiteral("package"),
                           QStringLiteral("The assessment package is damaged or was altered."),
                           seat_.packageFile);
    }

    void packageForAnotherCentre() {
        reissue("C0999", [](exam::SeatAssignment&) {});
        expectOutOfService(QStringLiteral("package"),
                           QStringLiteral("The assessment package is for another centre (not "
                                          "sealed to centre C0451)."),
                           seat_.packageFile);
    }

    void missingAssignment() {
        fs::remove(seat_.assignmentFile);
        expectOutOfService(QStringLiteral("assignment"),
                           QStringLiteral("There is no seat assignment for this PC."),
                           seat_.assignmentFile);
    }

    void assignmentForAnotherSeat() {
        reissue("C0451", [](exam::SeatAssignment& a) { a.seatLabel = "PC08"; });
        expectOutOfService(QStringLiteral("assignment"),
                           QStringLiteral("The seat assignment is for PC08 (Workshop 2); this is "
                                          "PC07 (Workshop 2)."),
                           seat_.assignmentFile);
    }

    void expiredAssignment() {
        reissue("C0451", [](exam::SeatAssignment& a) {
            a.issuedAtMs = nowMs() - 3 * 3600'000LL;
            a.validUntilMs = nowMs() - 3600'000LL;
        });
        expectOutOfService(QStringLiteral("assignment"),
                           QStringLiteral("The seat assignment expired at"), seat_.assignmentFile);
    }

    void alteredAssignment() {
        auto bytes = textOf(seat_.assignmentFile);
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
        std::ofstream(seat_.assignmentFile, std::ios::binary | std::ios::trunc)
            .write(bytes.data(), std::streamsize(bytes.size()));
        expectOutOfService(QStringLiteral("assignment"),
                           QStringLiteral("The seat assignment is damaged or was altered."),
                           seat_.assignmentFile);
    }

    // The way out: the kiosk keeps running on Out of service, and starts by itself once the
    // assignment is delivered again.
    void startsOnceTheFileIsDelivered() {
        const auto aside = fs::path(seat_.assignmentFile.string() + ".aside");
        fs::rename(seat_.assignmentFile, aside);
        QProcess kiosk;
        kiosk.setProcessChannelMode(QProcess::MergedChannels);
        kiosk.start(kioskBinary(), arguments(false));
        QVERIFY(kiosk.waitForStarted());
        QString out;
        const auto waitFor = [&](const QString& text, int ms) {
            QDeadlineTimer deadline(ms);
            while (!out.contains(text) && !deadline.hasExpired() &&
                   kiosk.state() == QProcess::Running) {
                kiosk.waitForReadyRead(200);
                out += QString::fromUtf8(kiosk.readAll());
            }
            return out.contains(text);
        };
        QVERIFY2(waitFor(QStringLiteral("out of service: There is no seat assignment"), 30'000),
                 qPrintable(out));
        QTest::qWait(1500);
        QCOMPARE(kiosk.state(), QProcess::Running); // no exit, no restart loop
        fs::rename(aside, seat_.assignmentFile);
        QVERIFY2(waitFor(QStringLiteral("start-up problem resolved"), 30'000), qPrintable(out));
        QCOMPARE(kiosk.state(), QProcess::Running);
        kiosk.terminate();
        if (!kiosk.waitForFinished(10'000)) {
            kiosk.kill();
            kiosk.waitForFinished();
        }
    }

    void badCommandLineStillExits2() {
        QProcess kiosk;
        kiosk.start(kioskBinary(), {QStringLiteral("--no-such-option")});
        QVERIFY(kiosk.waitForFinished(60'000));
        QCOMPARE(kiosk.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStartupProblems)
#include "tst_startup_problems.moc"
