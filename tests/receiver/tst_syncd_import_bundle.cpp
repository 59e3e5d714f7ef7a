// The real vigil-syncd binary imports a USB bundle: `import-bundle` on the embedded store and on
// a PostgreSQL server, the receipts file it writes read back with the library call the console
// uses, a second import answering the same receipts, and a damaged bundle refused with its
// sentence and nothing stored.
#include "bundle_fixture.h"
#include "postgres_server.h"
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/store/database.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace vigil;
using namespace vigil::receiver;
using namespace vigil::testing;

namespace {

int syncd(const QStringList& arguments, QString* output = nullptr) {
    QProcess process;
    process.start(VIGIL_SYNCD, arguments);
    process.waitForFinished(60'000);
    if (output != nullptr) {
        *output =
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

class SyncdImportBundleTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SigningKeyPair centreKeys_ = crypto::generateSigningKeyPair();
    BundleContents contents_;
    std::unique_ptr<PostgresServer> postgres_;
    std::string conninfo_;

    QString path(const QString& name) const { return dir_.filePath(name); }

    // A configured, initialised receiver with centre C0451 registered; its receiver key.
    crypto::SigningPublicKey setUp(const QString& config) {
        QString output;
        if (syncd({"init", "--config", config}, &output) != 0) {
            throw std::runtime_error("init failed: " + output.toStdString());
        }
        crypto::SigningPublicKey key{};
        const QRegularExpression line("receiver key ([0-9a-f]{64})");
        (void)crypto::fromHex(line.match(output).captured(1).toStdString(), key);
        if (syncd({"register-centre", "--config", config, "--centre", "C0451", "--key",
                   QString::fromStdString(crypto::toHex(centreKeys_.publicKey))}) != 0) {
            throw std::runtime_error("register-centre failed");
        }
        return key;
    }

    QString writeConfig(const QString& name, const QString& body) const {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly)) {
            throw std::runtime_error("cannot write the configuration");
        }
        file.write(body.toUtf8());
        return path(name);
    }

    QString bundle(const QString& name) const {
        const auto items = contents_.items();
        const auto written =
            writeBundle(path(name).toStdString(), "C0451", centreKeys_, items, 1'790'000'000'000);
        if (!written) {
            throw std::runtime_error(describe(written.error()));
        }
        return path(name);
    }

    // What each back-end's test does with the binary; `open` reaches its store afterwards.
    void importsOnce(const QString& config, const QString& tag,
                     const std::function<std::unique_ptr<ReceiverStore>()>& open) {
        const auto receiverKey = setUp(config);
        const auto folder = bundle(tag + "-bundle");
        QString output;
        QCOMPARE(syncd({"import-bundle", "--config", config, folder}, &output), 0);
        QVERIFY2(output.contains("bundle of centre C0451 verified: 3 items stored, 0 already held"),
                 qPrintable(output));
        const auto receiptsFile = folder + ".receipts"; // beside the folder by default
        QVERIFY2(output.contains("receipts for 3 items written to " + receiptsFile),
                 qPrintable(output));
        const auto receipts = readBundleReceiptsFile(receiptsFile.toStdString(), receiverKey);
        QVERIFY2(receipts.ok(), failureOf(receipts).c_str());
        QCOMPARE(receipts.value().centreId, std::string("C0451"));
        QCOMPARE(receipts.value().receipts.size(), std::size_t(3));
        QCOMPARE(receipts.value().receipts[0].itemId, itemIdOf(contents_.record));
        QVERIFY(receipts.value().refused.empty());
        {
            const auto store = open();
            QCOMPARE(store->itemCount(), std::int64_t(3));
            for (const auto& held : store->items()) {
                QVERIFY(verifyReceipt(receiverKey, held.receipt));
            }
        }

        // Again, its receipts elsewhere: nothing new, the same receipts.
        const auto again = path(tag + "-again.receipts");
        QCOMPARE(syncd({"import-bundle", "--config", config, "--receipts", again, folder}, &output),
                 0);
        QVERIFY2(output.contains("0 items stored, 3 already held"), qPrintable(output));
        const auto second = readBundleReceiptsFile(again.toStdString(), receiverKey);
        QVERIFY(second.ok());
        QVERIFY(second.value() == receipts.value());

        // A damaged bundle: refused with its sentence, nothing stored, no receipts written.
        const auto damaged = bundle(tag + "-damaged");
        auto bytes = readAll(itemFile(damaged.toStdString(), contents_.head));
        bytes[0] ^= 0x01;
        writeAll(itemFile(damaged.toStdString(), contents_.head), bytes);
        QCOMPARE(syncd({"import-bundle", "--config", config, damaged}, &output), 1);
        QVERIFY2(output.contains("refused (item-id-mismatch): an item's bytes do not match its "
                                 "id (altered): item " +
                                 QString::fromStdString(itemIdHex(itemIdOf(contents_.head)))),
                 qPrintable(output));
        QVERIFY2(output.contains("nothing of it was stored"), qPrintable(output));
        QVERIFY(!QFile::exists(damaged + ".receipts"));
        QCOMPARE(open()->itemCount(), std::int64_t(3));
    }

private slots:
    void onTheEmbeddedStore() {
        const auto config = writeConfig("embedded.conf", "receiver-key = receiver.key\n"
                                                         "store = embedded\n"
                                                         "store-path = syncd.db\n"
                                                         "store-key = store.key\n");
        importsOnce(config, "embedded", [this] {
            QFile keyFile(path("store.key"));
            (void)keyFile.open(QIODevice::ReadOnly);
            auto key = crypto::SecureBuffer(store::Database::kKeyBytes);
            (void)crypto::fromHex(keyFile.readAll().trimmed().toStdString(), key.span());
            return std::unique_ptr<ReceiverStore>(
                EmbeddedReceiverStore::open(path("syncd.db").toStdString(), key));
        });
    }

    void onPostgres() {
        postgres_ = std::make_unique<PostgresServer>();
        conninfo_ = postgres_->freshDatabase();
        const auto config =
            writeConfig("postgres.conf", "receiver-key = pg-receiver.key\n"
                                         "store = postgres\n"
                                         "postgres = " +
                                             QString::fromStdString(conninfo_) + "\n");
        importsOnce(config, "postgres", [this] {
            return std::unique_ptr<ReceiverStore>(PostgresReceiverStore::connect(conninfo_));
        });
    }

    void usageWithoutABundleFolderIsAUsageError() {
        const auto config = writeConfig("usage.conf", "receiver-key = u.key\n"
                                                      "store = embedded\n"
                                                      "store-path = u.db\n"
                                                      "store-key = u.key2\n");
        QString output;
        QCOMPARE(syncd({"import-bundle", "--config", config}, &output), 2);
        QVERIFY2(output.contains("vigil-syncd import-bundle --config FILE"), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(SyncdImportBundleTest)
#include "tst_syncd_import_bundle.moc"
