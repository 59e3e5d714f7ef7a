// Issue 12: the console delivers its seating plan. `vigil-console init-demo` (the real binary)
// makes the demo centre with today's session; the console's service, on that data folder,
// listens on loopback; a kiosk set up as `setup.sh run` sets one up (the console's key pinned,
// the package beside it, no assignment) is enrolled by its fingerprint. The invigilator delivers
// the plan: the kiosk gets an assignment naming its candidate, signed by the centre and sealed to
// nothing yet; launched, the invigilator's own console PIN and password log in at the seat.
// The kiosk is the app's own runtime with its own link, as `vigil-kiosk` runs it; the console's
// side is the live room's Deliver and Launch.
#include "vigil/console/console_service.h"
#include "vigil/console/live_session.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/testing/eventually.h"

#include <QProcess>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <fstream>

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

using vigil::testing::eventually;

const QQuickItem* findItem(const QQuickItem* root, const QString& name) {
    if (!root || root->objectName() == name) {
        return root;
    }
    for (const auto* child : root->childItems()) {
        if (const auto* found = findItem(child, name)) {
            return found;
        }
    }
    return nullptr;
}

QString shownText(kiosk::KioskRuntime& runtime, const char* name) {
    const auto* item = findItem(runtime.window() ? runtime.window()->contentItem() : nullptr,
                                QString::fromLatin1(name));
    return item && item->isVisible() ? item->property("text").toString() : QString();
}

// A kiosk's data folder as scripts/run-vigil.sh lays one out for the console's demo: the
// awarding body's keys and the console's key pinned, the package where the kiosk looks for it.
void layOutKiosk(const fs::path& demo, const fs::path& data, const std::string& seat,
                 std::uint16_t consolePort) {
    fs::create_directories(data / "trust");
    fs::create_directories(data / "seat");
    fs::permissions(data, fs::perms::owner_all);
    fs::copy_file(demo / "keys/awarding-body.pub", data / "trust/awarding-body-signing.pub");
    fs::copy_file(demo / "keys/awarding-body-box.pub", data / "trust/awarding-body-box.pub");
    fs::copy_file(demo / "keys/console-signing.pub", data / "trust/issuer-signing.pub");
    fs::copy_file(demo / "packages/mot-braking-lighting-tyres.vigil",
                  data / "seat/assessment.vigil");
    std::ofstream(data / "seat.conf") << "centre=C0451\nroom=Workshop 2\nseat=" << seat
                                      << "\nconsole=127.0.0.1:" << consolePort << "\n";
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

        // PC07, first start: no assignment yet. Its own link (seat.conf names the console)
        // runs while it is Out of service, and asks to be enrolled.
        const fs::path data = fs::path(temp.path().toStdString()) / "pc07";
        layOutKiosk(demo, data, "PC07", port.value());
        kiosk::KioskOptions options;
        options.dataDir = data;
        options.package = data / "seat/assessment.vigil"; // as the kiosk's command line has them
        options.assignment = data / "seat/assignment.vseat";
        options.recheckSeconds = 1;
        kiosk::KioskRuntime runtime(options);
        QVERIFY(runtime.outOfService());
        QCOMPARE(runtime.startupStatus().problem().kind, QStringLiteral("assignment"));
        QVERIFY(eventually([&] { return service.hub()->waiting().size() == 1; }));
        const auto trust = kiosk::TrustMaterial::load(data);
        // The Out of service screen shows the fingerprint the coordinator types.
        const auto fingerprint =
            QString::fromStdString(sync::shortFingerprint(trust.kioskKeys.publicKey));
        QVERIFY(eventually([&] {
            return shownText(runtime, "problemLinkFingerprint") ==
                       QStringLiteral("This PC: %1").arg(fingerprint) &&
                   shownText(runtime, "problemLinkStanding").contains(fingerprint);
        }));
        QVERIFY(service
                    .enrolKiosk(coordinator.value(), "PC07",
                                sync::shortFingerprint(trust.kioskKeys.publicKey))
                    .ok());

        // The live room shows PC07 waiting for its assignment; PC08 has no PC.
        auto live = service.openLive(invigilator.value(), sessionId);
        QVERIFY(live.ok());
        auto& room = *live.value();
        QVERIFY(eventually([&] {
            const auto* seat = room.room().seat("PC07");
            return seat && seat->state == console::SeatState::OutOfService;
        }));
        auto delivered = room.act(console::SeatAction::Deliver, {"PC07", "PC08"}, {});
        QVERIFY(delivered.ok());
        QCOMPARE(delivered.value()[0].outcome, console::ActionOutcome::Sent);
        QCOMPARE(delivered.value()[1].outcome, console::ActionOutcome::NotConnected);
        QVERIFY(eventually(
            [&] { return room.outcomes().at("PC07").outcome != console::ActionOutcome::Sent; }));
        QVERIFY2(room.outcomes().at("PC07").outcome == console::ActionOutcome::Applied,
                 room.outcomes().at("PC07").reason.c_str());

        // On PC07's disk: the centre's signed assignment for Jordan Ellis, for this PC only,
        // with no content key: the seat waits for its launch, and the live room shows it Locked.
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
        QVERIFY(eventually(
            [&] { return runtime.startupStatus().problem().kind == QStringLiteral("launch"); }));
        QVERIFY(eventually(
            [&] { return room.room().seat("PC07")->state == console::SeatState::Locked; }));

        // Launched from the live room with the content key sealed to PC07's enrolled key: the
        // invigilator's console credentials log in at the seat (the assignment carries their
        // hash, never the PIN).
        auto launched = room.act(console::SeatAction::Launch, {"PC07"}, {});
        QVERIFY(launched.ok());
        QCOMPARE(launched.value()[0].outcome, console::ActionOutcome::Sent);
        QVERIFY(eventually(
            [&] { return room.outcomes().at("PC07").outcome != console::ActionOutcome::Sent; }));
        QVERIFY2(room.outcomes().at("PC07").outcome == console::ActionOutcome::Applied,
                 room.outcomes().at("PC07").reason.c_str());
        QVERIFY(eventually([&] { return !runtime.outOfService() && runtime.session(); }));
        auto* session = runtime.session();
        QCOMPARE(session->candidateName(), QStringLiteral("Jordan Ellis"));
        session->beginLogin();
        QVERIFY(!session->submitLogin(QStringLiteral("000000"),
                                      QString::fromLatin1(kInvigilatorPassword)));
        QVERIFY(session->submitLogin(QString::fromLatin1(kInvigilatorPin),
                                     QString::fromLatin1(kInvigilatorPassword)));
        QCOMPARE(session->invigilatorName(), QStringLiteral("Sam Carter"));

        // Delivering again while the candidate is being logged in is refused by the console.
        QVERIFY(eventually([&] {
            return room.room().seat("PC07")->state == console::SeatState::WaitingForLogin;
        }));
        auto again = room.act(console::SeatAction::Deliver, {"PC07"}, {});
        QVERIFY(again.ok());
        QCOMPARE(again.value()[0].outcome, console::ActionOutcome::NotSent);
        live.value().reset();
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

        auto refused = service.issueAssignment(other.value(), sessionId, "PC07");
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, console::ConsoleError::NotYourSession);
        QVERIFY(!service.openLive(other.value(), sessionId).ok());

        // The coordinator may; with no PC enrolled at the seat there is nothing to issue for.
        auto byCoordinator = service.issueAssignment(coordinator.value(), sessionId, "PC07");
        QVERIFY(!byCoordinator.ok());
        QCOMPARE(byCoordinator.error().error, console::ConsoleError::NoKioskAtSeat);
        auto empty = service.issueAssignment(coordinator.value(), sessionId, "PC99");
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().error, console::ConsoleError::InvalidSession);

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
