// "Get packages from the awarding body" clicked on the Outbox screen, offscreen, over a real
// console and vigil-syncd's real HTTPS server (embedded store) on loopback: the screen shows
// the run's progress, then a line per package (imported, refused with its reason) and the
// summary; clicked again, nothing changes.
#include "../console/live_fixture.h"
#include "console_controller.h"
#include "fixture/console_window.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/package_service.h"

#include <QQuickItem>
#include <QQuickStyle>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

class ConsolePackagesScreenTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<receiver::EmbeddedReceiverStore> receiverStore_;
    std::unique_ptr<receiver::UploadService> upload_;
    std::unique_ptr<receiver::HttpsServer> server_;
    std::unique_ptr<ConsoleController> controller_;
    std::unique_ptr<ConsoleWindow> window_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    // The items of that objectName on the window, in the visual tree's order.
    QList<QQuickItem*> items(const QString& name) {
        QList<QQuickItem*> found;
        QList<QQuickItem*> left{window_->window()->contentItem()};
        while (!left.isEmpty()) {
            auto* next = left.takeFirst();
            if (next->objectName() == name) {
                found.append(next);
            }
            left = next->childItems() + left;
        }
        return found;
    }
    QString text(const QString& name) { return window_->text(name); }
    void click(const QString& name) { window_->click(name); }
    QStringList outcomesShown() {
        QStringList lines;
        for (auto* line : items("packageOutcome")) {
            lines.append(line->property("text").toString());
        }
        return lines;
    }

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        receiverStore_ = receiver::EmbeddedReceiverStore::open(
            path("syncd.db"), crypto::SecureBuffer::random(store::Database::kKeyBytes));
        upload_ = std::make_unique<receiver::UploadService>(*receiverStore_, receiverKeys_);
        server_ = std::make_unique<receiver::HttpsServer>(*upload_, receiverKeys_,
                                                          receiver::ServerOptions{});
        const auto port = server_->start().value();
        {
            // The centre, its receiver set up, and the awarding body's two packages for it: one
            // sealed to it, one altered on the way.
            LiveConsole prepared(path("centre"), clock_);
            auto& service = prepared.service();
            receiverStore_->registerCentre({"C0451", service.centre().signingKeys().publicKey});
            QVERIFY(service
                        .setReceiver(prepared.coordinator(),
                                     {"localhost", port, receiverKeys_.publicKey})
                        .ok());
            const std::vector<exam::PackageRecipient> us{
                {"C0451", service.centre().boxKeys().publicKey}};
            const auto good = exam::buildPackage(smallAssessment("LV3-ENGINES-2026A", false),
                                                 prepared.awardingBody(), us)
                                  .value();
            auto altered = exam::buildPackage(smallAssessment("LV3-CLUTCH-2026A", false),
                                              prepared.awardingBody(), us)
                               .value();
            const auto layout = exam::locatePackageRegions(altered).value();
            altered[layout.metadata.offset + 4] ^= 0x01;
            receiver::PackageService packages(*receiverStore_);
            QVERIFY(packages.publish("C0451", good).ok());
            QVERIFY(packages.publish("C0451", altered).ok());
        }
        controller_ = std::make_unique<ConsoleController>(
            ConsoleDataDir(path("centre") / "console"), clock_, loopbackLink());
        window_ = std::make_unique<ConsoleWindow>(*controller_, QSize(1200, 900));
        QVERIFY(window_->signInAndOpen(QString::fromStdString(kCoordinatorId),
                                       QString::fromStdString(kCoordinatorPin),
                                       QString::fromStdString(kCoordinatorPassword),
                                       QStringLiteral("openOutbox"), QStringLiteral("outbox")));
    }

    void theCoordinatorGetsThePackagesAndSeesEachOutcome() {
        auto& outbox = *controller_->outbox();
        QStringList shown; // what the screen was told, in order
        const auto watching = connect(&outbox, &OutboxController::changed, this,
                                      [&] { shown.append(outbox.packagesMessage()); });
        QCOMPARE(text("fetchPackages"), QStringLiteral("Get packages from the awarding body"));
        click("fetchPackages");
        QTRY_VERIFY_WITH_TIMEOUT(!outbox.fetchingPackages(), 60'000);
        disconnect(watching);
        // The run was shown as running before its result: the click did not wait for it.
        QCOMPARE(shown.value(0), QStringLiteral("Getting packages…"));
        QCOMPARE(text("packagesMessage"),
                 QStringLiteral("1 imported, 0 already held, 1 refused, 0 not fetched"));
        const auto lines = outcomesShown().join("\n");
        QVERIFY2(lines.contains("imported LV3-ENGINES-2026A 2026.1"), qPrintable(lines));
        QVERIFY2(lines.contains("refused: this file is not an assessment package signed"),
                 qPrintable(lines));
        QVERIFY2(lines.contains("altered or damaged"), qPrintable(lines));

        click("fetchPackages");
        QTRY_VERIFY_WITH_TIMEOUT(!outbox.fetchingPackages(), 60'000);
        QTRY_COMPARE(text("packagesMessage"),
                     QStringLiteral("0 imported, 1 already held, 1 refused, 0 not fetched"));
    }

    void cleanupTestCase() {
        window_.reset();
        controller_.reset();
        server_.reset();
    }
};

QTEST_MAIN(ConsolePackagesScreenTest)
#include "tst_console_packages_screen.moc"
