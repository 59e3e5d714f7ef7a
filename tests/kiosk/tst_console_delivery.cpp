// Issue 12: the console delivers its seating plan. `vigil-console init-demo` (the real binary)
// makes the demo centre with today's session; the console's service, on that data folder,
// listens on loopback; a kiosk set up as `setup.sh run` sets one up (the console's key pinned,
// the package beside it, no assignment) is enrolled by its fingerprint. The invigilator delivers
// the plan: the kiosk gets an assignment naming its candidate, signed by the centre and sealed to
// nothing yet; launched, the invigilator's own console PIN and password log in at the seat.
#include "vigil/console/console_service.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/command_handler.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/sync/command_bodies.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <fstream>
#include <mutex>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const char* const kCoordinator = "COORD-1";
const char* const kCoordinatorPin = "246810";
const char* const kCoordinatorPassword = "Workshop-Keys-51";
const char* const kInvigilator = "INV-0042";
const char* const kInvigilatorPin = "482916";
const char* const kInvigilatorPassword = "Brake-Fluid-77";

template <class Predicate> bool eventually(Predicate predicate, int limitMs = 20'000) {
    for (int waited = 0; waited < limitMs; waited += 20) {
        if (predicate()) {
            return true;
        }
        QTest::qWait(20);
    }
    return predicate();
}

class SeatAnswers {
public:
    console::ConsoleService::DeliveryCallback collect() {
        return [this](const std::string& seat, const sync::CommandResult& result) {
            std::lock_guard lock(mutex_);
            answers_.emplace_back(seat, result);
        };
    }
    std::optional<sync::CommandResult> of(const std::string& seat) const {
        std::lock_guard lock(mutex_);
        for (const auto& [answeredSeat, result] : answers_) {
            if (answeredSeat == seat) {
                return result;
            }
        }
        return std::nullopt;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::pair<std::string, sync::CommandResult>> answers_;
};

// A kiosk's data folder as scripts/run-vigil.sh lays one out for the console's demo: the
// awarding body's keys and the console's key pinned, the package where the kiosk looks for it.
void layOutKiosk(const fs::path& demo, const fs::path& data, const std::string& seat) {
    fs::create_directories(data / "trust");
    fs::create_directories(data / "seat");
    fs::permissions(data, fs::perms::owner_all);
    fs::copy_file(demo / "keys/awarding-body.pub", data / "trust/awarding-body-signing.pub");
    fs::copy_file(demo / "keys/awarding-body-box.pub", data / "trust/awarding-body-box.pub");
    fs::copy_file(demo / "keys/console-signing.pub", data / "trust/issuer-signing.pub");
    fs::copy_file(demo / "packages/mot-braking-lighting-tyres.vigil",
                  data / "seat/assessment.vigil");
    std::ofstream(data / "seat.conf") << "centre=C0451\nroom=Workshop 2\nseat=" << seat << "\n";
}

} // namespace

class TestConsoleDelivery : public QObject {
    Q_OBJECT

private slots:
    void theInvigilatorDeliversThePlanAndTheSeatOpensAtLaunch() {
        QTemporaryDir temp;
        const fs::path demo = fs::path(temp.path().toStdString()) / "console-run";
        QProcess init;
        init.start(QString::fromLocal8Bit(qgetenv("VIGIL_CONSOLE_BINARY")),
                   {QStringLiteral("init-demo"), QString::fromStdString(demo.string())});
        QVERIFY(init.waitForFinished(120'000));
        const QString printed = QString::fromUtf8(init.readAllStandardOutput());
        QVERIFY2(init.exitCode() == 0, qPrintable(init.readAllStandardError()));
        QVERIFY2(printed.contains(QStringLiteral("PC07 Jordan Ellis, PC08 Priya Shah")),
                 qPrintable(printed));

        const exam::SystemClock clock;
        auto opened = console::ConsoleService::open(console::ConsoleDataDir(demo / "data"), clock);
        QVERIFY(opened.ok());
        auto& service = *opened.value();
        console::LinkSettings settings;
        settings.address = "127.0.0.1";
        settings.port = 0;
        settings.announce = false;
        const auto port = service.startLink(settings);
        QVERIFY(port.ok());
        auto coordinator = service.signIn(kCoordinator, kCoordinatorPin, kCoordinatorPassword);
        auto invigilator = service.signIn(kInvigilator, kInvigilatorPin, kInvigilatorPassword);
        QVERIFY(coordinator.ok() && invigilator.ok());
        const auto sessions = service.sessions().list(invigilator.value());
        QCOMPARE(sessions.size(), std::size_t{1});
        const std::string sessionId = sessions[0].id;

        // PC07, first start: no assignment yet, and its link asks to be enrolled.
        const fs::path data = fs::path(temp.path().toStdString()) / "pc07";
        layOutKiosk(demo, data, "PC07");
        kiosk::KioskOptions options;
        options.dataDir = data;
        options.package =
            data / "seat/assessment.vigil"; // where the kiosk's command line puts them
        options.assignment = data / "seat/assignment.vseat";
        options.seat = {"C0451", "Workshop 2", "PC07"};
        kiosk::KioskRuntime runtime(options);
        QVERIFY(runtime.outOfService());
        const auto trust = kiosk::TrustMaterial::load(data);
        sync::KioskLinkOptions linkOptions;
        linkOptions.port = port.value();
        linkOptions.centreId = "C0451";
        linkOptions.seat = "PC07";
        linkOptions.heartbeat = 200ms;
        linkOptions.firstRetry = 50ms;
        linkOptions.retryCap = 200ms;
        const kiosk::DataDir dataDir(data);
        sync::KioskLink link(dataDir.storeFile(), dataDir.openStoreKey().key, trust.kioskKeys,
                             trust.assignmentIssuer, linkOptions);
        link.setCommandHandler(
            kiosk::onThreadOf(&runtime.engine(), [&](const sync::ConsoleCommand& command) {
                return runtime.applyCommand(command);
            }));
        link.start();
        QVERIFY(eventually([&] { return service.hub()->waiting().size() == 1; }));
        QVERIFY(service
                    .enrolKiosk(coordinator.value(), "PC07",
                                sync::shortFingerprint(trust.kioskKeys.publicKey))
                    .ok());
        QVERIFY(eventually([&] { return link.standing() == sync::KioskLink::Standing::Enrolled; }));

        // Delivered: PC07 gets its candidate; PC08 has no PC enrolled and says so.
        SeatAnswers answers;
        auto delivered =
            service.deliverAssignments(invigilator.value(), sessionId, answers.collect());
        QVERIFY(delivered.ok());
        QCOMPARE(delivered.value().size(), std::size_t{2});
        QCOMPARE(delivered.value()[0].seat, std::string("PC07"));
        QVERIFY(!delivered.value()[0].notSent);
        QCOMPARE(delivered.value()[1].seat, std::string("PC08"));
        QVERIFY(delivered.value()[1].notSent);
        QCOMPARE(delivered.value()[1].notSent->error, console::ConsoleError::NoKioskAtSeat);
        QVERIFY(eventually([&] { return answers.of("PC07").has_value(); }));
        QVERIFY2(answers.of("PC07")->applied, answers.of("PC07")->reason.c_str());

        // On PC07's disk: the centre's signed assignment for Jordan Ellis, for this PC only,
        // with no content key: the seat waits for its launch.
        const auto bytes = exam::readSeatAssignmentFile(data / "seat/assignment.vseat");
        QVERIFY(bytes.ok());
        const auto written =
            exam::readSeatAssignment(bytes.value(), service.centre().signingKeys().publicKey);
        QVERIFY(written.ok());
        QCOMPARE(written.value().candidateName, std::string("Jordan Ellis"));
        QCOMPARE(written.value().registrationNumber, std::string("AB123456"));
        QCOMPARE(written.value().sessionId, sessionId);
        QVERIFY(written.value().kioskKey == trust.kioskKeys.publicKey);
        QVERIFY(written.value().sealedContentKey.empty());
        QVERIFY(eventually([&] {
            return runtime.outOfService() &&
                   runtime.startupStatus().problem().kind == QStringLiteral("launch");
        }));

        // Launched with the content key sealed to PC07's enrolled key: the invigilator's console
        // credentials log in at the seat (the assignment carries their hash, never the PIN).
        const auto package = service.packages().fileBytes(invigilator.value(),
                                                          sessions[0].assessments[0].packageDigest);
        QVERIFY(package.ok());
        const auto body =
            sync::launchBodyFor(package.value(), trust.packageSigner, "C0451",
                                service.centre().boxKeys(), trust.kioskKeys.publicKey);
        QVERIFY(body.ok());
        std::optional<sync::CommandResult> launched;
        std::mutex launchMutex;
        QVERIFY(service.hub()
                    ->sendCommand("PC07", sync::CommandKind::Launch, body.value(),
                                  [&](const sync::CommandResult& result) {
                                      std::lock_guard lock(launchMutex);
                                      launched = result;
                                  })
                    .ok());
        QVERIFY(eventually([&] {
            std::lock_guard lock(launchMutex);
            return launched.has_value();
        }));
        QVERIFY2(launched->applied, launched->reason.c_str());
        QVERIFY(eventually([&] { return !runtime.outOfService() && runtime.session(); }));
        auto* session = runtime.session();
        QCOMPARE(session->candidateName(), QStringLiteral("Jordan Ellis"));
        session->beginLogin();
        QVERIFY(!session->submitLogin(QStringLiteral("000000"),
                                      QString::fromLatin1(kInvigilatorPassword)));
        QVERIFY(session->submitLogin(QString::fromLatin1(kInvigilatorPin),
                                     QString::fromLatin1(kInvigilatorPassword)));
        QCOMPARE(session->invigilatorName(), QStringLiteral("Sam Carter"));

        link.stop();
        service.stopLink();
    }

    void onlyTheSessionsInvigilatorsAndTheCoordinatorDeliver() {
        QTemporaryDir temp;
        const fs::path demo = fs::path(temp.path().toStdString()) / "console-run";
        QProcess init;
        init.start(QString::fromLocal8Bit(qgetenv("VIGIL_CONSOLE_BINARY")),
                   {QStringLiteral("init-demo"), QString::fromStdString(demo.string())});
        QVERIFY(init.waitForFinished(120'000));
        QCOMPARE(init.exitCode(), 0);
        const exam::SystemClock clock;
        auto opened = console::ConsoleService::open(console::ConsoleDataDir(demo / "data"), clock);
        QVERIFY(opened.ok());
        auto& service = *opened.value();
        auto coordinator = service.signIn(kCoordinator, kCoordinatorPin, kCoordinatorPassword);
        QVERIFY(coordinator.ok());
        const std::string sessionId = service.sessions().list(coordinator.value())[0].id;
        QVERIFY(
            service.users()
                .addInvigilator(coordinator.value(),
                                {"INV-0077", "Robin Hale", "135790", "Torque-Wrench-88", {}, false})
                .ok());
        auto other = service.signIn("INV-0077", "135790", "Torque-Wrench-88");
        QVERIFY(other.ok());

        auto refused = service.deliverAssignments(other.value(), sessionId);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, console::ConsoleError::NotYourSession);

        // The coordinator may; with no PC enrolled every seat says why nothing was sent.
        auto byCoordinator = service.deliverAssignments(coordinator.value(), sessionId);
        QVERIFY(byCoordinator.ok());
        QCOMPARE(byCoordinator.value().size(), std::size_t{2});
        for (const auto& seat : byCoordinator.value()) {
            QVERIFY(seat.notSent);
            QCOMPARE(seat.notSent->error, console::ConsoleError::NoKioskAtSeat);
        }

        // Running init-demo again keeps today's session, and does not add another.
        opened.value().reset();
        QProcess again;
        again.start(QString::fromLocal8Bit(qgetenv("VIGIL_CONSOLE_BINARY")),
                    {QStringLiteral("init-demo"), QString::fromStdString(demo.string())});
        QVERIFY(again.waitForFinished(120'000));
        QCOMPARE(again.exitCode(), 0);
        QVERIFY(QString::fromUtf8(again.readAllStandardOutput())
                    .contains(QString::fromStdString("demo session " + sessionId + " today")));
    }
};

QTEST_MAIN(TestConsoleDelivery)
#include "tst_console_delivery.moc"
