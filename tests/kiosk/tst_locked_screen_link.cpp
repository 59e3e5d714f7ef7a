// The Locked screen's link lines, on the real kiosk (KioskRuntime, offscreen) against a real
// console hub on loopback: the standing reaches the screen as the link reports it, through
// events posted to the screens' thread, with no timer reading the link.
#include "sample_seat.h"
#include "vigil/crypto/random.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"

#include <QCoreApplication>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>

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

// Waits delivering only the events posted to this thread (queued calls), never timers: what
// arrives here was handed over by the link, not read by a poll.
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

// The console: its store and hub, signing with the key the seat is built to trust.
struct Console {
    Console(const fs::path& root, const crypto::SigningKeyPair& keys, const std::string& centre)
        : db(store::Database::open(root / "console.db", crypto::SecureBuffer::random(32),
                                   migrations())) {
        sync::ConsoleHubOptions options;
        options.centreId = centre;
        options.consoleName = "Workshop 2 console";
        hub = std::make_unique<sync::ConsoleHub>(db, keys, options);
    }
    static std::vector<store::Migration> migrations() {
        return {{1, sync::EnrolmentRegistry::schemaSql()}, {2, sync::JournalReplica::schemaSql()}};
    }
    store::Database db;
    std::unique_ptr<sync::ConsoleHub> hub;
};

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
};

QTEST_MAIN(TestLockedScreenLink)
#include "tst_locked_screen_link.moc"
