// The Locked screen's link lines, on the real kiosk (KioskRuntime, offscreen)
// against a real console hub on loopback: the standing reaches the screen as
// the link reports it, through events posted to the screens' thread, with no
// timer reading the link.
#include "sample_seat.h"
#include "vigil/crypto/random.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/discovery.h"
#include "vigil/sync/fingerprint.h"

#include <QCoreApplication>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

namespace {

// The item called `name` anywhere under `root`.
const QQuickItem* findItem(const QQuickItem* root, const QString& name) {
    if (!root) {
        return nullptr;
    }
    if (root->objectName() == name) {
        return root;
    }
    for (const auto* child : root->childItems()) {
        if (const auto* found = findItem(child, name)) {
            return found;
        }
    }
    return nullptr;
}

QString shownText(KioskRuntime& runtime, const char* name) {
    const auto* item = findItem(runtime.window() ? runtime.window()->contentItem() : nullptr, name);
    return item ? item->property("text").toString() : QString();
}

// Waits delivering only the events posted to this thread (queued calls), never
// timers: what arrives here was handed over by the link, not read by a poll.
template <class Predicate> bool byPostedEventsOnly(Predicate predicate, int limitMs = 20'000) {
    for (int waited = 0; waited < limitMs; waited += 10) {
        QCoreApplication::sendPostedEvents();
        if (predicate()) {
            return true;
        }
        QThread::msleep(10);
    }
    return predicate();
}

// The console: its store and hub, signing with the key the seat is built to
// trust.
struct Console {
    Console(const fs::path& root, const crypto::SigningKeyPair& consoleKeys,
            const std::string& centre)
        : db(store::Database::open(root / "console.db", crypto::SecureBuffer::random(32),
                                   migrations()))
        , keys(consoleKeys) {
        options.centreId = centre;
        options.consoleName = "Workshop 2 console";
        restart();
    }
    // The console stopped and started again on the same store (and key).
    void restart() {
        hub.reset();
        hub = std::make_unique<sync::ConsoleHub>(db, keys, options);
    }
    static std::vector<store::Migration> migrations() {
        return {{1, sync::EnrolmentRegistry::schemaSql()}, {2, sync::JournalReplica::schemaSql()}};
    }
    store::Database db;
    const crypto::SigningKeyPair& keys;
    sync::ConsoleHubOptions options;
    std::unique_ptr<sync::ConsoleHub> hub;
};

// A loopback port nothing uses now: SOCK_DGRAM (UDP) or SOCK_STREAM (TCP).
std::uint16_t freePort(int type) {
    const int fd = ::socket(AF_INET, type, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    std::uint16_t port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

} // namespace

class TestLockedScreenLink : public QObject {
    Q_OBJECT

private slots:
    void theStandingReachesTheLockedScreenWithoutPolling() {
        QTemporaryDir temp;
        const fs::path root = temp.path().toStdString();
        auto options = sampleSeatOptions({});
        options.issuerSeed = crypto::randomBytes(32);
        const auto consoleKeys = crypto::signingKeyPairFromSeed(options.issuerSeed).value();
        Console console(root, consoleKeys, options.centreId);
        const auto port = console.hub->listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        options.console = "127.0.0.1:" + std::to_string(port.value());
        const auto seat = buildSeat(makeSampleAssessment({}), root / "kiosk", options);

        KioskRuntime runtime(seat.kioskOptions());
        QVERIFY2(!runtime.outOfService(), qPrintable(runtime.startupStatus().detail()));
        QCOMPARE(runtime.session()->screen(), SessionController::Screen::Locked);
        const auto fingerprint = runtime.link().fingerprint();
        QVERIFY(!fingerprint.isEmpty());

        QVERIFY(byPostedEventsOnly(
            [&] { return runtime.link().standing() == QLatin1String("awaiting-enrolment"); }));
        QCOMPARE(shownText(runtime, "linkStanding"),
                 QStringLiteral("Waiting for the centre coordinator to enrol this PC (%1)")
                     .arg(fingerprint));

        QVERIFY(
            console.hub->enrol(seat.assignment.seatLabel, fingerprint.toStdString(), "CC-1").ok());
        QVERIFY(byPostedEventsOnly(
            [&] { return runtime.link().standing() == QLatin1String("enrolled"); }));
        QCOMPARE(shownText(runtime, "linkStanding"),
                 QStringLiteral("Enrolled to Workshop 2 console"));
        QCOMPARE(shownText(runtime, "linkConsole"),
                 QStringLiteral("Console: Workshop 2 console (127.0.0.1:%1)").arg(port.value()));

        // The console goes: the screen says so as soon as the link knows.
        console.hub->stop();
        QVERIFY(byPostedEventsOnly(
            [&] { return runtime.link().standing() == QLatin1String("connecting"); }));
        QCOMPARE(shownText(runtime, "linkStanding"), QStringLiteral("Connecting…"));
        runtime.link().stop();
    }

    // seat.conf says `console = announced:<port>`: the kiosk listens for its
    // console's signed announcement, connects where it is heard, and follows it
    // when it moves. Another console on the LAN (a key this kiosk does not trust)
    // is ignored, counted with its reason.
    void theKioskFollowsTheConsoleItHearsAnnounced() {
        using namespace std::chrono_literals;
        QTemporaryDir temp;
        const fs::path root = temp.path().toStdString();
        auto options = sampleSeatOptions({});
        options.issuerSeed = crypto::randomBytes(32);
        const auto consoleKeys = crypto::signingKeyPairFromSeed(options.issuerSeed).value();
        const auto udpPort = freePort(SOCK_DGRAM);
        QVERIFY(udpPort != 0);
        options.console = "announced:" + std::to_string(udpPort);
        const auto seat = buildSeat(makeSampleAssessment({}), root / "kiosk", options);
        Console console(root, consoleKeys, options.centreId);
        const auto first = console.hub->listen("127.0.0.1", 0);
        QVERIFY(first.ok());
        const sync::AnnouncerOptions toTheKiosk{"127.0.0.1", udpPort, 100ms};

        // Another console is heard first: its key is not the one this kiosk pins.
        const auto otherKeys = crypto::generateSigningKeyPair();
        sync::ConsoleAnnouncer impostor(
            {1, options.centreId, "Impostor", first.value(), otherKeys.publicKey, 0}, otherKeys,
            toTheKiosk);
        QVERIFY(impostor.start().ok());

        KioskRuntime runtime(seat.kioskOptions());
        QVERIFY2(!runtime.outOfService(), qPrintable(runtime.startupStatus().detail()));
        QVERIFY(byPostedEventsOnly([&] { return runtime.link().ignoredAnnouncements() > 0; }));
        QVERIFY2(runtime.link().lastIgnoredAnnouncement().contains(
                     QStringLiteral("a console whose key is not the one this kiosk trusts")),
                 qPrintable(runtime.link().lastIgnoredAnnouncement()));
        QCOMPARE(
            shownText(runtime, "linkConsole"),
            QStringLiteral("Console: listening for its announcement (UDP port %1)").arg(udpPort));
        QCOMPARE(runtime.link().standing(), QStringLiteral("connecting"));
        QVERIFY(console.hub->waiting().empty()); // nothing connected on an impostor's word

        // Its own console announces itself: the kiosk connects there and waits to
        // be enrolled.
        sync::ConsoleAnnouncer announcer(
            {1, options.centreId, "Workshop 2 console", first.value(), consoleKeys.publicKey, 0},
            consoleKeys, toTheKiosk);
        QVERIFY(announcer.start().ok());
        QVERIFY(byPostedEventsOnly(
            [&] { return runtime.link().standing() == QLatin1String("awaiting-enrolment"); }));
        QCOMPARE(shownText(runtime, "linkConsole"),
                 QStringLiteral("Console: Workshop 2 console (127.0.0.1:%1, announced)")
                     .arg(first.value()));
        const auto fingerprint = runtime.link().fingerprint();
        QVERIFY(
            console.hub->enrol(seat.assignment.seatLabel, fingerprint.toStdString(), "CC-1").ok());
        QVERIFY(byPostedEventsOnly(
            [&] { return runtime.link().standing() == QLatin1String("enrolled"); }));
        QCOMPARE(shownText(runtime, "linkStanding"),
                 QStringLiteral("Enrolled to Workshop 2 console"));

        // The console moves (restarted on another port) and announces its new
        // place: the kiosk follows it there, still pinning the same key.
        const auto elsewhere = freePort(SOCK_STREAM); // while the first port is still taken
        announcer.stop();
        console.restart();
        const auto second = console.hub->listen("127.0.0.1", elsewhere);
        QVERIFY(second.ok());
        QVERIFY(second.value() != first.value());
        sync::ConsoleAnnouncer moved(
            {1, options.centreId, "Workshop 2 console", second.value(), consoleKeys.publicKey, 0},
            consoleKeys, toTheKiosk);
        QVERIFY(moved.start().ok());
        QVERIFY(byPostedEventsOnly([&] {
            return runtime.link().standing() == QLatin1String("enrolled") &&
                   shownText(runtime, "linkConsole") ==
                       QStringLiteral("Console: Workshop 2 console (127.0.0.1:%1, announced)")
                           .arg(second.value());
        }));
        QVERIFY(runtime.link().statusLine().contains(
            QStringLiteral("found=127.0.0.1:%1").arg(second.value())));
        // The impostor, still announcing every 100 ms, is still ignored.
        QVERIFY(byPostedEventsOnly([&] { return runtime.link().ignoredAnnouncements() >= 2; }));
        runtime.link().stop();
    }
};

QTEST_MAIN(TestLockedScreenLink)
#include "tst_locked_screen_link.moc"
