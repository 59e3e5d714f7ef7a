// The console's outbox to the real receiver (vigil-syncd's HttpsServer, UploadService and store
// in this process) on loopback with real TLS, through a proxy that cuts the connection at random
// bytes of the traffic: in handshakes, requests, answers (a dropped response, the item already
// stored) and between uploads. Every record is received exactly once, every receipt is stored,
// and the outbox is empty at the end. Twice: one receiver on the embedded store, and two
// receivers on one PostgreSQL server (a private one, tests/receiver/postgres_server.h) with the
// proxy sending each new connection to the other, as a load balancer would.
// The size, 1,000 records and 100 cuts each time; VIGIL_OUTBOX_RECORDS sets the number of
// records (the cuts being a tenth). The time each takes is printed (bench/README.md has them).
#include "core_fixture.h"
#include "postgres_server.h"
#include "vigil/console/console_service.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/testing/answer_dropping_proxy.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <set>

using namespace vigil;
using namespace vigil::console;
using receiver::ItemKind;
using vigil::console::testing::valueOf;

namespace {

// A store that counts the items put through it, so the test sees that both receivers served.
class CountingStore final : public receiver::ReceiverStore {
public:
    explicit CountingStore(receiver::ReceiverStore& store)
        : store_(store) {}
    void registerCentre(const receiver::CentreRecord& centre) override {
        store_.registerCentre(centre);
    }
    std::optional<receiver::CentreRecord> findCentre(std::string_view centreId) override {
        return store_.findCentre(centreId);
    }
    std::vector<receiver::Receipt> putItems(std::span<const receiver::StoredItem> items) override {
        ++puts_;
        return store_.putItems(items);
    }
    bool recordNonce(std::string_view centreId, const receiver::Nonce& nonce,
                     std::int64_t timestampMs) override {
        return store_.recordNonce(centreId, nonce, timestampMs);
    }
    std::vector<receiver::StoredItem> items() override { return store_.items(); }
    std::int64_t itemCount() override { return store_.itemCount(); }
    bool publishPackage(const receiver::PublishedPackage& package) override {
        return store_.publishPackage(package);
    }
    std::vector<receiver::PackageListing> packagesFor(std::string_view centreId) override {
        return store_.packagesFor(centreId);
    }
    std::optional<std::vector<std::uint8_t>> packageFor(std::string_view centreId,
                                                        std::string_view packageId) override {
        return store_.packageFor(centreId, packageId);
    }
    [[nodiscard]] int puts() const { return puts_; }

private:
    receiver::ReceiverStore& store_;
    std::atomic<int> puts_{0};
};

// One receiver as vigil-syncd serve runs it: its store, the service, the HTTPS server.
struct Receiver {
    Receiver(std::unique_ptr<receiver::ReceiverStore> backend,
             const crypto::SigningKeyPair& receiverKeys)
        : store(std::move(backend))
        , counted(*store)
        , upload(counted, receiverKeys)
        , server(upload, receiverKeys, receiver::ServerOptions{}) {}

    std::unique_ptr<receiver::ReceiverStore> store;
    CountingStore counted;
    receiver::UploadService upload;
    receiver::HttpsServer server;
};

} // namespace

class ConsoleOutboxCutsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }

    static int recordCount() {
        return qEnvironmentVariableIsSet("VIGIL_OUTBOX_RECORDS")
                   ? qEnvironmentVariableIntValue("VIGIL_OUTBOX_RECORDS")
                   : 1000;
    }

    // Queues `records` result records of this run (their bytes, so their ids, are the run's
    // own), sends through the proxy until the outbox is empty, and checks what `held` holds:
    // each record once, with the receipt the console stored.
    void sendThroughCuts(const std::string& run, std::vector<std::uint16_t> receiverPorts,
                         receiver::ReceiverStore& held) {
        const int records = recordCount();
        const int cuts = records / 10;
        const auto receiptsBefore = service_->outboxStatus().receipts;
        vigil::testing::AnswerDroppingProxy proxy(receiverPorts);

        std::set<receiver::ItemId> queued;
        for (int i = 0; i < records; ++i) {
            const auto record = "{\"run\":\"" + run + "\",\"record\":" + std::to_string(i) +
                                ",\"sealed\":\"" +
                                std::string(160, static_cast<char>('a' + i % 26)) + "\"}";
            queued.insert(valueOf(service_->queueItem(
                ItemKind::ResultRecord,
                std::span(reinterpret_cast<const std::uint8_t*>(record.data()), record.size()),
                "result " + std::to_string(i))));
        }
        QCOMPARE(queued.size(), std::size_t(records));
        QVERIFY(
            service_
                ->setReceiver(*coordinator_, {"localhost", proxy.port(), receiverKeys_.publicKey})
                .ok());
        // About 3 KB of handshake, then batches of about ten records (2.3 KB sent, 2.6 KB of
        // receipts back): cuts fall anywhere in a connection's first few batches, in a request
        // or in its answer after the receiver stored the batch.
        proxy.cutAtRandom(cuts, 8'000, 13);

        sync::SenderOptions options;
        options.batchBytes = 2'000;
        options.sleep = [](std::chrono::milliseconds) {
        }; // the back-off's waits are the sender's tests' concern; here they cost only time
        sync::UploadClientOptions client;
        client.timeouts = {std::chrono::seconds(5), std::chrono::seconds(5),
                           std::chrono::seconds(5), std::chrono::seconds(10)};
        QElapsedTimer timer;
        timer.start();
        int runs = 0;
        while (!service_->outboxStatus().waiting.empty() && runs < 10 * cuts + 10) {
            (void)valueOf(service_->sendOutboxNow(*coordinator_, {}, options, client));
            ++runs;
        }
        qInfo("%s: %d records through %d cuts in %d runs, %lld ms", run.c_str(), records,
              proxy.cuts(), runs, static_cast<long long>(timer.elapsed()));

        QCOMPARE(proxy.cuts(), cuts);
        const auto status = service_->outboxStatus();
        QVERIFY(status.waiting.empty());
        QCOMPARE(status.receipts, receiptsBefore + std::size_t(records));
        // Received exactly once: one row per record, each the one the console queued, and the
        // receipt the console stored is the receiver's for it.
        QCOMPARE(held.itemCount(), std::int64_t(records));
        auto outbox = outboxOn(service_->store().db(), "C0451");
        std::set<receiver::ItemId> received;
        for (const auto& item : held.items()) {
            QVERIFY(queued.count(item.receipt.itemId) == 1);
            QVERIFY(received.insert(item.receipt.itemId).second);
            const auto stored = outbox.receiptFor(item.receipt.itemId);
            QVERIFY(stored.has_value());
            QVERIFY(stored->receipt == item.receipt);
        }
        QCOMPARE(received.size(), std::size_t(records));
    }

private slots:
    void initTestCase() {
        const auto ab = crypto::generateSigningKeyPair();
        const auto box = crypto::generateBoxKeyPair();
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub"), ab.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub"), box.publicKey));
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(path("console")), clock_));
        QVERIFY(service_
                    ->createCentre(console::testing::northfieldCentre(path("ab-signing.pub"),
                                                                      path("ab-box.pub")))
                    .ok());
        coordinator_ = valueOf(service_->signIn("COORD-1", "246810", "workshop-keys"));
    }

    void cleanupTestCase() { service_.reset(); }

    void everyRecordArrivesOnceThroughConnectionsCutAtRandom() {
        Receiver embedded(
            receiver::EmbeddedReceiverStore::open(
                path("syncd.db"), crypto::SecureBuffer::random(store::Database::kKeyBytes)),
            receiverKeys_);
        embedded.store->registerCentre({"C0451", service_->centre().signingKeys().publicKey});
        const auto port = embedded.server.start();
        QVERIFY(port.ok());
        sendThroughCuts("embedded", {port.value()}, *embedded.store);
    }

    void everyRecordArrivesOnceThroughTwoReceiversOnPostgresWhileCut() {
        vigil::testing::PostgresServer postgres;
        const auto conninfo = postgres.freshDatabase();
        Receiver first(receiver::PostgresReceiverStore::connect(conninfo), receiverKeys_);
        Receiver second(receiver::PostgresReceiverStore::connect(conninfo), receiverKeys_);
        first.store->registerCentre({"C0451", service_->centre().signingKeys().publicKey});
        const auto firstPort = first.server.start();
        const auto secondPort = second.server.start();
        QVERIFY(firstPort.ok() && secondPort.ok());
        sendThroughCuts("postgres", {firstPort.value(), secondPort.value()}, *first.store);
        QVERIFY(first.counted.puts() > 0);
        QVERIFY(second.counted.puts() > 0);
    }
};

QTEST_MAIN(ConsoleOutboxCutsTest)
#include "tst_console_outbox_cuts.moc"
