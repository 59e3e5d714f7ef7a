// The Qt Quick Test runner for the kiosk's screens. Each tst_*.qml runs in its own process
// (one CTest entry each) with a fresh sample seat: a real SessionController over a temporary
// encrypted store, a sealed package and a signed seat assignment made by exam/ and crypto/.
#include "session_harness.h"
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/practice_controller.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>
#include <chrono>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using vigil::kiosk::testing::SessionHarness;

// What a QML test may do beyond clicking: move the session's clock, read what is on disk.
class Harness : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString pin READ pin CONSTANT)
    Q_PROPERTY(QString password READ password CONSTANT)

public:
    Harness(SessionHarness& harness, std::shared_ptr<vigil::lockdown::CheckReport> nextCheck)
        : harness_(harness)
        , nextCheck_(std::move(nextCheck)) {}
    QString pin() const { return QString::fromLatin1(vigil::kiosk::testing::kSamplePin); }
    QString password() const { return QString::fromLatin1(vigil::kiosk::testing::kSamplePassword); }
    Q_INVOKABLE void advanceClock(int seconds) {
        harness_.clock().advance(std::chrono::seconds(seconds));
        harness_.session().tick();
    }
    Q_INVOKABLE bool dataDirContains(const QString& text) const {
        return vigil::kiosk::testing::anyFileContains(harness_.seat().dataDir, text.toStdString());
    }
    // The next machine check (at the next invigilator login that starts a sitting) finds a
    // denied program running.
    Q_INVOKABLE void machineCheckFinds(const QString& program, const QString& message) {
        vigil::lockdown::Finding finding;
        finding.kind = vigil::lockdown::FindingKind::DeniedProcess;
        finding.key = QStringLiteral("process:") + program;
        finding.detail = QStringLiteral("pid 4242 ") + program;
        finding.message = message;
        *nextCheck_ = vigil::lockdown::CheckReport({finding});
    }
    // What the sitting monitor reports when, e.g., the kiosk window loses focus.
    Q_INVOKABLE void monitorFinds(const QString& key, const QString& message) {
        harness_.session().recordMonitorFinding(key, message);
    }
    // The kinds of the journal's events whose kind starts with `prefix`, in order.
    Q_INVOKABLE QStringList journalKinds(const QString& prefix) const {
        auto query = harness_.db().prepare(
            "SELECT kind FROM sitting_events WHERE kind LIKE ? ORDER BY sitting_id, sequence");
        query.bind(1, prefix.toStdString() + "%");
        QStringList kinds;
        while (query.step()) {
            kinds << QString::fromStdString(query.text(0));
        }
        return kinds;
    }
    Q_INVOKABLE int logCount(const QString& kind) const {
        return int(vigil::kiosk::KioskLog(harness_.db()).entries(kind.toStdString()).size());
    }
    // Rows of a store table: practice must write practice_attempts and nothing a sitting has.
    Q_INVOKABLE int rowCount(const QString& table) const {
        auto query = harness_.db().prepare("SELECT COUNT(*) FROM " + table.toStdString());
        query.step();
        return int(query.int64(0));
    }

private:
    SessionHarness& harness_;
    std::shared_ptr<vigil::lockdown::CheckReport> nextCheck_;
};

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        auto nextCheck = std::make_shared<vigil::lockdown::CheckReport>();
        // A test may sit a QTI sample paper (VIGIL_QML_QTI_PACKAGE, set by tests/qml's CMake)
        // instead of the synthetic sample.
        const QString package = qEnvironmentVariable("VIGIL_QML_QTI_PACKAGE");
        if (!package.isEmpty()) {
            const auto imported = vigil::exam::importQtiPackage(package.toStdString());
            if (!imported.assessment) {
                qFatal("%s does not import", qPrintable(package));
            }
            harness_ = std::make_unique<SessionHarness>(*imported.assessment,
                                                        vigil::kiosk::testing::sampleSeatOptions(),
                                                        [nextCheck] { return *nextCheck; });
        } else {
            harness_ = std::make_unique<SessionHarness>(vigil::kiosk::testing::SampleOptions{},
                                                        [nextCheck] { return *nextCheck; });
        }
        // A practice seat (VIGIL_QML_PRACTICE_PACKAGE): the Practice singleton over the same
        // store, with that QTI practice quiz as its set.
        const QString practicePackage = qEnvironmentVariable("VIGIL_QML_PRACTICE_PACKAGE");
        if (!practicePackage.isEmpty()) {
            auto imported = vigil::exam::importQtiPackage(practicePackage.toStdString());
            if (!imported.assessment) {
                qFatal("%s does not import", qPrintable(practicePackage));
            }
            vigil::kiosk::PracticeSet set;
            set.quizzes.push_back({"practice/brakes.vseat", "Northfield Motor Training Centre",
                                   std::move(*imported.assessment)});
            set.refused.push_back({"practice/mot-g2.vseat",
                                   vigil::kiosk::StartupFailure::PackageWrongKind,
                                   QStringLiteral("This package is an invigilated assessment: it "
                                                  "can never be taken as practice.")});
            practice_ = std::make_unique<vigil::kiosk::PracticeController>(
                harness_->db(), harness_->clock(), std::move(set), QStringLiteral("PC07"));
            vigil::kiosk::PracticeController::setInstance(practice_.get());
        }
        bridge_ = std::make_unique<Harness>(*harness_, nextCheck);
        engine->addImportPath(QStringLiteral("qrc:/"));
        // A practice seat's screens ask for the practice quiz's images, as on the real seat.
        engine->addImageProvider(
            QLatin1String(vigil::kiosk::ItemImageProvider::kName),
            new vigil::kiosk::ItemImageProvider(practice_ ? practice_->mediaLibrary()
                                                          : harness_->session().mediaLibrary()));
        engine->rootContext()->setContextProperty(QStringLiteral("harness"), bridge_.get());
    }
    void cleanupTestCase() {
        bridge_.reset();
        practice_.reset();
        harness_.reset();
    }

private:
    std::unique_ptr<vigil::kiosk::PracticeController> practice_;
    std::unique_ptr<SessionHarness> harness_;
    std::unique_ptr<Harness> bridge_;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)
#include "kiosk_qml_tests.moc"
