// Issue 11, result records over the LAN link: a sitting that ends on a kiosk has a result record
// (signed by the kiosk, sealed to the awarding body) in the kiosk's store; the kiosk's link
// agent sends it after the sitting's journal, the console's hub keeps it in the centre's outbox
// (sync::Outbox on the console's store, as the console app's hook does) and acknowledges it.
// Exactly once: the kiosk keeps the acknowledgement in its store (ResultAcks), so a kiosk
// restarted or killed after it sends nothing again; a record for a sitting whose journal the
// console does not hold from that PC is not kept.
#include "engine_fixture.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/receiver/item.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/sync/outbox.h"
#include "vigil/sync/result_acks.h"
#include "vigil/testing/eventually.h"

#include <QProcess>
#include <QTest>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

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

    // A kiosk's store as far as the link needs it: journals and the result acknowledgements.
    static store::Database openKioskStore(const fs::path& file) {
        const store::Migration migrations[] = {
            {1, sittingSchemaSql()}, {2, sittingHeadSchemaSql()}, {3, ResultAcks::schemaSql()}};
        return store::Database::open(file, storeKey(), migrations);
    }

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
        kioskDb_.emplace(openKioskStore(kioskStore()));
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

        // The store holds the acknowledgement, with the outbox item the console named.
        const auto stored = ResultAcks(*kioskDb_).find("s-1");
        QVERIFY(stored.has_value());
        QCOMPARE(stored->itemId, receiver::itemIdHex(receiver::itemIdOf(sealed)));
    }

    void aKioskKilledAfterTheAckDoesNotSendTheResultAgain() {
        const auto sealed = sitToTheEnd("s-4");
        auto hub = startConsole();
        // The kiosk's link runs in a process of its own, killed with SIGKILL once it says the
        // console acknowledged the record.
        QProcess kiosk;
        kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        kiosk.start(
            QCoreApplication::applicationFilePath(),
            {QStringLiteral("--kiosk-link"), QString::fromStdString(kioskStore().string()),
             QString::number(port_), QString::fromStdString(crypto::toHex(consoleKeys_.publicKey)),
             QString::fromStdString(crypto::toHex(storeKey().span())), QStringLiteral("s-4")});
        QVERIFY(kiosk.waitForStarted());
        enrol(*hub);
        QByteArray said;
        QVERIFY(eventually(
            [&] {
                said += kiosk.readAllStandardOutput();
                return said.contains("acknowledged s-4\n");
            },
            30'000));
        ::kill(pid_t(kiosk.processId()), SIGKILL);
        QVERIFY(kiosk.waitForFinished(10'000));
        QCOMPARE(kiosk.exitStatus(), QProcess::CrashExit);
        QCOMPARE(kept_.load(), 1);
        // What the killed kiosk left in its store: the acknowledgement, naming the outbox item.
        const auto stored = ResultAcks(*kioskDb_).find("s-4");
        QVERIFY(stored.has_value());
        QCOMPARE(stored->itemId, receiver::itemIdHex(receiver::itemIdOf(sealed)));
        const auto journalAcked = std::int64_t(hub->journal("s-4").size()) - 1;

        // The kiosk starts again, twice: the console sees its journal through to the same
        // event and no second record.
        std::unique_ptr<KioskLink> link;
        for (int restart = 0; restart < 2; ++restart) {
            link.reset();
            link = startKiosk();
            QVERIFY(eventually([&] { return link->acknowledged("s-4") == journalAcked; }));
            QVERIFY(eventually([&] { return link->resultAcknowledged("s-4"); }));
            link->journalChanged();
            QTest::qWait(300);
            QCOMPARE(kept_.load(), 1);
        }
        QCOMPARE(outbox().waitingCount(), std::size_t{1});
        QVERIFY(outbox().waiting()[0].id == receiver::itemIdOf(sealed));
        // And a console restarted (its acks for journals sent again on Hello) changes nothing.
        hub.reset();
        hub = startConsole();
        link.reset();
        link = startKiosk();
        QVERIFY(eventually([&] { return link->acknowledged("s-4") == journalAcked; }));
        QTest::qWait(300);
        QCOMPARE(kept_.load(), 1);
        QVERIFY(ResultAcks(*kioskDb_).find("s-4").has_value());
    }

    void aResultAcknowledgementStoredByAnEarlierRunIsHonoured() {
        // The store already records the console's acknowledgement (as a kiosk killed right
        // after writing it leaves it): the record is never sent.
        sitToTheEnd("s-5");
        ResultAcks(*kioskDb_).record({"s-5", "item-from-an-earlier-run", 1'000});
        auto hub = startConsole();
        auto link = startKiosk();
        enrol(*hub);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(eventually([&] { return link->acknowledged("s-5") >= 0; }));
        QVERIFY(eventually([&] { return link->resultAcknowledged("s-5"); }));
        link->journalChanged();
        QTest::qWait(300);
        QCOMPARE(kept_.load(), 0);
        QCOMPARE(outbox().waitingCount(), std::size_t{0});
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
            auto db = openKioskStore(otherStore);
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

namespace {

// The child (--kiosk-link STORE PORT CONSOLE-KEY STORE-KEY SITTING, keys in hex): the kiosk's
// link on the store the parent wrote, until it is killed. It says when
// the console acknowledged the sitting's result record.
int runKioskLink(const QStringList& args) {
    crypto::SigningPublicKey consoleKey{};
    if (!crypto::fromHex(args.at(4).toStdString(), consoleKey)) {
        std::fprintf(stderr, "--kiosk-link: the console key is not hex\n");
        return 2;
    }
    std::array<std::uint8_t, store::Database::kKeyBytes> keyBytes{};
    if (!crypto::fromHex(args.at(5).toStdString(), keyBytes)) {
        std::fprintf(stderr, "--kiosk-link: the store key is not hex\n");
        return 2;
    }
    const auto childStoreKey =
        crypto::SecureBuffer::copyOf(std::span<const std::uint8_t>(keyBytes));
    KioskLinkOptions options;
    options.port = std::uint16_t(args.at(3).toUInt());
    options.centreId = "C-123";
    options.seat = "PC-07";
    options.heartbeat = 200ms;
    options.firstRetry = 50ms;
    options.retryCap = 200ms;
    KioskLink link(args.at(2).toStdString(), childStoreKey, kioskKeys(), consoleKey, options);
    link.start();
    const auto sittingId = args.at(6).toStdString();
    while (!link.resultAcknowledged(sittingId)) {
        std::this_thread::sleep_for(20ms);
    }
    std::printf("acknowledged %s\n", sittingId.c_str());
    std::fflush(stdout);
    while (true) {
        std::this_thread::sleep_for(1s); // until the parent's SIGKILL
    }
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc == 7 && std::string_view(argv[1]) == "--kiosk-link") {
        return runKioskLink(QCoreApplication::arguments());
    }
    LinkResultsTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_link_results.moc"
