// The real vigil-syncd binary: set up and served on the embedded store, and two instances on
// one PostgreSQL server with a centre switching between them (as behind a load balancer, one
// of them killed half-way), every item held exactly once with one receipt.
#include "https_test_client.h"
#include "postgres_server.h"
#include "syncd_process.h"
#include "vigil/crypto/key_files.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/upload_service.h"
#include "vigil/sync/upload_client.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <memory>

using namespace vigil;
using namespace vigil::receiver;
using testing::HttpsTestClient;

namespace {

std::vector<std::uint8_t> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

// One `vigil-syncd serve`, stopped (SIGTERM) when the object goes.
class Instance : public testing::SyncdProcess {
public:
    explicit Instance(const QString& config)
        : SyncdProcess(VIGIL_SYNCD, config) {}
};

int syncd(const QStringList& arguments, QString* output = nullptr) {
    QProcess process;
    process.start(VIGIL_SYNCD, arguments);
    process.waitForFinished(30'000);
    if (output != nullptr) {
        *output =
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

class SyncdInstancesTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SigningKeyPair centreKeys_ = crypto::generateSigningKeyPair();

    QString writeConfig(const QString& name, const QString& body) {
        const auto path = dir_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            throw std::runtime_error("cannot write the configuration");
        }
        file.write(body.toUtf8());
        return path;
    }

    static crypto::SigningPublicKey receiverKeyOf(const QString& initOutput) {
        const QRegularExpression line("receiver key ([0-9a-f]{64})");
        crypto::SigningPublicKey key{};
        (void)crypto::fromHex(line.match(initOutput).captured(1).toStdString(), key);
        return key;
    }

    UploadRequest signedFor(const std::vector<std::uint8_t>& body) {
        return signUpload(centreKeys_, "C0451", ItemKind::ResultRecord, body,
                          UploadService::systemClockMs());
    }

private slots:
    void onTheEmbeddedStoreItIsSetUpRegistersACentreAndServes() {
        const auto config = writeConfig("embedded.conf", "listen = 127.0.0.1:0\n"
                                                         "receiver-key = receiver.key\n"
                                                         "store = embedded\n"
                                                         "store-path = syncd.db\n"
                                                         "store-key = store.key\n");
        QString output;
        QCOMPARE(syncd({"init", "--config", config}, &output), 0);
        const auto receiverKey = receiverKeyOf(output);
        QVERIFY(QFile::exists(dir_.filePath("store.key")));
        QCOMPARE(syncd({"register-centre", "--config", config, "--centre", "C0451", "--key",
                        QString::fromStdString(crypto::toHex(centreKeys_.publicKey))},
                       &output),
                 0);
        Instance instance(config);
        const auto record = bytes("a result record");
        HttpsTestClient client(instance.port(), receiverKey);
        const auto reply = client.upload(signedFor(record), record);
        QCOMPARE(reply.status, 200);
        const auto receipt = decodeReceipt(reply.body);
        QVERIFY(receipt.ok());
        QVERIFY(verifyReceipt(receiverKey, receipt.value()));
        QCOMPARE(instance.stop(), 0);
    }

    void aCentresUploadClientReachesItByTheHostNameItsCertificateCarries() {
        const auto config = writeConfig("named.conf", "listen = 127.0.0.1:0\n"
                                                      "receiver-key = named-receiver.key\n"
                                                      "store = embedded\n"
                                                      "store-path = named.db\n"
                                                      "store-key = named-store.key\n"
                                                      "host-name = localhost, syncd.test\n");
        QString output;
        QCOMPARE(syncd({"init", "--config", config}, &output), 0);
        const auto receiverKey = receiverKeyOf(output);
        QCOMPARE(syncd({"register-centre", "--config", config, "--centre", "C0451", "--key",
                        QString::fromStdString(crypto::toHex(centreKeys_.publicKey))}),
                 0);
        Instance instance(config);
        sync::UploadClient client({"localhost", instance.port(), receiverKey}, "C0451",
                                  centreKeys_);
        const auto receipt = client.upload(ItemKind::InvigilationRecord, bytes("a record"));
        QVERIFY2(receipt.ok(), receipt.ok() ? "" : sync::describe(receipt.error()).c_str());
        QVERIFY(verifyReceipt(receiverKey, receipt.value()));
        // 127.0.0.1 is not among the configured names.
        sync::UploadClient byAddress({"127.0.0.1", instance.port(), receiverKey}, "C0451",
                                     centreKeys_);
        QCOMPARE(byAddress.upload(ItemKind::InvigilationRecord, bytes("a record")).error().error,
                 sync::UploadError::WrongHostName);

        const auto broken = writeConfig("bad-name.conf", "receiver-key = r.key\n"
                                                         "host-name = syncd.test, bad name\n");
        QCOMPARE(syncd({"serve", "--config", broken}, &output), 2);
        QVERIFY2(output.contains("bad-name.conf:2: host-name must be"), qPrintable(output));
    }

    void aBrokenConfigurationIsNamedByLine() {
        const auto config = writeConfig("broken.conf", "receiver-key = r.key\nstore = mysql\n");
        QString output;
        QCOMPARE(syncd({"serve", "--config", config}, &output), 2);
        QVERIFY2(output.contains("broken.conf:2: store must be embedded or postgres"),
                 qPrintable(output));
    }

    void twoInstancesOnOnePostgresHoldEveryItemOnceWhileTheCentreSwitches() {
        testing::PostgresServer postgres;
        const auto conninfo = QString::fromStdString(postgres.freshDatabase());
        auto instanceConfig = [&](const QString& name) {
            return writeConfig(name, "listen = 127.0.0.1:0\n"
                                     "receiver-key = shared-receiver.key\n"
                                     "store = postgres\n"
                                     "postgres = " +
                                         conninfo + "\n");
        };
        const auto configA = instanceConfig("a.conf");
        const auto configB = instanceConfig("b.conf");
        QString output;
        QCOMPARE(syncd({"init", "--config", configA}, &output), 0);
        const auto receiverKey = receiverKeyOf(output);
        QCOMPARE(syncd({"register-centre", "--config", configB, "--centre", "C0451", "--key",
                        QString::fromStdString(crypto::toHex(centreKeys_.publicKey))}),
                 0);
        auto a = std::make_unique<Instance>(configA);
        Instance b(configB);

        std::map<int, std::string> receipts; // item → the receipt body first answered
        auto send = [&](std::uint16_t port, int item) {
            const auto body = bytes("result record " + std::to_string(item));
            HttpsTestClient client(port, receiverKey);
            const auto reply = client.upload(signedFor(body), body);
            QCOMPARE(reply.status, 200);
            const auto [first, fresh] = receipts.emplace(item, reply.body);
            QCOMPARE(reply.body, first->second); // a resend gets the first receipt
        };
        // Each item to one instance, then again to the other (a retry after a lost answer).
        for (int item = 0; item < 60; ++item) {
            send(item % 2 ? a->port() : b.port(), item);
            send(item % 2 ? b.port() : a->port(), item);
        }
        a->kill(); // one instance gone: the centre goes on with the other
        for (int item = 0; item < 100; ++item) {
            send(b.port(), item);
        }
        const auto store = PostgresReceiverStore::connect(conninfo.toStdString());
        QCOMPARE(store->itemCount(), std::int64_t(100));
        for (const auto& held : store->items()) {
            QVERIFY(verifyReceipt(receiverKey, held.receipt));
        }
    }

    // The database restarted under a running vigil-syncd: while it is down every upload is
    // answered 503 store-unavailable (the centre keeps the item and sends it again later);
    // once it is back the same instance serves again, on connections it opened anew, and an
    // item sent before, during and after the restart is held once with its first receipt.
    void aDatabaseRestartIsAnsweredUnavailableThenServedWithNothingDuplicated() {
        testing::PostgresServer postgres;
        const auto conninfo = QString::fromStdString(postgres.freshDatabase());
        const auto config = writeConfig("restart.conf", "listen = 127.0.0.1:0\n"
                                                        "receiver-key = restart-receiver.key\n"
                                                        "store = postgres\n"
                                                        "threads = 3\n"
                                                        "postgres = " +
                                                            conninfo + "\n");
        QString output;
        QCOMPARE(syncd({"init", "--config", config}, &output), 0);
        const auto receiverKey = receiverKeyOf(output);
        QCOMPARE(syncd({"register-centre", "--config", config, "--centre", "C0451", "--key",
                        QString::fromStdString(crypto::toHex(centreKeys_.publicKey))}),
                 0);
        Instance instance(config);
        std::map<int, std::string> receipts;
        auto upload = [&](int item) {
            const auto body = bytes("result record " + std::to_string(item));
            HttpsTestClient client(instance.port(), receiverKey);
            return client.upload(signedFor(body), body);
        };
        auto uploadHeld = [&](int item) {
            const auto reply = upload(item);
            QCOMPARE(reply.status, 200);
            const auto [first, fresh] = receipts.emplace(item, reply.body);
            QCOMPARE(reply.body, first->second);
        };
        for (int item = 0; item < 12; ++item) {
            uploadHeld(item);
        }

        postgres.stop();
        for (int item = 8; item < 20; ++item) {
            const auto reply = upload(item);
            QCOMPARE(reply.status, 503);
            QVERIFY2(reply.body.find(R"("error":"store-unavailable")") != std::string::npos,
                     reply.body.c_str());
            QVERIFY2(reply.body.find("send again later") != std::string::npos, reply.body.c_str());
        }
        HttpsTestClient health(instance.port(), receiverKey);
        QCOMPARE(health.send("GET", "/v1/health", {}, {}).status, 503);

        postgres.start();
        for (int item = 0; item < 24; ++item) {
            uploadHeld(item);
        }
        QCOMPARE(instance.stop(), 0);
        const auto store = PostgresReceiverStore::connect(conninfo.toStdString());
        QCOMPARE(store->itemCount(), std::int64_t(24));
        for (const auto& held : store->items()) {
            QVERIFY(verifyReceipt(receiverKey, held.receipt));
        }
    }
};

QTEST_GUILESS_MAIN(SyncdInstancesTest)
#include "tst_syncd_instances.moc"
