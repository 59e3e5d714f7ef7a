// A kiosk's link agent against the console's hub, both real, over loopback TLS: the journal in
// the kiosk's store reaches the console byte for byte and exactly once, across a restart of
// either side; a restored store is caught by the console's replica, and the coordinator told.
#include "engine_fixture.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/testing/eventually.h"

#include <QTest>
#include <algorithm>
#include <filesystem>

using namespace vigil;
using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace vigil::sync;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using vigil::testing::eventually;

} // namespace

class KioskLinkTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer consoleStoreKey_ = crypto::SecureBuffer::random(32);
    crypto::SigningKeyPair consoleKeys_ = crypto::generateSigningKeyPair();
    std::optional<store::Database> consoleDb_;
    std::optional<store::Database> kioskDb_;
    Assessment assessment_ = smallAssessment(6);
    ManualClock clock_;
    std::uint16_t port_ = 0;

    fs::path kioskStore() const { return fs::path(dir_.path().toStdString()) / "kiosk.db"; }

    // The console's heartbeat setting is the one its kiosks keep to (HelloReply.heartbeatMs).
    std::unique_ptr<ConsoleHub> startConsole(std::uint16_t port = 0,
                                             std::chrono::milliseconds heartbeat = 200ms,
                                             int missedHeartbeats = 5) {
        consoleDb_.reset();
        const store::Migration migrations[] = {{1, EnrolmentRegistry::schemaSql()},
                                               {2, JournalReplica::schemaSql()}};
        consoleDb_.emplace(store::Database::open(dir_.filePath("console.db").toStdString(),
                                                 consoleStoreKey_, migrations));
        ConsoleHubOptions options;
        options.centreId = "C-123";
        options.consoleName = "Workshop 2";
        options.heartbeat = heartbeat;
        options.missedHeartbeats = missedHeartbeats;
        auto hub = std::make_unique<ConsoleHub>(*consoleDb_, consoleKeys_, options);
        const auto bound = hub->listen("127.0.0.1", port);
        port_ = bound.ok() ? bound.value() : 0;
        return hub;
    }

    std::unique_ptr<KioskLink> startKiosk(std::chrono::milliseconds ownHeartbeat = 200ms) {
        KioskLinkOptions options;
        options.port = port_;
        options.centreId = "C-123";
        options.seat = "PC-07";
        options.heartbeat = ownHeartbeat;
        options.firstRetry = 50ms;
        options.retryCap = 200ms;
        options.eventsPerBatch = 4; // several batches per journal
        auto link = std::make_unique<KioskLink>(kioskStore(), storeKey(), kioskKeys(),
                                                consoleKeys_.publicKey, options);
        link->start();
        return link;
    }

    std::vector<std::string> kioskJournal(const std::string& sittingId) {
        std::vector<std::string> canonical;
        for (const auto& event : SittingJournal(*kioskDb_, sittingId).load()) {
            canonical.push_back(canonicalEventJson(event));
        }
        return canonical;
    }

    bool replicaEqualsKiosk(ConsoleHub& hub, const std::string& sittingId) {
        return hub.journal(sittingId) == kioskJournal(sittingId);
    }

private slots:
    void init() {
        consoleDb_.reset();
        kioskDb_.reset();
        for (const auto& entry : fs::directory_iterator(dir_.path().toStdString())) {
            fs::remove_all(entry.path());
        }
        kioskDb_.emplace(openStore(dir_));
    }

    void theJournalArrivesByteForByteOnceEnrolled() {
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor("s-1"), clock_, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"A"});
        auto hub = startConsole();
        auto link = startKiosk();
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QCOMPARE(hub->waiting()[0].fingerprint, shortFingerprint(kioskKeys().publicKey));
        QVERIFY(hub->sittings().empty()); // nothing before enrolment
        QVERIFY(hub->enrol("PC-07", shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-1"); }));

        // New answers are sent as they are written, without waiting for a reconnect.
        sitting.answer("Q2", {"B"});
        sitting.setFlag("Q3", true);
        link->journalChanged();
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-1"); }));
        const auto last = std::int64_t(sitting.events().size()) - 1;
        QVERIFY(eventually([&] { return link->acknowledged("s-1") == last; }));

        // Status is pushed and shown in the room.
        link->setStatus({"Question", "s-1", 2, 6, 2'400, ""});
        QVERIFY(eventually([&] {
            const auto room = hub->room();
            return room.size() == 1 && room[0].status && room[0].status->position == 2;
        }));
        for (const auto& notice : hub->notices()) {
            QVERIFY2(notice.text.find("refused") == std::string::npos, notice.text.c_str());
        }
    }

    // The heartbeat is the console's setting: a kiosk whose own interval is far longer than the
    // console's silence limit keeps to the console's, and is never shown as not connected.
    void theKioskKeepsToTheConsolesHeartbeat() {
        auto hub = startConsole(0, 200ms, 5); // silent after 1 s
        auto link = startKiosk(10s);
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QVERIFY(hub->enrol("PC-07", shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
        QVERIFY(eventually([&] {
            const auto room = hub->room();
            return room.size() == 1 && room[0].connected && room[0].status;
        }));
        // Nothing changes at the kiosk from here on: only its heartbeat speaks for it.
        const auto heardAt = hub->room()[0].lastHeardMs;
        for (int check = 0; check < 10; ++check) {
            QTest::qWait(250);
            const auto room = hub->room();
            QVERIFY2(room.size() == 1 && room[0].connected,
                     "the seat went silent: the kiosk kept to its own 10 s heartbeat");
        }
        QVERIFY2(hub->room()[0].lastHeardMs > heardAt, "heard again since");
    }

    void aKioskRestartSendsOnlyWhatTheConsoleLacks() {
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor("s-2"), clock_, kioskKeys());
        startSitting(sitting);
        auto hub = startConsole();
        auto link = startKiosk();
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QVERIFY(hub->enrol("PC-07", shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-2"); }));
        link.reset(); // the kiosk is killed

        sitting.answer("Q1", {"C"}); // written while the link is down
        sitting.answer("Q4", {"A"});
        link = startKiosk(); // and started again
        QVERIFY(eventually([&] { return link->standing() == KioskLink::Standing::Enrolled; }));
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-2"); }));
        // Exactly once: nothing was refused as a fork or a replay.
        for (const auto& notice : hub->notices()) {
            QVERIFY2(notice.text.find("fork") == std::string::npos, notice.text.c_str());
        }
    }

    void eventsWrittenWhileTheConsoleIsDownArriveAfterItsRestart() {
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor("s-3"), clock_, kioskKeys());
        startSitting(sitting);
        auto hub = startConsole();
        const auto port = port_;
        auto link = startKiosk();
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QVERIFY(hub->enrol("PC-07", shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-3"); }));

        hub.reset(); // the console goes away
        QVERIFY(eventually([&] { return link->standing() == KioskLink::Standing::Connecting; }));
        for (int i = 1; i <= 6; ++i) {
            sitting.answer("Q" + std::to_string(i), {"B"});
            link->journalChanged();
        }
        hub = startConsole(port); // back, on the same address, with its store
        QVERIFY(eventually([&] { return link->standing() == KioskLink::Standing::Enrolled; }));
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-3"); }));
    }

    void aRestoredKioskStoreIsCaughtByTheConsolesReplica() {
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor("s-4"), clock_, kioskKeys());
        startSitting(sitting);
        kioskDb_->checkpoint();
        // The attacker's copy, taken early in the sitting.
        const auto backup = fs::path(dir_.path().toStdString()) / "backup";
        fs::create_directory(backup);
        for (const char* suffix : {"", "-wal", "-shm"}) {
            const fs::path file = kioskStore().string() + suffix;
            if (fs::exists(file)) {
                fs::copy_file(file, backup / file.filename());
            }
        }
        sitting.answer("Q1", {"A"});
        sitting.answer("Q2", {"D"});
        auto hub = startConsole();
        auto link = startKiosk();
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QVERIFY(hub->enrol("PC-07", shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
        QVERIFY(eventually([&] { return replicaEqualsKiosk(*hub, "s-4"); }));
        const auto held = hub->journal("s-4").size();
        link.reset();

        // The store is put back to the early copy, and the kiosk starts on it.
        kioskDb_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(kioskStore().string() + suffix);
        }
        for (const auto& entry : fs::directory_iterator(backup)) {
            fs::copy_file(entry.path(), kioskStore().parent_path() / entry.path().filename());
        }
        link = startKiosk();
        QVERIFY(eventually([&] { return link->standing() == KioskLink::Standing::StoreBehind; }));
        QVERIFY2(link->refusal().find("restored from an older copy") != std::string::npos,
                 link->refusal().c_str());
        // The console keeps what it had and sees the seat's state.
        QCOMPARE(hub->journal("s-4").size(), held);
        QVERIFY(eventually([&] {
            const auto room = hub->room();
            return room.size() == 1 && room[0].status && room[0].status->screen == "StoreBehind";
        }));
        // And the coordinator is told, once on this connection, naming the sitting.
        QVERIFY(eventually([&] {
            for (const auto& notice : hub->notices()) {
                if (notice.seat == "PC-07" && notice.text.find("store is behind the console's "
                                                               "replica") != std::string::npos) {
                    return notice.text.find("s-4") != std::string::npos;
                }
            }
            return false;
        }));
        QTest::qWait(500); // heartbeats repeat the status meanwhile
        const auto notices = hub->notices();
        const auto told =
            std::count_if(notices.begin(), notices.end(), [](const LinkNotice& notice) {
                return notice.text.find("store is behind") != std::string::npos;
            });
        QCOMPARE(told, std::ptrdiff_t{1});
    }
};

QTEST_GUILESS_MAIN(KioskLinkTest)
#include "tst_kiosk_link.moc"
