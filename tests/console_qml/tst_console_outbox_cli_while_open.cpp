// The reported stale read: `vigil-console import-receipts FILE` run from the command line (the
// real binary, its own process) on the data folder of a console app that is open on its Outbox
// screen. The open console's own store connection must read what the other process committed,
// and the screen, left open, must stop showing the cleared items as waiting.
#include "../console/live_fixture.h"
#include "console_controller.h"
#include "fixture/console_window.h"
#include "vigil/receiver/bundle_receipts.h"

#include <QProcess>
#include <QQuickItem>
#include <QQuickStyle>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

namespace {
std::vector<std::uint8_t> bytesOf(const std::string& text) {
    return {text.begin(), text.end()};
}
} // namespace

class ConsoleOutboxCliWhileOpenTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::vector<std::vector<std::uint8_t>> queued_{bytesOf("sealed result of PC01"),
                                                   bytesOf("sealed result of PC02")};
    std::unique_ptr<ConsoleController> controller_;
    std::unique_ptr<ConsoleWindow> window_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    QQuickItem* item(const QString& name) { return window_->item(name); }
    void click(const QString& name) { window_->click(name); }

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        {
            LiveConsole prepared(path("centre"), clock_);
            QVERIFY(prepared.service()
                        .setReceiver(prepared.coordinator(),
                                     {"localhost", 8443, receiverKeys_.publicKey})
                        .ok());
            for (const auto& bytes : queued_) {
                QVERIFY(prepared.service()
                            .queueItem(receiver::ItemKind::ResultRecord, bytes, "a result")
                            .ok());
            }
        }
        controller_ = std::make_unique<ConsoleController>(
            ConsoleDataDir(path("centre") / "console"), clock_, loopbackLink());
        window_ = std::make_unique<ConsoleWindow>(*controller_, QSize(1200, 900));
        QVERIFY(window_->signInAndOpen(QString::fromStdString(kCoordinatorId),
                                       QString::fromStdString(kCoordinatorPin),
                                       QString::fromStdString(kCoordinatorPassword),
                                       QStringLiteral("openOutbox"), QStringLiteral("outbox")));
    }

    void receiptsImportedByTheCommandLineClearTheOpenConsolesOutbox() {
        QCOMPARE(controller_->outbox()->waitingCount(), 2);
        QCOMPARE(item("waitingSummary")->property("text").toString(),
                 QStringLiteral("2 items waiting: 2 result-record"));

        // The receiver's receipts file for both items, imported by the real command line.
        receiver::BundleReceipts receipts;
        receipts.centreId = kCentreId;
        for (const auto& bytes : queued_) {
            receipts.receipts.push_back(receiver::signReceipt(
                receiverKeys_, kCentreId, receiver::itemIdOf(bytes), clock_.wallNowMs()));
        }
        const auto signedFile = receiver::signBundleReceipts(receipts, receiverKeys_);
        QFile file(dir_.filePath("bundle.receipts"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(reinterpret_cast<const char*>(signedFile.data()),
                   static_cast<qint64>(signedFile.size()));
        file.close();
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("VIGIL_PIN_COORD_1", QString::fromStdString(kCoordinatorPin));
        env.insert("VIGIL_PASSWORD_COORD_1", QString::fromStdString(kCoordinatorPassword));
        QProcess cli;
        cli.setProcessEnvironment(env);
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(qEnvironmentVariable("VIGIL_CONSOLE_BINARY"),
                  {"import-receipts", "--data-dir",
                   QString::fromStdString((path("centre") / "console").string()), "--user",
                   QString::fromStdString(kCoordinatorId), file.fileName()});
        QVERIFY(cli.waitForFinished(120'000));
        const auto said = QString::fromUtf8(cli.readAll());
        QVERIFY2(cli.exitCode() == 0 && said.contains("2 items cleared"), qPrintable(said));

        // The screen, left open, follows what the other process did...
        QTRY_COMPARE_WITH_TIMEOUT(item("waitingSummary")->property("text").toString(),
                                  QStringLiteral("Nothing is waiting."), 30'000);
        QCOMPARE(controller_->outbox()->waitingCount(), 0);
        QVERIFY(!controller_->outbox()->lastReceipt().isEmpty());
        // ... and shown again it reads the same from the open connection.
        click("navHome");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        click("openOutbox");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("outbox"));
        QCOMPARE(controller_->outbox()->waitingCount(), 0);
    }

    void cleanupTestCase() {
        window_.reset();
        controller_.reset();
    }
};

QTEST_MAIN(ConsoleOutboxCliWhileOpenTest)
#include "tst_console_outbox_cli_while_open.moc"
