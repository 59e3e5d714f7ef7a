// The console's outbox to the real receiver (vigil-syncd's HttpsServer, UploadService and
// embedded store in this process) on loopback with real TLS, through a proxy that cuts the
// connection 100 times at random bytes of the traffic: in handshakes, requests, answers (a
// dropped response, the item already stored) and between uploads. Every record is received
// exactly once, every receipt is stored, and the outbox is empty at the end.
// VIGIL_OUTBOX_RECORDS sets the number of records, the cuts being a tenth: 200 by default, so
// the suite stays quick under AddressSanitizer (each record is a durable commit at each end);
// the 1,000 records and 100 cuts are bench/README.md's run of this test.
#include "core_fixture.h"
#include "vigil/console/console_service.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/testing/answer_dropping_proxy.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <set>

using namespace vigil;
using namespace vigil::console;
using receiver::ItemKind;
using vigil::console::testing::valueOf;

class ConsoleOutboxCutsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;
    std::unique_ptr<receiver::EmbeddedReceiverStore> receiverStore_;
    std::unique_ptr<receiver::UploadService> upload_;
    std::unique_ptr<receiver::HttpsServer> server_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }

private slots:
    void initTestCase() {
        const auto ab = crypto::generateSigningKeyPair();
        const auto box = crypto::generateBoxKeyPair();
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub"), ab.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub"), box.publicKey));
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(path("console")), clock_));
        QVERIFY(service_
                    ->createCentre({"C0451",
                                    "Northfield Motor Training",
                                    "Europe/London",
                                    path("ab-signing.pub"),
                                    path("ab-box.pub"),
                                    {"COORD-1", "Alex Morgan", "246810", "workshop-keys"}})
                    .ok());
        coordinator_ = valueOf(service_->signIn("COORD-1", "246810", "workshop-keys"));
        receiverStore_ = receiver::EmbeddedReceiverStore::open(
            path("syncd.db"), crypto::SecureBuffer::random(store::Database::kKeyBytes));
        receiverStore_->registerCentre({"C0451", service_->centre().signingKeys().publicKey});
        upload_ = std::make_unique<receiver::UploadService>(*receiverStore_, receiverKeys_);
        server_ = std::make_unique<receiver::HttpsServer>(*upload_, receiverKeys_,
                                                          receiver::ServerOptions{});
    }

    void cleanupTestCase() {
        service_.reset();
        server_.reset();
    }

    void everyRecordArrivesOnceThroughConnectionsCutAtRandom() {
        const int records = qEnvironmentVariableIsSet("VIGIL_OUTBOX_RECORDS")
                                ? qEnvironmentVariableIntValue("VIGIL_OUTBOX_RECORDS")
                                : 200;
        const int cuts = records / 10;
        const auto port = server_->start();
        QVERIFY(port.ok());
        vigil::testing::AnswerDroppingProxy proxy(port.value());

        std::set<receiver::ItemId> queued;
        for (int i = 0; i < records; ++i) {
            const auto record = "{\"record\":" + std::to_string(i) + ",\"sealed\":\"" +
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
        // About 3 KB of handshake and 1 KB per upload: cuts fall anywhere in a connection's
        // first few uploads.
        proxy.cutAtRandom(cuts, 8'000, 13);

        sync::SenderOptions options;
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
        qInfo("%d records through %d cuts in %d runs, %lld ms", records, proxy.cuts(), runs,
              static_cast<long long>(timer.elapsed()));

        QCOMPARE(proxy.cuts(), cuts);
        const auto status = service_->outboxStatus();
        QVERIFY(status.waiting.empty());
        QCOMPARE(status.receipts, std::size_t(records));
        // Received exactly once: one row per record, each the one the console queued, and the
        // receipt the console stored is the receiver's for it.
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(records));
        auto outbox = outboxOn(service_->store().db(), "C0451");
        std::set<receiver::ItemId> received;
        for (const auto& held : receiverStore_->items()) {
            QVERIFY(queued.count(held.receipt.itemId) == 1);
            QVERIFY(received.insert(held.receipt.itemId).second);
            const auto stored = outbox.receiptFor(held.receipt.itemId);
            QVERIFY(stored.has_value());
            QVERIFY(stored->receipt == held.receipt);
        }
        QCOMPARE(received.size(), std::size_t(records));
    }
};

QTEST_MAIN(ConsoleOutboxCutsTest)
#include "tst_console_outbox_cuts.moc"
