// Issue 11, end to end in one process: the console's hub and the kiosk's link agent over
// loopback TLS, the kiosk itself (KioskRuntime, offscreen) applying what the link verified. A seat
// delivered without a content key waits for its launch; the console seals the package's content
// key to the enrolled kiosk's key and launches it; the seat opens; a sitting is paused and
// granted extra time from the console, each once, however often the command is sent.
#include "sample_seat.h"
#include "vigil/crypto/key_files.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/command_handler.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/sync/command_bodies.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/testing/command_answers.h"
#include "vigil/testing/eventually.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using vigil::testing::CommandAnswers;
using vigil::testing::eventually;

// The invigilator logs in at the seat and the candidate starts.
void startSitting(SessionController& session) {
    session.beginLogin();
    QVERIFY(
        session.submitLogin(QString::fromLatin1(kSamplePin), QString::fromLatin1(kSamplePassword)));
    if (session.screen() == SessionController::Screen::MachineCheck) {
        session.continueAfterMachineCheck();
    }
    session.confirmCandidate();
    session.start();
    QCOMPARE(session.screen(), SessionController::Screen::Question);
}

} // namespace

class TestConsoleLaunch : public QObject {
    Q_OBJECT

private slots:
    void theConsoleLaunchesTheSeatAndCommandsTheSitting() {
        QTemporaryDir temp;
        const fs::path root = temp.path().toStdString();
        SampleOptions sample;
        auto seatOptions = sampleSeatOptions(sample);
        seatOptions.sealContentKey = false; // as the console delivers it: launched later
        const auto seat = buildSeat(makeSampleAssessment(sample), root / "kiosk", seatOptions);
        const auto trust = TrustMaterial::load(seat.dataDir);

        // The console: its store, the issuer's key (the one the kiosk pins), the centre's box
        // key, which no kiosk holds.
        const auto consoleStoreKey = crypto::SecureBuffer::random(32);
        const store::Migration migrations[] = {{1, sync::EnrolmentRegistry::schemaSql()},
                                               {2, sync::JournalReplica::schemaSql()}};
        auto consoleDb = store::Database::open(root / "console.db", consoleStoreKey, migrations);
        sync::ConsoleHubOptions hubOptions;
        hubOptions.centreId = seat.assignment.centreId;
        hubOptions.consoleName = "Workshop 2 console";
        hubOptions.heartbeat = 200ms; // the kiosk keeps to the console's
        sync::ConsoleHub hub(consoleDb, seat.issuer, hubOptions);
        const auto port = hub.listen("127.0.0.1", 0);
        QVERIFY(port.ok());

        // The kiosk: Out of service, waiting for its launch; its link agent beside it.
        KioskRuntime runtime(seat.kioskOptions());
        QVERIFY(runtime.outOfService());
        QCOMPARE(runtime.startupStatus().problem().kind, QStringLiteral("launch"));
        sync::KioskLinkOptions linkOptions;
        linkOptions.port = port.value();
        linkOptions.centreId = seat.assignment.centreId;
        linkOptions.seat = seat.assignment.seatLabel;
        linkOptions.heartbeat = 200ms;
        linkOptions.firstRetry = 50ms;
        linkOptions.retryCap = 200ms;
        const DataDir dataDir(seat.dataDir);
        sync::KioskLink link(dataDir.storeFile(), dataDir.openStoreKey().key, trust.kioskKeys,
                             trust.assignmentIssuer, linkOptions);
        link.setCommandHandler(onThreadOf(&runtime.engine(), [&](const sync::ConsoleCommand& c) {
            return runtime.applyCommand(c);
        }));
        link.start();
        QVERIFY(eventually([&] { return hub.waiting().size() == 1; }));
        QVERIFY(hub.enrol(seat.assignment.seatLabel,
                          sync::shortFingerprint(trust.kioskKeys.publicKey), "coord-1")
                    .ok());
        QVERIFY(eventually([&] { return link.standing() == sync::KioskLink::Standing::Enrolled; }));

        // Launch: the console seals the content key to the key it enrolled for PC07.
        const auto enrolled = hub.enrolled();
        QCOMPARE(enrolled.size(), std::size_t{1});
        const auto package = exam::readPackageFile(seat.packageFile).value();
        const auto body =
            sync::launchBodyFor(package, trust.packageSigner, seat.assignment.centreId,
                                seat.centreBox, enrolled[0].key);
        QVERIFY(body.ok());
        CommandAnswers answers;
        auto launch = hub.sendCommand(seat.assignment.seatLabel, sync::CommandKind::Launch,
                                      body.value(), answers.collect());
        QVERIFY(launch.ok());
        QVERIFY(eventually([&] { return answers.of(launch.value().commandId).has_value(); }));
        QVERIFY2(answers.of(launch.value().commandId)->applied,
                 answers.of(launch.value().commandId)->reason.c_str());
        QVERIFY(!runtime.outOfService());
        auto* session = runtime.session();
        QVERIFY(session);
        QCOMPARE(session->screen(), SessionController::Screen::Locked);

        // The invigilator starts the sitting at the seat.
        session->beginLogin();
        QVERIFY(session->submitLogin(QString::fromLatin1(kSamplePin),
                                     QString::fromLatin1(kSamplePassword)));
        if (session->screen() == SessionController::Screen::MachineCheck) {
            session->continueAfterMachineCheck();
        }
        session->confirmCandidate();
        session->start();
        QCOMPARE(session->screen(), SessionController::Screen::Question);

        // Paused from the console, then extra time; a resend of the pause changes nothing.
        auto pause = hub.sendCommand(seat.assignment.seatLabel, sync::CommandKind::Pause,
                                     sync::reasonBody("fire alarm"), answers.collect());
        QVERIFY(pause.ok());
        QVERIFY(eventually([&] { return answers.of(pause.value().commandId).has_value(); }));
        QVERIFY(answers.of(pause.value().commandId)->applied);
        QCOMPARE(session->screen(), SessionController::Screen::Paused);
        const auto events = session->sitting()->events().size();
        QCOMPARE(session->sitting()->events().back().actor,
                 "console command " + pause.value().commandId);
        QVERIFY(hub.sendSignedCommand(seat.assignment.seatLabel, pause.value(), answers.collect())
                    .ok());
        QVERIFY(eventually([&] { return answers.of(pause.value().commandId, 1).has_value(); }));
        QVERIFY(answers.of(pause.value().commandId, 1)->repeated);
        QCOMPARE(session->sitting()->events().size(), events);

        const auto allowed = session->sitting()->timeAllowed();
        auto extra = hub.sendCommand(seat.assignment.seatLabel, sync::CommandKind::GrantExtraTime,
                                     sync::extraTimeBody(15, "fire alarm"), answers.collect());
        QVERIFY(extra.ok());
        QVERIFY(eventually([&] { return answers.of(extra.value().commandId).has_value(); }));
        QVERIFY(answers.of(extra.value().commandId)->applied);
        QCOMPARE(session->sitting()->timeAllowed() - allowed,
                 std::chrono::milliseconds(std::chrono::minutes(15)));

        // An assignment delivered now is refused: a sitting is under way.
        auto redeliver = hub.sendCommand(
            seat.assignment.seatLabel, sync::CommandKind::DeliverAssignment,
            sync::deliverAssignmentBody(exam::readSeatAssignmentFile(seat.assignmentFile).value()),
            answers.collect());
        QVERIFY(redeliver.ok());
        QVERIFY(eventually([&] { return answers.of(redeliver.value().commandId).has_value(); }));
        QVERIFY(!answers.of(redeliver.value().commandId)->applied);
        link.stop();
        hub.stop();
    }

    // Out of service for a reason no command puts right (here seat.conf's console line cannot
    // be read): a delivered assignment is refused with that reason and nothing is written.
    void aKioskOutOfServiceRefusesAnAssignmentWithItsReason() {
        QTemporaryDir temp;
        const fs::path root = temp.path().toStdString();
        auto options = sampleSeatOptions({});
        options.console = "192.168.10.2"; // no port: the Out of service screen names it
        const auto seat = buildSeat(makeSampleAssessment({}), root / "kiosk", options);
        const auto assignment = exam::readSeatAssignmentFile(seat.assignmentFile).value();
        fs::remove(seat.assignmentFile);

        KioskRuntime runtime(seat.kioskOptions());
        QVERIFY(runtime.outOfService());
        QCOMPARE(runtime.startupStatus().problem().kind, QStringLiteral("seat"));
        const auto deliver =
            sync::signCommand(seat.assignment.seatLabel, sync::CommandKind::DeliverAssignment,
                              QDateTime::currentMSecsSinceEpoch(),
                              sync::deliverAssignmentBody(assignment), seat.issuer);
        const auto answer = runtime.applyCommand(deliver);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("this PC is Out of service: " +
                                    runtime.startupStatus().title().toStdString()) == 0 &&
                     answer.reason.find("nothing was applied") != std::string::npos,
                 answer.reason.c_str());
        QVERIFY(!fs::exists(seat.assignmentFile));
        const auto pause = sync::signCommand(seat.assignment.seatLabel, sync::CommandKind::Pause,
                                             QDateTime::currentMSecsSinceEpoch(),
                                             sync::reasonBody("fire alarm"), seat.issuer);
        QVERIFY(runtime.applyCommand(pause).reason.find("this PC is Out of service") == 0);
    }

    // The console is the witness: a kiosk whose store was put back from before a sitting the
    // console holds goes Out of service, and from then on refuses every command with why, a
    // delivered assignment included (nothing written).
    void aKioskWhoseStoreIsBehindTheConsoleRefusesCommands() {
        QTemporaryDir temp;
        const fs::path root = temp.path().toStdString();
        auto options = sampleSeatOptions({});
        options.issuerSeed = crypto::randomBytes(32);
        const auto consoleKeys = crypto::signingKeyPairFromSeed(options.issuerSeed).value();
        const store::Migration migrations[] = {{1, sync::EnrolmentRegistry::schemaSql()},
                                               {2, sync::JournalReplica::schemaSql()}};
        auto consoleDb = store::Database::open(root / "console.db",
                                               crypto::SecureBuffer::random(32), migrations);
        sync::ConsoleHubOptions hubOptions;
        hubOptions.centreId = options.centreId;
        hubOptions.consoleName = "Workshop 2 console";
        sync::ConsoleHub hub(consoleDb, consoleKeys, hubOptions);
        const auto port = hub.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        options.console = "127.0.0.1:" + std::to_string(port.value());
        const auto seat = buildSeat(makeSampleAssessment({}), root / "kiosk", options);
        const fs::path store = DataDir(seat.dataDir).storeFile();
        fs::copy_file(store, root / "before-the-sitting.db");

        {
            KioskRuntime runtime(seat.kioskOptions());
            QVERIFY(!runtime.outOfService());
            QVERIFY(eventually([&] { return hub.waiting().size() == 1; }));
            QVERIFY(hub.enrol(seat.assignment.seatLabel, runtime.link().fingerprint().toStdString(),
                              "CC-1")
                        .ok());
            QVERIFY(
                eventually([&] { return runtime.link().standing() == QLatin1String("enrolled"); }));
            startSitting(*runtime.session());
            QVERIFY(eventually([&] { return !hub.sittings().empty(); }));
        }
        // The store is put back as it was before the sitting.
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(store.string() + suffix);
        }
        fs::copy_file(root / "before-the-sitting.db", store);
        const auto assignment = exam::readSeatAssignmentFile(seat.assignmentFile).value();
        const auto written = fs::last_write_time(seat.assignmentFile);

        KioskRuntime runtime(seat.kioskOptions());
        QVERIFY(eventually([&] { return runtime.outOfService(); }));
        QCOMPARE(runtime.startupStatus().problem().kind, QStringLiteral("store"));
        CommandAnswers answers;
        auto deliver =
            hub.sendCommand(seat.assignment.seatLabel, sync::CommandKind::DeliverAssignment,
                            sync::deliverAssignmentBody(assignment), answers.collect());
        QVERIFY(deliver.ok());
        QVERIFY(eventually([&] { return answers.of(deliver.value().commandId).has_value(); }));
        const auto answer = *answers.of(deliver.value().commandId);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("this PC is Out of service: This PC's store is behind the "
                                    "console's record of its sittings.") == 0,
                 answer.reason.c_str());
        QCOMPARE(fs::last_write_time(seat.assignmentFile), written);
        QVERIFY(runtime.session()->setupError().contains(QStringLiteral("the console holds")));
    }
};

QTEST_MAIN(TestConsoleLaunch)
#include "tst_console_launch.moc"
