// The outbox screen, clicked through offscreen by the real QML over a real console (its data
// folder, store and outbox): two items queued more than a day ago show as waiting with the
// warning, the coordinator sets the receiver up on the screen, and "Send now" to a receiver
// that is not running shows each item's failure and keeps both items. The coordinator writes
// the outbox to a USB drive (written and verified, both kept), a forged receipts file is
// refused and clears nothing, and the receiver's clears both. The screen is rendered, with the
// bundle written, to $VIGIL_BUILD_DIR/screenshots/console-outbox.png.
#include "../console/live_fixture.h"
#include "fixture/console_window.h"
#include "vigil/crypto/hash.h"
#include "vigil/receiver/bundle_receipts.h"

#include <QDir>
#include <QFile>
#include <QQuickStyle>
#include <QTcpServer>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

namespace {

std::span<const std::uint8_t> bytesOf(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

} // namespace

class ConsoleOutboxScreenTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    std::unique_ptr<ConsoleController> controller_;
    std::unique_ptr<ConsoleWindow> window_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    QString bundleFolder_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    QQuickItem* item(const QString& name) { return window_->item(name); }
    QString text(const QString& name) { return window_->text(name); }
    void click(const QString& name) { window_->click(name); }
    OutboxController& outbox() { return *controller_->outbox(); }

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QVERIFY(dir_.isValid());
        {
            LiveConsole prepared(path("centre"), clock_);
            QVERIFY(prepared.service()
                        .queueItem(receiver::ItemKind::ProblemReport,
                                   bytesOf("question 2 of LV3-BRAKES-2026A: diagram cut off"),
                                   "problem report, question 2")
                        .ok());
            QVERIFY(prepared.service()
                        .queueItem(receiver::ItemKind::ResultRecord,
                                   bytesOf("sealed result of PC01"), "result of PC01")
                        .ok());
        }
        clock_.advance(std::chrono::hours(26)); // both have waited more than a day
        controller_ = std::make_unique<ConsoleController>(
            ConsoleDataDir(path("centre") / "console"), clock_, loopbackLink());
        window_ = std::make_unique<ConsoleWindow>(*controller_, QSize(1200, 900));
    }

    void theCoordinatorSeesWhatWaitsAndTheWarning() {
        QVERIFY(window_->signInAndOpen(QString::fromStdString(kCoordinatorId),
                                       QString::fromStdString(kCoordinatorPin),
                                       QString::fromStdString(kCoordinatorPassword),
                                       QStringLiteral("openOutbox"), QStringLiteral("outbox")));
        QCOMPARE(text("waitingSummary"),
                 QStringLiteral("2 items waiting: 1 result-record, 1 problem-report"));
        QCOMPARE(text("oldestAge"), QStringLiteral("Oldest unsent item waiting for 1 d 2 h"));
        QVERIFY(item("overADayWarning")->isVisible());
        QCOMPARE(text("lastReceipt"), QStringLiteral("No receipt yet."));
        QVERIFY(item("receiverForm")->isVisible());
        QCOMPARE(text("receiverNow"),
                 QStringLiteral("No receiver is set up: nothing can be sent."));
    }

    void sendingBeforeAReceiverIsSetSaysSo() {
        click("sendNow");
        QTRY_VERIFY(!outbox().sending());
        QTRY_VERIFY(text("sendMessage").contains("receiver"));
        QCOMPARE(outbox().waitingCount(), 2);
    }

    void theCoordinatorSetsTheReceiverUp() {
        item("receiverHostField")->setProperty("text", "localhost");
        item("receiverKeyField")->setProperty("text", "not-a-key");
        click("saveReceiver");
        QVERIFY(text("receiverMessage").contains("hex digits"));
        QVERIFY(!controller_->outbox()->receiver().contains("host"));

        QTcpServer probe; // a port nothing listens on once the probe closes
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const auto port = probe.serverPort();
        probe.close();
        const auto key = receiverKeys_.publicKey;
        item("receiverPortField")->setProperty("text", QString::number(port));
        item("receiverKeyField")->setProperty("text", QString::fromStdString(crypto::toHex(key)));
        click("saveReceiver");
        QCOMPARE(text("receiverMessage"), QStringLiteral("Saved"));
        QCOMPARE(text("receiverNow"), QStringLiteral("Sending to localhost:%1").arg(port));
    }

    void sendingToAReceiverThatIsDownShowsTheFailureAndKeepsTheItems() {
        click("sendNow");
        QVERIFY(outbox().sending() || !outbox().outcomes().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!outbox().sending(), 60'000);
        QVERIFY2(text("sendMessage").contains("still waiting"), qPrintable(text("sendMessage")));
        const auto outcomes = outbox().outcomes();
        QVERIFY(!outcomes.isEmpty());
        for (const auto& outcome : outcomes) {
            QVERIFY2(!outcome.contains("delivered"), qPrintable(outcome));
        }
        QCOMPARE(outbox().waitingCount(), 2);
        QVERIFY(item("overADayWarning")->isVisible());
        QCOMPARE(text("lastReceipt"), QStringLiteral("No receipt yet."));
    }

    void theCoordinatorWritesTheOutboxToAUsbDrive() {
        QVERIFY(item("usbForm")->isVisible());
        QVERIFY(QDir().mkpath(dir_.filePath("usb"))); // the drive's mount point
        item("bundleDriveField")->setProperty("text", dir_.filePath("usb"));
        // Written and read back off the GUI thread: the click returns while it works (the
        // screen showing so, its buttons off) and the result comes back to the screen later.
        QStringList shown;
        const auto watching = connect(&outbox(), &OutboxController::changed, this, [&] {
            shown.append(outbox().writingBundle() ? "writing: " + outbox().bundleMessage()
                                                  : outbox().bundleMessage());
        });
        click("writeBundle");
        QTRY_VERIFY_WITH_TIMEOUT(!outbox().writingBundle(), 60'000);
        disconnect(watching);
        QVERIFY2(shown.value(0) == "writing: Writing the bundle and reading it back…",
                 qPrintable(shown.join(" | ")));
        QVERIFY(!item("bundleProgress")->isVisible());
        QVERIFY(item("writeBundle")->isEnabled());
        const auto message = text("bundleMessage");
        QVERIFY2(message.startsWith("written and verified: 2 items"), qPrintable(message));
        bundleFolder_ =
            message.section(QStringLiteral(" in "), 1).section(QStringLiteral(". "), 0, 0);
        QVERIFY2(bundleFolder_.startsWith(dir_.filePath("usb/C0451-")), qPrintable(bundleFolder_));
        QVERIFY(QFile::exists(bundleFolder_ + "/manifest.vbm"));
        QCOMPARE(outbox().waitingCount(), 2); // until the receipts come back
        QTest::qWait(100);
        QVERIFY(window_->screenshot(screenshotFolder(dir_), "console-outbox.png"));
    }

    void aForgedReceiptsFileClearsNothingAndTheReceiversClearsBoth() {
        // The receipts the receiver signs for this bundle (vigil-syncd import-bundle's code:
        // tst_console_outbox_bundle runs the binary itself).
        receiver::BundleReceipts receipts;
        receipts.centreId = kCentreId;
        for (const auto& entry : std::filesystem::directory_iterator(bundleFolder_.toStdString())) {
            const auto id = receiver::parseItemId(entry.path().filename().string());
            if (id) {
                receipts.receipts.push_back(
                    receiver::signReceipt(receiverKeys_, kCentreId, *id, clock_.wallNowMs()));
            }
        }
        QCOMPARE(receipts.receipts.size(), std::size_t(2));
        auto writeReceipts = [&](const QString& name, const crypto::SigningKeyPair& keys) {
            const auto signedFile = receiver::signBundleReceipts(receipts, keys);
            QFile file(dir_.filePath(name));
            if (!file.open(QIODevice::WriteOnly)) {
                return QString();
            }
            file.write(reinterpret_cast<const char*>(signedFile.data()),
                       static_cast<qint64>(signedFile.size()));
            return file.fileName();
        };
        item("receiptsFileField")
            ->setProperty("text",
                          writeReceipts("forged.receipts", crypto::generateSigningKeyPair()));
        click("importReceipts");
        QVERIFY2(text("bundleMessage").contains("refused and nothing was cleared"),
                 qPrintable(text("bundleMessage")));
        QCOMPARE(outbox().waitingCount(), 2);

        item("receiptsFileField")
            ->setProperty("text", writeReceipts("genuine.receipts", receiverKeys_));
        click("importReceipts");
        QCOMPARE(text("bundleMessage"),
                 QStringLiteral("Receipts imported: 2 cleared, 0 cleared before"));
        QCOMPARE(outbox().waitingCount(), 0);
        QCOMPARE(text("waitingSummary"), QStringLiteral("Nothing is waiting."));
        QVERIFY(text("lastReceipt").startsWith("Last receipt: "));
    }

    void anInvigilatorSeesTheOutboxButNotTheReceiverForm() {
        controller_->signOut();
        QTRY_COMPARE(controller_->screen(), QStringLiteral("signIn"));
        window_->signIn(QStringLiteral("INV-0042"), QStringLiteral("1357"),
                        QStringLiteral("INV-0042-password"));
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        click("openOutbox");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("outbox"));
        QCOMPARE(outbox().waitingCount(), 0);
        QVERIFY(!item("receiverForm")->isVisible());
        QVERIFY(!item("usbForm")->isVisible());
    }

    void cleanupTestCase() {
        window_.reset();
        controller_.reset();
    }
};

QTEST_MAIN(ConsoleOutboxScreenTest)
#include "tst_console_outbox_screen.moc"
