// The centre's upload client and outbox against the real receiver (vigil-syncd's HttpsServer,
// UploadService and embedded store, in this process) over real TLS on loopback: items
// delivered exactly once with verified receipts, a lost answer sent again, a wrong key or host
// refused before anything is sent, a receiver that is down, a forged receipt.
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/store/database.h"
#include "vigil/sync/outbox.h"
#include "vigil/sync/outbox_sender.h"
#include "vigil/sync/upload_client.h"
#include "vigil/testing/answer_dropping_proxy.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace vigil;
using namespace vigil::sync;
using receiver::ItemKind;

namespace {

std::vector<std::uint8_t> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

constexpr std::int64_t kNow = 1'800'000'000'000;

const store::Migration kOutboxMigration{1, Outbox::schemaSql()};

} // namespace

class UploadClientTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int files_ = 0;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    crypto::SigningKeyPair centreKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<receiver::EmbeddedReceiverStore> receiverStore_;
    std::unique_ptr<receiver::UploadService> service_;
    std::unique_ptr<receiver::HttpsServer> server_;
    std::uint16_t port_ = 0;
    std::optional<store::Database> centreDb_;
    std::unique_ptr<Outbox> outbox_;
    std::vector<std::chrono::milliseconds> slept_;

    std::string file(const char* name) {
        return dir_.filePath(QString("%1-%2").arg(++files_).arg(name)).toStdString();
    }

    // The receiver, its receipts signed with receiptKeys (the receiver's own unless a test
    // forges them).
    void startReceiver(const crypto::SigningKeyPair& receiptKeys,
                       std::vector<std::string> hostNames = {"localhost"},
                       std::size_t bodyLimit = receiver::ServerLimits{}.bodyBytes) {
        server_.reset();
        service_ = std::make_unique<receiver::UploadService>(*receiverStore_, receiptKeys);
        receiver::ServerOptions options;
        options.hostNames = std::move(hostNames);
        options.limits.bodyBytes = bodyLimit;
        server_ = std::make_unique<receiver::HttpsServer>(*service_, receiverKeys_, options);
        const auto started = server_->start();
        QVERIFY(started.ok());
        port_ = started.value();
    }

    ReceiverEndpoint endpoint(std::uint16_t port) const {
        return {"localhost", port, receiverKeys_.publicKey};
    }

    UploadClientOptions quickTimeouts() const {
        UploadClientOptions options;
        options.timeouts = {std::chrono::seconds(5), std::chrono::seconds(5),
                            std::chrono::seconds(5), std::chrono::seconds(10)};
        return options;
    }

    SenderOptions recordedWaits() {
        SenderOptions options;
        options.uniform = [](std::uint32_t n) {
            return n - 1;
        }; // the ceiling: deterministic
        options.sleep = [this](std::chrono::milliseconds wait) {
            slept_.push_back(wait);
        };
        options.nowMs = [] {
            return kNow;
        };
        return options;
    }

private slots:
    void init() {
        receiverStore_ = receiver::EmbeddedReceiverStore::open(
            file("syncd.db"), crypto::SecureBuffer::random(store::Database::kKeyBytes));
        receiverStore_->registerCentre({"C0451", centreKeys_.publicKey});
        startReceiver(receiverKeys_);
        centreDb_.emplace(store::Database::open(
            file("console.db"), crypto::SecureBuffer::random(store::Database::kKeyBytes),
            std::span(&kOutboxMigration, 1)));
        outbox_ = std::make_unique<Outbox>(*centreDb_, "C0451", receiverKeys_.publicKey);
        slept_.clear();
    }

    void cleanup() {
        outbox_.reset();
        centreDb_.reset();
        server_.reset();
        service_.reset();
        receiverStore_.reset();
    }

    void everyItemIsDeliveredOnceAndClearedOnlyWithItsVerifiedReceipt() {
        constexpr int kItems = 25;
        for (int i = 0; i < kItems; ++i) {
            outbox_->add(i % 2 ? ItemKind::JournalHead : ItemKind::ResultRecord,
                         bytes("record " + std::to_string(i)), "item " + std::to_string(i),
                         kNow + i);
        }
        UploadClient client(endpoint(port_), "C0451", centreKeys_, quickTimeouts());
        OutboxSender sender(*outbox_, client, recordedWaits());
        std::vector<std::size_t> progress;
        const auto report =
            sender.sendNow([&](std::size_t done, std::size_t) { progress.push_back(done); });

        QCOMPARE(report.delivered, std::size_t(kItems));
        QCOMPARE(report.stillWaiting, std::size_t(0));
        QCOMPARE(progress, std::vector<std::size_t>{kItems}); // one batch
        QCOMPARE(outbox_->waitingCount(), std::size_t(0));
        QCOMPARE(outbox_->receiptCount(), std::size_t(kItems));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(kItems));
        for (const auto& held : receiverStore_->items()) {
            const auto stored = outbox_->receiptFor(held.receipt.itemId);
            QVERIFY(stored.has_value());
            QVERIFY(stored->receipt == held.receipt);
        }
        QCOMPARE(outbox_->lastReceipt()->label, std::string("item 24"));
        QVERIFY(slept_.empty());
    }

    // A connection dropped while TLS is being set up is a lost connection, tried again, not a
    // receiver that cannot speak TLS (which would hold the item back until the next send).
    void aConnectionCutInTheHandshakeIsLostAndTriedAgain() {
        testing::AnswerDroppingProxy proxy(port_);
        UploadClient client(endpoint(proxy.port()), "C0451", centreKeys_, quickTimeouts());
        const auto record = bytes(R"({"candidate":"C2","score":11})");
        for (std::uint32_t seed = 1; seed <= 6; ++seed) {
            proxy.cutAtRandom(1, 200, seed); // inside the ClientHello or the ServerHello
            const auto cut = client.upload(ItemKind::ResultRecord, record);
            QVERIFY(!cut);
            QVERIFY2(cut.error().error == UploadError::ConnectionLost,
                     describe(cut.error()).c_str());
            QVERIFY(cut.error().retryable());
        }
        QCOMPARE(proxy.cuts(), 6);
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(0));
        const auto through = client.upload(ItemKind::ResultRecord, record);
        QVERIFY(through);
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(1));
    }

    void aLostAnswerIsSentAgainAndGetsTheFirstReceiptWithOneCopyHeld() {
        testing::AnswerDroppingProxy proxy(port_);
        const auto record = bytes(R"({"candidate":"C1","score":17})");
        const auto id = outbox_->add(ItemKind::ResultRecord, record, "result PC07", kNow);

        // The client alone: the answer is lost after the receiver stored the item.
        UploadClient client(endpoint(proxy.port()), "C0451", centreKeys_, quickTimeouts());
        proxy.dropAnswers(1);
        const auto lost = client.upload(ItemKind::ResultRecord, record);
        QVERIFY(!lost);
        QCOMPARE(lost.error().error, UploadError::ConnectionLost);
        QVERIFY(lost.error().retryable());
        QCOMPARE(proxy.answersDropped(), 1);
        QTRY_COMPARE(receiverStore_->itemCount(), std::int64_t(1));
        QCOMPARE(outbox_->waitingCount(), std::size_t(1)); // nothing cleared without a receipt

        // The sender: its first attempt loses the answer again, it waits, sends again.
        proxy.dropAnswers(1);
        OutboxSender sender(*outbox_, client, recordedWaits());
        const auto report = sender.sendNow();
        QCOMPARE(proxy.answersDropped(), 2);
        QCOMPARE(report.items.size(), std::size_t(1));
        QCOMPARE(report.items[0].outcome, SendOutcome::Delivered);
        QCOMPARE(slept_.size(), std::size_t(1));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(1));
        const auto held = receiverStore_->items()[0].receipt;
        QVERIFY(*report.items[0].receipt == held);
        QVERIFY(outbox_->receiptFor(id)->receipt == held);
        QCOMPARE(outbox_->waitingCount(), std::size_t(0));

        // Sending the same bytes again later changes nothing here or there.
        outbox_->add(ItemKind::ResultRecord, record, "result PC07", kNow + 1);
        QCOMPARE(outbox_->waitingCount(), std::size_t(0));
        const auto again = client.upload(ItemKind::ResultRecord, record);
        QVERIFY(again.ok());
        QVERIFY(again.value() == held);
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(1));
    }

    void aReceiverProvingAnotherKeyIsRefusedBeforeAnythingIsSent() {
        outbox_->add(ItemKind::InvigilationRecord, bytes("record"), "record S1", kNow);
        auto wrong = endpoint(port_);
        wrong.receiverKey = crypto::generateSigningKeyPair().publicKey;
        UploadClient client(wrong, "C0451", centreKeys_, quickTimeouts());
        const auto refused = client.upload(ItemKind::InvigilationRecord, bytes("record"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, UploadError::WrongReceiverKey);
        QVERIFY(!refused.error().retryable());

        OutboxSender sender(*outbox_, client, recordedWaits());
        const auto report = sender.sendNow();
        QCOMPARE(report.items[0].outcome, SendOutcome::Refused);
        QVERIFY(report.items[0].detail.find("pins") != std::string::npos);
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(0));
        QCOMPARE(outbox_->waitingCount(), std::size_t(1));
        QCOMPARE(outbox_->waiting()[0].attempts, 1);
    }

    void aCertificateThatDoesNotNameTheHostIsRefused() {
        // The pinned key is right, but the certificate names only "localhost".
        UploadClient byAddress({"127.0.0.1", port_, receiverKeys_.publicKey}, "C0451", centreKeys_,
                               quickTimeouts());
        const auto refused = byAddress.upload(ItemKind::ProblemReport, bytes("report"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, UploadError::WrongHostName);

        // A receiver configured for another name, reached as localhost.
        startReceiver(receiverKeys_, {"syncd.awarding-body.example"});
        UploadClient byName(endpoint(port_), "C0451", centreKeys_, quickTimeouts());
        const auto alsoRefused = byName.upload(ItemKind::ProblemReport, bytes("report"));
        QVERIFY(!alsoRefused);
        QCOMPARE(alsoRefused.error().error, UploadError::WrongHostName);
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(0));

        // Named by address too, the address is accepted.
        startReceiver(receiverKeys_, {"localhost", "127.0.0.1"});
        UploadClient named({"127.0.0.1", port_, receiverKeys_.publicKey}, "C0451", centreKeys_,
                           quickTimeouts());
        QVERIFY(named.upload(ItemKind::ProblemReport, bytes("report")).ok());
    }

    void aReceiverThatIsDownLeavesEveryItemWaitingAndTheBackOffGrows() {
        for (int i = 0; i < 3; ++i) {
            outbox_->add(ItemKind::ResultRecord, bytes("r" + std::to_string(i)), "r", kNow + i);
        }
        const auto downPort = port_;
        server_.reset();
        UploadClient client(endpoint(downPort), "C0451", centreKeys_, quickTimeouts());
        OutboxSender sender(*outbox_, client, recordedWaits());

        const auto first = sender.sendNow();
        QCOMPARE(first.delivered, std::size_t(0));
        QCOMPARE(first.stillWaiting, std::size_t(3));
        for (const auto& item : first.items) {
            QCOMPARE(item.outcome, SendOutcome::NotSent);
        }
        QVERIFY(first.items[0].detail.find("cannot be reached") != std::string::npos);
        // Attempts 1-4 of the first batch (all three items): waits of 500, 1000 and 2000 ms
        // between them; the run stops there.
        QCOMPARE(slept_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(500),
                                                                 std::chrono::milliseconds(1000),
                                                                 std::chrono::milliseconds(2000)}));
        QCOMPARE(sender.suggestedWait(), std::chrono::milliseconds(4000));
        for (const auto& item : outbox_->waiting()) {
            QCOMPARE(item.attempts, 4);
        }

        const auto second = sender.sendNow(); // still down: the waits go on growing
        QCOMPARE(second.waits.front(), std::chrono::milliseconds(8000));
        QCOMPARE(second.waits.back(), std::chrono::milliseconds(32'000));
        QCOMPARE(outbox_->waitingCount(), std::size_t(3));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(0));
    }

    void aForgedReceiptClearsNothing() {
        const auto record = bytes("malpractice report");
        outbox_->add(ItemKind::MalpracticeReport, record, "malpractice S1", kNow);
        // The connection proves the pinned key, but the receipts are signed by another key.
        const auto forger = crypto::generateSigningKeyPair();
        startReceiver(forger);
        UploadClient client(endpoint(port_), "C0451", centreKeys_, quickTimeouts());
        OutboxSender sender(*outbox_, client, recordedWaits());
        const auto report = sender.sendNow();
        QCOMPARE(report.items[0].outcome, SendOutcome::ReceiptRejected);
        QCOMPARE(outbox_->waitingCount(), std::size_t(1));
        QCOMPARE(outbox_->receiptCount(), std::size_t(0));
        QVERIFY(!outbox_->lastReceipt());

        // A genuine receipt (from the receiver with its own key, for an item it has not yet
        // receipted under the forger's), altered in any signed field, is refused too.
        const auto second = bytes("second malpractice report");
        outbox_->add(ItemKind::MalpracticeReport, second, "malpractice S2", kNow);
        startReceiver(receiverKeys_);
        UploadClient honest(endpoint(port_), "C0451", centreKeys_, quickTimeouts());
        auto receipt = honest.upload(ItemKind::MalpracticeReport, second).value();
        auto altered = receipt;
        altered.receivedAtMs += 1;
        QCOMPARE(outbox_->acceptReceipt(altered, kNow).error(), ReceiptRefusal::BadSignature);
        QCOMPARE(outbox_->waitingCount(), std::size_t(2));
        QVERIFY(outbox_->acceptReceipt(receipt, kNow).ok());
        QCOMPARE(outbox_->waitingCount(), std::size_t(1));
        QCOMPARE(outbox_->acceptReceipt(receipt, kNow).error(), ReceiptRefusal::NotWaiting);
    }

    // Many items in one request: each comes back with its own receipt, in order, every one
    // verifies and clears its item; a batch sent again (its answer lost) stores nothing twice.
    void aBatchIsStoredOnceWithAReceiptPerItem() {
        std::vector<std::vector<std::uint8_t>> records;
        std::vector<receiver::BatchItem> items;
        for (int i = 0; i < 40; ++i) {
            records.push_back(bytes("batched record " + std::to_string(i)));
        }
        for (std::size_t i = 0; i < records.size(); ++i) {
            items.push_back({i % 3 ? ItemKind::ResultRecord : ItemKind::JournalHead, records[i]});
        }
        testing::AnswerDroppingProxy proxy(port_);
        UploadClient client(endpoint(proxy.port()), "C0451", centreKeys_, quickTimeouts());
        proxy.dropAnswers(1);
        const auto lost = client.uploadBatch(items);
        QVERIFY(!lost);
        QCOMPARE(lost.error().error, UploadError::ConnectionLost);
        QTRY_COMPARE(receiverStore_->itemCount(), std::int64_t(40));

        const auto answered = client.uploadBatch(items);
        QVERIFY2(answered.ok(), answered ? "" : describe(answered.error()).c_str());
        QCOMPARE(answered.value().size(), items.size());
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(40));
        const auto held = receiverStore_->items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& receipt = answered.value()[i].value();
            QCOMPARE(receipt.itemId, receiver::itemIdOf(records[i]));
            QVERIFY(receiver::verifyReceipt(receiverKeys_.publicKey, receipt));
            const auto stored = std::find_if(held.begin(), held.end(), [&](const auto& item) {
                return item.receipt.itemId == receipt.itemId;
            });
            QVERIFY(stored != held.end());
            QVERIFY(stored->receipt == receipt); // the first arrival's, not a new one
            QCOMPARE(stored->kind, items[i].kind);
            QVERIFY(stored->bytes == records[i]);
        }
    }

    // One item of a batch held for another centre is refused alone; the rest are delivered.
    void anItemOfAnotherCentreIsRefusedAloneInItsBatch() {
        const auto otherKeys = crypto::generateSigningKeyPair();
        receiverStore_->registerCentre({"C0452", otherKeys.publicKey});
        UploadClient other(endpoint(port_), "C0452", otherKeys, quickTimeouts());
        QVERIFY(other.upload(ItemKind::ResultRecord, bytes("shared bytes")).ok());

        outbox_->add(ItemKind::ResultRecord, bytes("own 1"), "own 1", kNow);
        outbox_->add(ItemKind::ResultRecord, bytes("shared bytes"), "shared", kNow + 1);
        outbox_->add(ItemKind::ResultRecord, bytes("own 2"), "own 2", kNow + 2);
        UploadClient client(endpoint(port_), "C0451", centreKeys_, quickTimeouts());
        OutboxSender sender(*outbox_, client, recordedWaits());
        const auto report = sender.sendNow();
        QCOMPARE(report.delivered, std::size_t(2));
        QCOMPARE(report.items[0].outcome, SendOutcome::Delivered);
        QCOMPARE(report.items[1].outcome, SendOutcome::Refused);
        QVERIFY2(report.items[1].detail.find("another centre") != std::string::npos,
                 report.items[1].detail.c_str());
        QCOMPARE(report.items[2].outcome, SendOutcome::Delivered);
        QCOMPARE(outbox_->waitingCount(), std::size_t(1));
        QCOMPARE(outbox_->waiting()[0].label, std::string("shared"));
        QVERIFY(slept_.empty());
    }

    // A receiver whose body limit is below the batch (or one without batches) refuses it for
    // good: the sender sends the same items one by one and every one is delivered.
    void aBatchTheReceiverWillNotTakeIsSentItemByItem() {
        startReceiver(receiverKeys_, {"localhost"}, 300);
        for (int i = 0; i < 6; ++i) {
            outbox_->add(ItemKind::ResultRecord, bytes(std::string(100, char('a' + i))),
                         "r" + std::to_string(i), kNow + i);
        }
        UploadClient client(endpoint(port_), "C0451", centreKeys_, quickTimeouts());
        const std::vector<std::uint8_t> big(120, 'x'), other(120, 'y'), third(120, 'z');
        const std::vector<receiver::BatchItem> items{{ItemKind::ResultRecord, big},
                                                     {ItemKind::ResultRecord, other},
                                                     {ItemKind::ResultRecord, third}};
        const auto refused = client.uploadBatch(items);
        QVERIFY(!refused);
        QCOMPARE(refused.error().refusal, receiver::ReceiverError::BodyTooLarge);

        OutboxSender sender(*outbox_, client, recordedWaits());
        const auto report = sender.sendNow();
        QCOMPARE(report.delivered, std::size_t(6));
        QCOMPARE(outbox_->receiptCount(), std::size_t(6));
        QCOMPARE(outbox_->waitingCount(), std::size_t(0));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(6));
        QVERIFY(slept_.empty());
    }

    // A refusal of the centre itself (here: not registered) would refuse each item alike: the
    // batch's items are refused together, after one request, not asked for one by one.
    void aRefusalOfTheCentreRefusesTheWholeBatchAtOnce() {
        for (int i = 0; i < 4; ++i) {
            outbox_->add(ItemKind::ResultRecord, bytes("record " + std::to_string(i)),
                         "r" + std::to_string(i), kNow + i);
        }
        UploadClient stranger(endpoint(port_), "C9999", centreKeys_, quickTimeouts());
        OutboxSender sender(*outbox_, stranger, recordedWaits());
        const auto report = sender.sendNow();
        QCOMPARE(report.delivered, std::size_t(0));
        for (const auto& item : report.items) {
            QCOMPARE(item.outcome, SendOutcome::Refused);
            QVERIFY2(item.detail.find("C9999") != std::string::npos, item.detail.c_str());
        }
        for (const auto& item : outbox_->waiting()) {
            QCOMPARE(item.attempts, 1); // the one batch; item by item would make it 2
        }
        QVERIFY(slept_.empty());
    }

    void aRefusalIsTypedWithTheReceiversCode() {
        UploadClient stranger(endpoint(port_), "C9999", centreKeys_, quickTimeouts());
        const auto refused = stranger.upload(ItemKind::ResultRecord, bytes("r"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, UploadError::Refused);
        QCOMPARE(refused.error().refusal, receiver::ReceiverError::UnknownCentre);
        QCOMPARE(refused.error().httpStatus, 403);
        QVERIFY(!refused.error().retryable());

        UploadClientOptions skewed = quickTimeouts();
        skewed.nowMs = [] {
            return receiver::UploadService::systemClockMs() - 3'600'000;
        };
        UploadClient slowClock(endpoint(port_), "C0451", centreKeys_, skewed);
        const auto stale = slowClock.upload(ItemKind::ResultRecord, bytes("r"));
        QCOMPARE(stale.error().refusal, receiver::ReceiverError::StaleRequest);
        QVERIFY(describe(stale.error()).find("clock") != std::string::npos);
    }

    void whatIsWorthSendingAgainIsTold() {
        const auto failure = [](UploadError error, int status,
                                std::optional<receiver::ReceiverError> refusal = {}) {
            return UploadFailure{error, refusal, status, {}};
        };
        QVERIFY(failure(UploadError::Unreachable, 0).retryable());
        QVERIFY(failure(UploadError::Timeout, 0).retryable());
        QVERIFY(failure(UploadError::BadAnswer, 502).retryable());  // a load balancer's
        QVERIFY(!failure(UploadError::BadAnswer, 200).retryable()); // a receipt that is not one
        QVERIFY(failure(UploadError::Refused, 503, receiver::ReceiverError::StoreUnavailable)
                    .retryable());
        QVERIFY(!failure(UploadError::Refused, 422, receiver::ReceiverError::ItemIdMismatch)
                     .retryable());
        QVERIFY(!failure(UploadError::WrongHostName, 0).retryable());
    }

    void theOutboxAnswersWhatWaitsAndForHowLong() {
        QVERIFY(!outbox_->oldestAgeMs(kNow));
        const auto first = outbox_->add(ItemKind::ResultRecord, bytes("a"), "a", kNow);
        outbox_->add(ItemKind::ResultRecord, bytes("a"), "a again", kNow + 5); // same bytes
        outbox_->add(ItemKind::JournalHead, bytes("b"), "b", kNow + 60'000);
        QCOMPARE(outbox_->waitingCount(), std::size_t(2));
        QCOMPARE(outbox_->waiting()[0].id, first);
        QCOMPARE(outbox_->waiting()[0].id, receiver::itemIdOf(bytes("a")));
        QCOMPARE(*outbox_->oldestAgeMs(kNow + 90'000), std::int64_t(90'000));
        QVERIFY(outbox_->waitingOverADay(kNow + kOutboxWarningAgeMs).empty());
        const auto late = outbox_->waitingOverADay(kNow + kOutboxWarningAgeMs + 1);
        QCOMPARE(late.size(), std::size_t(1));
        QCOMPARE(late[0].label, std::string("a"));
        const auto forOther = receiver::signReceipt(receiverKeys_, "C0452", first, kNow);
        QCOMPARE(outbox_->acceptReceipt(forOther, kNow).error(), ReceiptRefusal::OtherCentre);
        QCOMPARE(outbox_->waitingCount(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(UploadClientTest)
#include "tst_upload_client.moc"
