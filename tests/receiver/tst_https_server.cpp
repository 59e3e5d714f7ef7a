// The receiver's HTTPS server over real sockets on loopback, on the embedded store: an upload
// stored and receipted, the same item twice, and each refusal with its status while the server
// goes on serving.
#include "https_test_client.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/package_request.h"
#include "vigil/receiver/upload_batch.h"
#include "vigil/store/database.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <future>
#include <thread>

using namespace vigil;
using namespace vigil::receiver;
using testing::HttpReply;
using testing::HttpsTestClient;

namespace {

std::vector<std::uint8_t> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

std::int64_t now() {
    return UploadService::systemClockMs();
}

} // namespace

class HttpsServerTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    crypto::SigningKeyPair centreKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<EmbeddedReceiverStore> store_;
    std::unique_ptr<UploadService> service_;
    std::unique_ptr<HttpsServer> server_;
    std::uint16_t port_ = 0;
    int files_ = 0;
    static constexpr std::size_t kBodyLimit = 64 * 1024;
    static constexpr std::chrono::milliseconds kHeaderDeadline{1'000};

    HttpsTestClient client() { return HttpsTestClient(port_, receiverKeys_.publicKey); }

    UploadRequest signedFor(const std::vector<std::uint8_t>& body,
                            ItemKind kind = ItemKind::ResultRecord) {
        return signUpload(centreKeys_, "C0451", kind, body, now());
    }

private slots:
    void init() {
        store_ = EmbeddedReceiverStore::open(
            dir_.filePath(QString("syncd-%1.db").arg(++files_)).toStdString(),
            crypto::SecureBuffer::random(store::Database::kKeyBytes));
        store_->registerCentre({"C0451", centreKeys_.publicKey});
        service_ = std::make_unique<UploadService>(*store_, receiverKeys_);
        ServerOptions options;
        options.limits.bodyBytes = kBodyLimit;
        options.limits.headerBytes = 8 * 1024;
        options.limits.headerDeadline = kHeaderDeadline;
        options.limits.bodyDeadline = kHeaderDeadline;
        server_ = std::make_unique<HttpsServer>(*service_, receiverKeys_, options);
        const auto started = server_->start();
        QVERIFY(started.ok());
        port_ = started.value();
    }

    void cleanup() {
        server_.reset();
        service_.reset();
        store_.reset();
    }

    void anUploadIsStoredAndAnsweredWithTheReceiversSignedReceipt() {
        const auto record = bytes(R"({"candidate":"C1","score":17})");
        const auto reply = client().upload(signedFor(record), record);
        QCOMPARE(reply.status, 200);
        const auto receipt = decodeReceipt(reply.body);
        QVERIFY(receipt.ok());
        QCOMPARE(receipt.value().centreId, std::string("C0451"));
        QCOMPARE(receipt.value().itemId, itemIdOf(record));
        QVERIFY(verifyReceipt(receiverKeys_.publicKey, receipt.value()));
        const auto held = store_->items();
        QCOMPARE(held.size(), std::size_t(1));
        QCOMPARE(held[0].bytes, record);
        QVERIFY(held[0].receipt == receipt.value());
    }

    void theSameItemSentTwiceGetsTheSameReceiptAndIsHeldOnce() {
        const auto record = bytes("record sent twice");
        auto connection = client();
        const auto first = connection.upload(signedFor(record), record);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const auto again = client().upload(signedFor(record), record); // a retry: new nonce
        QCOMPARE(first.status, 200);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body, first.body);
        QCOMPARE(store_->itemCount(), std::int64_t(1));
    }

    void manyUploadsOnOneKeptAliveConnection() {
        auto connection = client();
        for (int i = 0; i < 20; ++i) {
            const auto item = bytes("item " + std::to_string(i));
            QCOMPARE(connection.upload(signedFor(item), item).status, 200);
        }
        QCOMPARE(store_->itemCount(), std::int64_t(20));
    }

    void aTamperedBodyIsRefusedAndNothingIsStored() {
        const auto record = bytes(R"({"candidate":"C1","score":17})");
        auto tampered = record;
        tampered[27] = '9';
        const auto reply = client().upload(signedFor(record), tampered);
        QCOMPARE(reply.status, 422);
        QVERIFY(reply.body.find("\"error\":\"item-id-mismatch\"") != std::string::npos);
        QCOMPARE(store_->itemCount(), std::int64_t(0));
    }

    void aRequestSignedWithAnotherKeyIsRefused() {
        const auto stranger = crypto::generateSigningKeyPair();
        const auto record = bytes("record");
        const auto reply = client().upload(
            signUpload(stranger, "C0451", ItemKind::ResultRecord, record, now()), record);
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.body.find("bad-signature") != std::string::npos);
        QCOMPARE(store_->itemCount(), std::int64_t(0));
    }

    void anUnregisteredCentreIsRefused() {
        const auto record = bytes("record");
        const auto reply = client().upload(
            signUpload(centreKeys_, "C9999", ItemKind::ResultRecord, record, now()), record);
        QCOMPARE(reply.status, 403);
        QVERIFY(reply.body.find("unknown-centre") != std::string::npos);
    }

    void anItemHeldForAnotherCentreIsNotReceiptedToThisOne() {
        const auto otherCentre = crypto::generateSigningKeyPair();
        store_->registerCentre({"C0452", otherCentre.publicKey});
        const auto record = bytes("the same bytes from two centres");
        QCOMPARE(client().upload(signedFor(record), record).status, 200);
        const auto reply = client().upload(
            signUpload(otherCentre, "C0452", ItemKind::ResultRecord, record, now()), record);
        QCOMPARE(reply.status, 409);
        QVERIFY(reply.body.find("item-of-another-centre") != std::string::npos);
        QCOMPARE(store_->itemCount(), std::int64_t(1));
        QCOMPARE(store_->items()[0].receipt.centreId, std::string("C0451"));
    }

    void aReplayedRequestIsRefusedAndTheFirstStands() {
        const auto record = bytes("record");
        const auto request = signedFor(record);
        const auto first = client().upload(request, record);
        const auto replay = client().upload(request, record);
        QCOMPARE(first.status, 200);
        QCOMPARE(replay.status, 409);
        QVERIFY(replay.body.find("replayed-request") != std::string::npos);
        QCOMPARE(store_->itemCount(), std::int64_t(1));
    }

    void aBatchIsStoredWithAReceiptPerItemAndItsRefusalsHaveTheirStatus() {
        const auto first = bytes("batch item 1");
        const auto second = bytes("batch item 2");
        const std::vector<BatchItem> items{{ItemKind::ResultRecord, first},
                                           {ItemKind::JournalHead, second}};
        const auto body = encodeBatch(items);
        const auto reply =
            client().upload(signBatchUpload(centreKeys_, "C0451", body, now()), body);
        QCOMPARE(reply.status, 200);
        const auto answers = decodeBatchAnswer(reply.body);
        QVERIFY(answers.ok());
        QCOMPARE(answers.value().size(), std::size_t(2));
        QCOMPARE(answers.value()[1].value().itemId, itemIdOf(second));
        QVERIFY(verifyReceipt(receiverKeys_.publicKey, answers.value()[0].value()));
        QCOMPARE(store_->itemCount(), std::int64_t(2));

        // Tampered after signing, signed by a stranger, replayed: refused, nothing more stored.
        auto tampered = encodeBatch(std::vector<BatchItem>{{ItemKind::ResultRecord, bytes("n")}});
        const auto tamperedRequest = signBatchUpload(centreKeys_, "C0451", tampered, now());
        tampered.back() = 'm';
        QCOMPARE(client().upload(tamperedRequest, tampered).status, 422);
        const auto stranger = crypto::generateSigningKeyPair();
        QCOMPARE(client().upload(signBatchUpload(stranger, "C0451", body, now()), body).status,
                 401);
        const auto request = signBatchUpload(centreKeys_, "C0451", body, now());
        QCOMPARE(client().upload(request, body).status, 200);
        const auto replay = client().upload(request, body);
        QCOMPARE(replay.status, 409);
        QVERIFY(replay.body.find("replayed-request") != std::string::npos);

        // Signed by the centre, but not a batch inside: 400 naming what is wrong.
        const auto notABatch = bytes("VIGILBT1 but nothing else");
        const auto malformed =
            client().upload(signBatchUpload(centreKeys_, "C0451", notABatch, now()), notABatch);
        QCOMPARE(malformed.status, 400);
        QVERIFY2(malformed.body.find("malformed-request") != std::string::npos,
                 malformed.body.c_str());
        // A batch's envelope sent as one item, or an item's kind on a batch: refused.
        auto asItem = signBatchUpload(centreKeys_, "C0451", body, now());
        asItem.target = std::string(kItemsPathPrefix) + itemIdHex(itemIdOf(body));
        QCOMPARE(client().upload(asItem, body).status, 400); // unknown kind "batch"
        auto withKind = signBatchUpload(centreKeys_, "C0451", body, now());
        withKind.batch = false;
        withKind.target = std::string(kBatchesPathPrefix) + itemIdHex(itemIdOf(body));
        QCOMPARE(client().upload(withKind, body).status, 400);
        QCOMPARE(store_->itemCount(), std::int64_t(2));
    }

    void packageRequestsAreSignedCheckedAndAnsweredForTheirCentreOnly() {
        std::vector<std::uint8_t> file(300, 0x5a);
        const std::string id(64, 'e');
        QVERIFY(store_->publishPackage({"C0451", id, file, now()}));
        const auto otherKeys = crypto::generateSigningKeyPair();
        store_->registerCentre({"C0452", otherKeys.publicKey});
        auto ask = [&](const crypto::SigningKeyPair& keys, const std::string& centre,
                       const std::string& target, std::int64_t at) {
            return signPackageRequest(keys, centre, target, at);
        };
        auto send = [&](const PackageRequest& request, const std::string& method = "GET") {
            return client().send(method, request.target, headerLines(request), {});
        };
        const auto request = ask(centreKeys_, "C0451", "/v1/packages/" + id, now());
        const auto got = send(request);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, std::string(file.begin(), file.end()));
        QCOMPARE(send(request).status, 409); // the very same request again
        QCOMPARE(send(ask(otherKeys, "C0452", "/v1/packages/" + id, now())).status, 404);
        QCOMPARE(send(ask(otherKeys, "C0452", "/v1/packages", now())).body,
                 std::string(R"({"packages":[]})"));
        QCOMPARE(send(ask(otherKeys, "C0451", "/v1/packages", now())).status, 401);
        QCOMPARE(send(ask(centreKeys_, "C0999", "/v1/packages", now())).status, 403);
        QCOMPARE(send(ask(centreKeys_, "C0451", "/v1/packages", now() - 3'600'000)).status, 401);
        QCOMPARE(send(ask(centreKeys_, "C0451", "/v1/packages/" + id, now()), "POST").status, 405);
        QCOMPARE(send(ask(centreKeys_, "C0451", "/v1/packages/E1", now())).status, 400);
        const auto listed = send(ask(centreKeys_, "C0451", "/v1/packages", now()));
        QCOMPARE(listed.status, 200);
        QVERIFY2(listed.body.find("\"id\":\"" + id + "\"") != std::string::npos,
                 listed.body.c_str());
    }

    void aRequestFromAClockOutsideTheWindowIsRefused() {
        const auto record = bytes("record");
        const auto reply = client().upload(signUpload(centreKeys_, "C0451", ItemKind::ResultRecord,
                                                      record, now() - kReplayWindowMs - 60'000),
                                           record);
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.body.find("stale-request") != std::string::npos);
    }

    void anOversizedBodyIsRefusedFromItsLengthWithoutBeingRead() {
        const std::vector<std::uint8_t> big(kBodyLimit + 1, 'x');
        const auto request = signedFor(big);
        auto connection = client();
        std::string head = "POST " + request.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto& [name, value] : headerLines(request)) {
            head += name + ": " + value + "\r\n";
        }
        head += "Content-Length: " + std::to_string(big.size()) + "\r\n\r\n";
        connection.writeRaw(head);
        const auto reply = connection.read();
        QCOMPARE(reply.status, 413);
        QVERIFY(reply.body.find("body-too-large") != std::string::npos);
        QCOMPARE(store_->itemCount(), std::int64_t(0));
    }

    void aBodyAtTheLimitIsStored() {
        const std::vector<std::uint8_t> atLimit(kBodyLimit, 'x');
        QCOMPARE(client().upload(signedFor(atLimit), atLimit).status, 200);
    }

    void headersOverTheLimitAreRefused() {
        auto connection = client();
        const auto reply =
            connection.send("GET", "/v1/health", {{"X-Padding", std::string(9 * 1024, 'p')}}, {});
        QCOMPARE(reply.status, 431);
    }

    void aSlowLorisClientIsDroppedWhileAnotherUploads() {
        auto slow = client();
        QElapsedTimer timer;
        timer.start();
        // Header bytes trickle in, never finishing the request, until the server drops it.
        auto trickle = std::async(std::launch::async, [&slow] {
            slow.writeRaw("POST /v1/items/");
            try {
                for (int i = 0; i < 100; ++i) {
                    slow.writeRaw("a");
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            } catch (const std::exception&) { // dropped: the write fails
                return true;
            }
            return false;
        });
        const auto record = bytes("sent while another client dawdles");
        QCOMPARE(client().upload(signedFor(record), record).status, 200);
        QVERIFY(trickle.get());
        QVERIFY2(timer.elapsed() < 5'000, std::to_string(timer.elapsed()).c_str());
        QVERIFY(timer.elapsed() >= kHeaderDeadline.count() - 50);
        QCOMPARE(store_->itemCount(), std::int64_t(1));
    }

    void aBodyThatNeverArrivesIsDropped() {
        const auto record = bytes("the whole body");
        const auto request = signedFor(record);
        auto connection = client();
        std::string head = "POST " + request.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto& [name, value] : headerLines(request)) {
            head += name + ": " + value + "\r\n";
        }
        head += "Content-Length: " + std::to_string(record.size()) + "\r\n\r\nthe";
        connection.writeRaw(head);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(connection.read().status, 0); // closed, no answer
        QVERIFY(timer.elapsed() < 5'000);
        QCOMPARE(store_->itemCount(), std::int64_t(0));
    }

    void eachBadInputHasItsStatus_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("signedHeaders");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const auto item =
            QString::fromStdString(std::string(kItemsPathPrefix) + std::string(64, 'a'));
        QTest::newRow("no headers") << "POST" << item << false << 400 << "malformed-request";
        QTest::newRow("id not hex") << "POST"
                                    << "/v1/items/xyz" << false << 400 << "malformed-request";
        QTest::newRow("elsewhere") << "GET"
                                   << "/etc/passwd" << false << 404 << "not-found";
        QTest::newRow("GET an item") << "GET" << item << false << 405 << "method-not-allowed";
        QTest::newRow("POST health") << "POST"
                                     << "/v1/health" << false << 405 << "method-not-allowed";
    }
    void eachBadInputHasItsStatus() {
        QFETCH(QString, method);
        QFETCH(QString, target);
        QFETCH(int, status);
        QFETCH(QString, code);
        const auto reply = client().send(method.toStdString(), target.toStdString(), {}, {});
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.body.find("\"error\":\"" + code.toStdString() + "\"") != std::string::npos,
                 reply.body.c_str());
    }

    void healthAnswersOk() {
        const auto reply = client().send("GET", "/v1/health", {}, {});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, std::string(R"({"status":"ok"})"));
    }

    void anOlderTlsIsRefused() {
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 HttpsTestClient(port_, receiverKeys_.publicKey, TLS1_2_VERSION));
    }

    void aPortInUseIsNamed() {
        ServerOptions options;
        options.port = port_;
        HttpsServer second(*service_, receiverKeys_, options);
        const auto started = second.start();
        QVERIFY(!started.ok());
        QVERIFY(started.error().starts_with("cannot listen on 127.0.0.1:"));
    }
};

QTEST_GUILESS_MAIN(HttpsServerTest)
#include "tst_https_server.moc"
