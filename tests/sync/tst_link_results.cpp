// Issue 11, result records over the LAN link: a sitting that ends on a kiosk has a result record
// (signed by the kiosk, sealed to the awarding body) in the kiosk's store; the kiosk's link
// agent sends it after the sitting's journal, the console's hub keeps it in the centre's outbox
// (sync::Outbox on the console's store, as the console app's hook does) and acknowledges it.
// Exactly once: a kiosk restarted sends it again and the outbox still holds one item; a record
// for a sitting whose journal the console does not hold from that PC is not kept.
#include "engine_fixture.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/receiver/item.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/sync/outbox.h"
#include "vigil/testing/eventually.h"

#include <QTest>
#include <atomic>
#include <filesystem>

using namespace vigil;
using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace vigil::sync;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using vigil::testing::eventually;

const crypto::SigningPublicKey kNoReceiverYet{};

} // namespace

class LinkResultsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer consoleStoreKey_ = crypto::SecureBuffer::random(32);
    crypto::SigningKeyPair consoleKeys_ = crypto::generateSigningKeyPair();
    crypto::BoxKeyPair awardingBody_ = crypto::generateBoxKeyPair();
    std::optional<store::Database> consoleDb_;
    std::optional<store::Database> kioskDb_;
    Assessment assessment_ = smallAssessment(4);
    ManualClock clock_;
    std::uint16_t port_ = 0;
    std::atomic<int> kept_{0}; // how often the hub handed a record to the outbox (its thread)

    fs::path kioskStore() const { return fs::path(dir_.path().toStdString()) / "kiosk.db"; }

    Outbox outbox() { return Outbox(*consoleDb_, "C-123", kNoReceiverYet); }

    std::unique_ptr<ConsoleHub> startConsole() {
        consoleDb_.reset();
        const store::Migration migrations[] = {{1, EnrolmentRegistry::schemaSql()},
                                               {2, JournalReplica::schemaSql()},
                                               {3, Outbox::schemaSql()}};
        consoleDb_.emplace(store::Database::open(dir_.filePath("console.db").toStdString(),
                                                 consoleStoreKey_, migrations));
        ConsoleHubOptions options;
        options.centreId = "C-123";
        options.consoleName = "Workshop 2";
        // As the console app does: into the outbox on the hub's own store, under its lock.
        options.onResultRecord = [this](const std::string& seat, const std::string& sittingId,
                                        std::span<const std::uint8_t> sealed) {
            ++kept_;
            const auto id = outbox().add(receiver::ItemKind::ResultRecord, sealed,
                                         "result of " + sittingId + " from " + seat, 1'000);
            return std::optional<std::string>(receiver::itemIdHex(id));
        };
        auto hub = std::make_unique<ConsoleHub>(*consoleDb_, consoleKeys_, options);
        const auto bound = hub->listen("127.0.0.1", 0);
        port_ = bound.ok() ? bound.value() : 0;
        return hub;
    }

    std::unique_ptr<KioskLink> startKiosk(const std::string& seat = "PC-07") {
        KioskLinkOptions options;
        options.port = port_;
        options.centreId = "C-123";
        options.seat = seat;
        options.heartbeat = 200ms;
        options.firstRetry = 50ms;
        options.retryCap = 200ms;
        auto link = std::make_unique<KioskLink>(kioskStore(), storeKey(), kioskKeys(),
                                                consoleKeys_.publicKey, options);
        link->start();
        return link;
    }

    void enrol(ConsoleHub& hub, const std::string& seat = "PC-07") {
        QVERIFY(eventually([&] { return hub.waiting().size() == 1; }));
        QVERIFY(hub.enrol(seat, shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
    }

    // The candidate answers and submits; the kiosk issues the sealed result record.
    std::vector<std::uint8_t> sitToTheEnd(const std::string& sittingId) {
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor(sittingId), clock_, kioskKeys());
        startSitting(sitting);
        for (const auto& item : assessment_.items) {
            sitting.answer(item.identifier, {"A"});
        }
        sitting.submit();
        return sitting.issueResult(awardingBody_.publicKey).sealed;
    }

private slots:
    void init() {
        consoleDb_.reset();
        kioskDb_.reset();
        kept_ = 0;
        for (const auto& entry : fs::directory_iterator(dir_.path().toStdString())) {
            fs::remove_all(entry.path());
        }
        kioskDb_.emplace(openStore(dir_));
    }

    void aSubmittedSittingsResultReachesTheOutboxOnceAndIsAcknowledged() {
        const auto sealed = sitToTheEnd("s-1");
        QVERIFY(!sealed.empty());
        auto hub = startConsole();
        auto link = startKiosk();
        enrol(*hub);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(eventually([&] { return link->resultAcknowledged("s-1"); }));
        auto waiting = outbox().waiting();
        QCOMPARE(waiting.size(), std::size_t{1});
        QVERIFY(waiting[0].kind == receiver::ItemKind::ResultRecord);
        QVERIFY(waiting[0].id == receiver::itemIdOf(sealed));
        QVERIFY(outbox().bytesOf(waiting[0].id) == sealed);
        // The bytes are the kiosk's sealed record: the awarding body opens it with the kiosk's key.
        const auto opened = openResultRecord(*outbox().bytesOf(waiting[0].id), awardingBody_,
                                             kioskKeys().publicKey);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value().sittingId, std::string("s-1"));
        QCOMPARE(kept_.load(), 1);

        // The kiosk restarts: it sends the record once more (its acknowledgement lived in the
        // link), the console acknowledges it again, and the outbox still holds one item.
        link.reset();
        link = startKiosk();
        QVERIFY(eventually([&] { return link->resultAcknowledged("s-1"); }));
        QCOMPARE(kept_.load(), 2);
        QCOMPARE(outbox().waitingCount(), std::size_t{1});
        // On one connection it goes once: nothing more while the link stays up.
        link->journalChanged();
        QTest::qWait(300);
        QCOMPARE(kept_.load(), 2);
    }

    void aSittingInProgressSendsNoResult() {
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor("s-2"), clock_, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"B"});
        auto hub = startConsole();
        auto link = startKiosk();
        enrol(*hub);
        QVERIFY(eventually([&] { return link->acknowledged("s-2") >= 0; }));
        QTest::qWait(300);
        QCOMPARE(kept_.load(), 0);
        QCOMPARE(outbox().waitingCount(), std::size_t{0});

        // It ends: the record follows the journal's last events.
        for (const auto& item : assessment_.items) {
            sitting.answer(item.identifier, {"A"});
        }
        sitting.submit();
        const auto sealed = sitting.issueResult(awardingBody_.publicKey).sealed;
        link->journalChanged();
        QVERIFY(eventually([&] { return link->resultAcknowledged("s-2"); }));
        QCOMPARE(outbox().waitingCount(), std::size_t{1});
        QVERIFY(outbox().waiting()[0].id == receiver::itemIdOf(sealed));
    }

    void aResultForASittingTheConsoleDoesNotHoldFromThatPcIsNotKept() {
        // PC-07's sitting s-3 reaches the console with its record. PC-08 (another key, its own
        // store) claims a sitting s-3 of its own: the replica refuses its journal, and its
        // record is not kept; the coordinator reads why.
        sitToTheEnd("s-3");
        auto hub = startConsole();
        auto link = startKiosk();
        enrol(*hub);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(eventually([&] { return link->resultAcknowledged("s-3"); }));

        const auto otherKeys = crypto::generateSigningKeyPair();
        const auto otherStore = fs::path(dir_.path().toStdString()) / "pc08.db";
        {
            const auto migrations = engineMigrations();
            auto db = store::Database::open(otherStore, storeKey(), migrations);
            auto sitting = Sitting::create(db, assessment_, setupFor("s-3"), clock_, otherKeys);
            startSitting(sitting);
            sitting.submit(int(assessment_.items.size()));
            (void)sitting.issueResult(awardingBody_.publicKey);
        }
        KioskLinkOptions options;
        options.port = port_;
        options.centreId = "C-123";
        options.seat = "PC-08";
        options.firstRetry = 50ms;
        KioskLink other(otherStore, storeKey(), otherKeys, consoleKeys_.publicKey, options);
        other.start();
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QVERIFY(hub->enrol("PC-08", shortFingerprint(otherKeys.publicKey), "coord-1").ok());
        const auto noticed = [&] {
            for (const auto& notice : hub->notices()) {
                if (notice.text.find("PC-08 sent a result record for sitting s-3") !=
                    std::string::npos) {
                    return true;
                }
            }
            return false;
        };
        QVERIFY(eventually(noticed));
        QVERIFY(!other.resultAcknowledged("s-3"));
        QCOMPARE(kept_.load(), 1);
        QCOMPARE(outbox().waitingCount(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(LinkResultsTest)
#include "tst_link_results.moc"
