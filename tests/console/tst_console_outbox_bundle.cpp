// The outbox carried on a USB drive, end to end with the real vigil-syncd binary: the console
// writes its outbox as one signed bundle (read back and verified), `vigil-syncd import-bundle`
// stores it and writes the receipts file, the console imports that and clears exactly the
// receipted items. A forged or altered receipts file, or one receipting an item this outbox
// never held, clears nothing. The same items uploaded again afterwards change nothing, and the
// vigil-console commands do the same from the command line.
#include "core_fixture.h"
#include "syncd_process.h"
#include "vigil/console/console_service.h"
#include "vigil/receiver/bundle_reader.h"
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/bundle_writer.h"
#include "vigil/sync/upload_client.h"
#include "vigil/testing/program_run.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using receiver::ItemKind;
using vigil::console::testing::valueOf;

namespace {

vigil::testing::ProgramRun syncd(const QStringList& arguments) {
    return vigil::testing::runProgram(qEnvironmentVariable("VIGIL_SYNCD_BINARY"), arguments);
}

std::vector<std::uint8_t> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

std::vector<char> readAll(const QString& file) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        throw std::runtime_error("cannot read " + file.toStdString());
    }
    const auto data = in.readAll();
    return {data.begin(), data.end()};
}

void writeAll(const QString& file, const std::vector<char>& data) {
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        throw std::runtime_error("cannot write " + file.toStdString());
    }
    out.write(data.data(), static_cast<qint64>(data.size()));
}

} // namespace

class ConsoleOutboxBundleTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;
    std::optional<SignedIn> invigilator_;
    QString config_;
    crypto::SigningPublicKey receiverKey_{};
    // What the first bundle carried, and the receipts file the receiver wrote for it.
    std::vector<std::vector<std::uint8_t>> carried_;
    QString firstBundle_;
    QString firstReceipts_;
    std::vector<std::uint8_t> later_ = bytes("a result record sealed after the bundle was written");

    QString path(const QString& name) const { return dir_.filePath(name); }
    std::size_t waiting() { return service_->outboxStatus().waiting.size(); }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QFile::exists(qEnvironmentVariable("VIGIL_SYNCD_BINARY")));
        // The drives' mount points.
        QVERIFY(QDir().mkpath(path("drive")));
        QVERIFY(QDir().mkpath(path("cli-drive")));
        const auto ab = crypto::generateSigningKeyPair();
        const auto box = crypto::generateBoxKeyPair();
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub").toStdString(), ab.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub").toStdString(), box.publicKey));
        service_ =
            valueOf(ConsoleService::open(ConsoleDataDir(path("console").toStdString()), clock_));
        QVERIFY(service_
                    ->createCentre(console::testing::northfieldCentre(
                        path("ab-signing.pub").toStdString(), path("ab-box.pub").toStdString()))
                    .ok());
        coordinator_ = valueOf(service_->signIn("COORD-1", "246810", "workshop-keys"));
        QVERIFY(service_->users()
                    .addInvigilator(*coordinator_,
                                    {"INV-0042", "Sam Carter", "1357", "sam-password", {}})
                    .ok());
        invigilator_ = valueOf(service_->signIn("INV-0042", "1357", "sam-password"));

        // The awarding body's receiver, set up with the real binary, the centre registered.
        QFile config(path("syncd.conf"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("listen = 127.0.0.1:0\n"
                     "receiver-key = receiver.key\n"
                     "store = embedded\n"
                     "store-path = syncd.db\n"
                     "store-key = store.key\n"
                     "host-name = localhost\n");
        config.close();
        config_ = path("syncd.conf");
        const auto init = syncd({"init", "--config", config_});
        QVERIFY2(init.exitCode == 0, qPrintable(init.out));
        const QRegularExpression keyLine("receiver key ([0-9a-f]{64})");
        QVERIFY(crypto::fromHex(keyLine.match(init.out).captured(1).toStdString(), receiverKey_));
        const auto registered = syncd(
            {"register-centre", "--config", config_, "--centre", "C0451", "--key",
             QString::fromStdString(crypto::toHex(service_->centre().signingKeys().publicKey))});
        QVERIFY2(registered.exitCode == 0, qPrintable(registered.out));
        // The coordinator pins the receiver's key (its port is set once it serves).
        QVERIFY(service_->setReceiver(*coordinator_, {"localhost", 8443, receiverKey_}).ok());
    }

    void cleanupTestCase() { service_.reset(); }

    void onlyTheCoordinatorWritesOrImports() {
        QCOMPARE(
            service_->writeOutboxBundle(*invigilator_, path("drive").toStdString()).error().error,
            ConsoleError::CoordinatorOnly);
        QCOMPARE(service_->importOutboxReceipts(*invigilator_, path("x.receipts").toStdString())
                     .error()
                     .error,
                 ConsoleError::CoordinatorOnly);
        // An empty outbox writes nothing.
        const auto empty = service_->writeOutboxBundle(*coordinator_, path("drive").toStdString());
        QCOMPARE(empty.error().error, ConsoleError::BundleFailed);
        QVERIFY(describe(empty.error()).find("nothing is waiting") != std::string::npos);
    }

    void theOutboxIsWrittenReadBackAndVerifiedAndStays() {
        carried_ = {bytes("a result record as the kiosk sealed it"),
                    bytes("question 7 of LV3-BRAKES-2026A: the diagram is cut off"),
                    bytes("an invigilation record signed by the console")};
        const ItemKind kinds[] = {ItemKind::ResultRecord, ItemKind::ProblemReport,
                                  ItemKind::InvigilationRecord};
        for (std::size_t i = 0; i < carried_.size(); ++i) {
            (void)valueOf(service_->queueItem(kinds[i], carried_[i], "item " + std::to_string(i)));
        }
        const auto written =
            valueOf(service_->writeOutboxBundle(*coordinator_, path("drive").toStdString()));
        const auto summary = written.summary();
        QVERIFY2(summary.find("written and verified: 3 items") == 0, summary.c_str());
        firstBundle_ = QString::fromStdString(written.bundle.folder.string());
        QVERIFY(firstBundle_.startsWith(path("drive/C0451-")));
        // A file per item and the signed manifest, nothing else.
        QCOMPARE(QDir(firstBundle_).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 4);
        QVERIFY(QFile::exists(firstBundle_ + "/manifest.vbm"));
        for (const auto& item : carried_) {
            QVERIFY(QFile::exists(
                firstBundle_ + "/" +
                QString::fromStdString(receiver::itemIdHex(receiver::itemIdOf(item)))));
        }
        // As the receiver will read it, under the centre's key.
        const auto centreKey = service_->centre().signingKeys().publicKey;
        const auto read = receiver::readBundle(firstBundle_.toStdString(), [&](std::string_view) {
            return std::optional<crypto::SigningPublicKey>(centreKey);
        });
        QVERIFY(read.ok());
        // Nothing leaves the outbox before the receipts come back.
        QCOMPARE(waiting(), std::size_t(3));
    }

    void theReceiverImportsItAndItsReceiptsClearExactlyThoseItems() {
        const auto imported = syncd({"import-bundle", "--config", config_, firstBundle_});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out));
        QVERIFY2(imported.out.contains("3 items stored, 0 already held"), qPrintable(imported.out));
        firstReceipts_ = firstBundle_ + ".receipts";
        QVERIFY(QFile::exists(firstReceipts_));
        // Queued after the bundle was written: no receipt can clear it.
        (void)valueOf(service_->queueItem(ItemKind::ResultRecord, later_, "result of PC08"));
        clock_.advance(std::chrono::minutes(5));

        // Altered on the way back: refused, nothing cleared.
        auto altered = readAll(firstReceipts_);
        altered[altered.size() / 2] ^= 0x01;
        writeAll(path("altered.receipts"), altered);
        const auto refusedAltered =
            service_->importOutboxReceipts(*coordinator_, path("altered.receipts").toStdString());
        QCOMPARE(refusedAltered.error().error, ConsoleError::ReceiptsRefused);
        QVERIFY2(describe(refusedAltered.error()).find("nothing was cleared") != std::string::npos,
                 describe(refusedAltered.error()).c_str());
        QCOMPARE(waiting(), std::size_t(4));

        // Forged: the same receipts, signed by another key than the receiver's.
        const auto genuine =
            receiver::readBundleReceiptsFile(firstReceipts_.toStdString(), receiverKey_);
        QVERIFY(genuine.ok());
        const auto forged =
            receiver::signBundleReceipts(genuine.value(), crypto::generateSigningKeyPair());
        writeAll(path("forged.receipts"), std::vector<char>(forged.begin(), forged.end()));
        const auto refusedForged =
            service_->importOutboxReceipts(*coordinator_, path("forged.receipts").toStdString());
        QCOMPARE(refusedForged.error().error, ConsoleError::ReceiptsRefused);
        QVERIFY2(describe(refusedForged.error()).find("signed by") != std::string::npos,
                 describe(refusedForged.error()).c_str());
        QCOMPARE(waiting(), std::size_t(4));
        QCOMPARE(service_->outboxStatus().receipts, std::size_t(0));

        // The receiver's own file: exactly the three carried items leave, with their receipts.
        const auto cleared =
            valueOf(service_->importOutboxReceipts(*coordinator_, firstReceipts_.toStdString()));
        QCOMPARE(cleared.cleared, std::size_t(3));
        QCOMPARE(cleared.alreadyHeld, std::size_t(0));
        const auto status = service_->outboxStatus();
        QCOMPARE(status.waiting.size(), std::size_t(1));
        QCOMPARE(status.waiting[0].id, receiver::itemIdOf(later_));
        QCOMPARE(status.receipts, std::size_t(3));
        auto outbox = outboxOn(service_->store().db(), "C0451");
        for (const auto& receipt : genuine.value().receipts) {
            const auto stored = outbox.receiptFor(receipt.itemId);
            QVERIFY(stored.has_value());
            QVERIFY(stored->receipt == receipt);
        }

        // The same file again: nothing changes.
        const auto again =
            valueOf(service_->importOutboxReceipts(*coordinator_, firstReceipts_.toStdString()));
        QCOMPARE(again.cleared, std::size_t(0));
        QCOMPARE(again.alreadyHeld, std::size_t(3));
        QCOMPARE(waiting(), std::size_t(1));
        QCOMPARE(service_->outboxStatus().receipts, std::size_t(3));
    }

    void aReceiptForAnItemThisOutboxNeverHeldClearsNothing() {
        // A bundle of this centre (its key) carrying the waiting item and one the console never
        // queued: the receiver receipts both; the console refuses the whole file.
        const auto stranger = bytes("an item this console never queued");
        const receiver::BundleItem items[] = {{ItemKind::ResultRecord, later_},
                                              {ItemKind::ResultRecord, stranger}};
        const auto written =
            receiver::writeBundle(path("other-bundle").toStdString(), "C0451",
                                  service_->centre().signingKeys(), items, clock_.wallNowMs());
        QVERIFY(written.ok());
        const auto imported = syncd({"import-bundle", "--config", config_, path("other-bundle")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out));
        const auto refused = service_->importOutboxReceipts(
            *coordinator_, path("other-bundle.receipts").toStdString());
        QCOMPARE(refused.error().error, ConsoleError::ReceiptsRefused);
        const auto sentence = describe(refused.error());
        QVERIFY2(sentence.find("receipt 2 (item " + receiver::itemIdHex(receiver::itemIdOf(
                                                        stranger))) != std::string::npos,
                 sentence.c_str());
        QVERIFY2(sentence.find("names no item waiting") != std::string::npos, sentence.c_str());
        QCOMPARE(waiting(), std::size_t(1));
        QCOMPARE(service_->outboxStatus().receipts, std::size_t(3));
    }

    void theSameItemsUploadedAgainChangeNothing() {
        {
            vigil::testing::SyncdProcess serving(qEnvironmentVariable("VIGIL_SYNCD_BINARY"),
                                                 config_);
            QVERIFY(
                service_->setReceiver(*coordinator_, {"localhost", serving.port(), receiverKey_})
                    .ok());
            sync::UploadClient client({"localhost", serving.port(), receiverKey_}, "C0451",
                                      service_->centre().signingKeys());
            auto outbox = outboxOn(service_->store().db(), "C0451");
            for (const auto& item : carried_) {
                const auto receipt = client.upload(ItemKind::ResultRecord, item);
                QVERIFY2(receipt.ok(), receipt.ok() ? "" : sync::describe(receipt.error()).c_str());
                // The first arrival's receipt, the one the bundle got: the item was not stored
                // anew.
                QVERIFY(receipt.value() == outbox.receiptFor(receiver::itemIdOf(item))->receipt);
            }
            // What still waits goes by upload; then nothing is left.
            sync::SenderOptions options;
            options.sleep = [](std::chrono::milliseconds) {
            };
            const auto report = valueOf(service_->sendOutboxNow(*coordinator_, {}, options));
            QCOMPARE(report.delivered, std::size_t(1));
            QCOMPARE(waiting(), std::size_t(0));
        }
        // The first bundle imported once more: everything already held.
        const auto again = syncd({"import-bundle", "--config", config_, "--receipts",
                                  path("again.receipts"), firstBundle_});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out));
        QVERIFY2(again.out.contains("0 items stored, 3 already held"), qPrintable(again.out));
        const auto cleared = valueOf(
            service_->importOutboxReceipts(*coordinator_, path("again.receipts").toStdString()));
        QCOMPARE(cleared.cleared, std::size_t(0));
        QCOMPARE(cleared.alreadyHeld, std::size_t(3));
        QCOMPARE(service_->outboxStatus().receipts, std::size_t(4));
    }

    void theCommandLineWritesTheBundleAndImportsItsReceipts() {
        const auto console = qEnvironmentVariable("VIGIL_CONSOLE_BINARY");
        QVERIFY(QFile::exists(console));
        (void)valueOf(service_->queueItem(ItemKind::MalpracticeReport,
                                          bytes("suspected malpractice at PC03"),
                                          "malpractice, PC03"));
        // The commands run while this console is closed (as when the coordinator uses them
        // instead of the app); it is opened again to see what they did.
        service_.reset();
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("VIGIL_PIN_INV_0042", "1357");
        env.insert("VIGIL_PASSWORD_INV_0042", "sam-password");
        env.insert("VIGIL_PIN_COORD_1", "246810");
        env.insert("VIGIL_PASSWORD_COORD_1", "workshop-keys");
        const QStringList common{"--data-dir", path("console")};

        const auto refused =
            vigil::testing::runProgram(console,
                                       QStringList{"write-bundle"} + common +
                                           QStringList{"--user", "INV-0042", path("cli-drive")},
                                       {env});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.contains("coordinator"), qPrintable(refused.out));

        const auto written =
            vigil::testing::runProgram(console,
                                       QStringList{"write-bundle"} + common +
                                           QStringList{"--user", "COORD-1", path("cli-drive")},
                                       {env});
        QVERIFY2(written.exitCode == 0, qPrintable(written.out));
        const QRegularExpression summary("written and verified: 1 items, [0-9]+ bytes, in (\\S+)");
        const auto match = summary.match(written.out);
        QVERIFY2(match.hasMatch(), qPrintable(written.out));
        const auto folder = match.captured(1);
        QVERIFY(folder.startsWith(path("cli-drive/C0451-")));

        const auto imported = syncd({"import-bundle", "--config", config_, folder});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out));
        const auto cleared =
            vigil::testing::runProgram(console,
                                       QStringList{"import-receipts"} + common +
                                           QStringList{"--user", "COORD-1", folder + ".receipts"},
                                       {env});
        QVERIFY2(cleared.exitCode == 0, qPrintable(cleared.out));
        QVERIFY2(cleared.out.contains("receipts imported: 1 items cleared, 0 cleared before, 0 "
                                      "refused by the awarding body; 0 items still waiting"),
                 qPrintable(cleared.out));
        service_ =
            valueOf(ConsoleService::open(ConsoleDataDir(path("console").toStdString()), clock_));
        QCOMPARE(waiting(), std::size_t(0));

        const auto forged = vigil::testing::runProgram(
            console,
            QStringList{"import-receipts"} + common +
                QStringList{"--user", "COORD-1", path("forged.receipts")},
            {env});
        QCOMPARE(forged.exitCode, 1);
        QVERIFY2(forged.out.contains("the receipts file is refused and nothing was cleared"),
                 qPrintable(forged.out));
    }
};

QTEST_MAIN(ConsoleOutboxBundleTest)
#include "tst_console_outbox_bundle.moc"
