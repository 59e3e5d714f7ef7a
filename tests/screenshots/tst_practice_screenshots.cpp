// The practice seat's screens (PracticeMain.qml over the real Practice controller, with the
// practice sample quiz imported by the real QTI importer) rendered offscreen to
// $VIGIL_BUILD_DIR/screenshots-practice/practice-NN-name.png; scripts/update-screenshots.sh
// copies them to docs/screenshots with the kiosk's others. Each must be the window's size and
// show something.
#include "vigil/crypto/secure_buffer.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/practice_controller.h"

#include <QDir>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <memory>
#include <optional>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using vigil::kiosk::PracticeController;
using Screen = PracticeController::Screen;

namespace {

constexpr QSize kWindowSize{1280, 800};
constexpr int kMinimumDistinctColours = 24;
constexpr std::int64_t kNowMs = 1795426200000; // 2026-11-23 09:30 UTC

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); x += 2) {
            colours.insert(line[x]);
        }
    }
    return int(colours.size());
}

} // namespace

class TestPracticeScreenshots : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        const QByteArray buildDir = qgetenv("VIGIL_BUILD_DIR");
        QVERIFY2(!buildDir.isEmpty(), "VIGIL_BUILD_DIR is not set (run through ctest)");
        outDir_ = QDir(QString::fromLocal8Bit(buildDir)).filePath("screenshots-practice");
        QDir(outDir_).removeRecursively();
        QVERIFY(QDir().mkpath(outDir_));
        QVERIFY(temp_.isValid());

        auto imported = vigil::exam::importQtiPackage(VIGIL_PRACTICE_SAMPLE_DIR);
        QVERIFY(imported.assessment);
        vigil::kiosk::PracticeSet set;
        set.quizzes.push_back(
            {"practice/brakes.vseat", "Northfield Motor Training Centre", *imported.assessment});
        auto second = *imported.assessment;
        second.metadata.id = "MOT-PRACTICE-BT-02";
        second.metadata.title = "Practice: brakes and tyres, second set";
        set.quizzes.push_back(
            {"practice/brakes-2.vseat", "Northfield Motor Training Centre", std::move(second)});
        const auto migrations = vigil::kiosk::kioskMigrations();
        const auto key = vigil::crypto::SecureBuffer::random(vigil::store::Database::kKeyBytes);
        db_.emplace(vigil::store::Database::open(
            std::filesystem::path(temp_.path().toStdString()) / "kiosk.db", key, migrations,
            vigil::store::OpenMode::CreateIfMissing));
        clock_.setWall(kNowMs);
        practice_ = std::make_unique<PracticeController>(*db_, clock_, std::move(set),
                                                         QStringLiteral("PC11"));
        PracticeController::setInstance(practice_.get());
        startup_ = std::make_unique<vigil::kiosk::StartupStatus>(clock_, 60);
        engine_ = std::make_unique<QQmlApplicationEngine>();
        engine_->rootContext()->setContextProperty(QStringLiteral("Startup"), startup_.get());
        engine_->addImportPath(QStringLiteral("qrc:/"));
        engine_->addImageProvider(QLatin1String(vigil::kiosk::ItemImageProvider::kName),
                                  new vigil::kiosk::ItemImageProvider(practice_->mediaLibrary()));
        engine_->load(QUrl(QStringLiteral("qrc:/Vigil/Kiosk/PracticeMain.qml")));
        QCOMPARE(engine_->rootObjects().size(), 1);
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().constFirst());
        QVERIFY(window_);
        window_->resize(kWindowSize);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_));
    }

    void cleanupTestCase() {
        engine_.reset();
        startup_.reset();
        practice_.reset();
        db_.reset();
    }

    void everyPracticeScreen() {
        auto& p = *practice_;
        setText("nameField", QStringLiteral("Jordan Ellis"));
        setText("registrationField", QStringLiteral("AB123456"));
        shoot("sign-in", Screen::SignIn);
        QVERIFY(p.signIn(QStringLiteral("Jordan Ellis"), QStringLiteral("AB123456")));
        // One quiz already practised and passed, the other not yet.
        p.startQuiz(1);
        for (int question = 0; question < 4; ++question) {
            p.choose(question == 1 ? 2 : 1);
            if (question == 2) {
                p.choose(0);
            }
            p.next();
        }
        p.submit();
        p.backToQuizzes();
        shoot("quiz-list", Screen::Quizzes);

        p.startQuiz(0);
        p.choose(1);
        p.next();
        p.choose(0); // A: not right
        p.next();
        p.choose(0);
        p.choose(1);
        p.next();
        // The last question, left unanswered: its tread diagram and answers in rich text.
        shoot("question", Screen::Question);
        p.submit();
        shoot("feedback", Screen::Feedback);
        QCOMPARE(p.outcomeText().left(15), QStringLiteral("Needs more work"));

        // The candidate's own text size and colours: the diagram question at the largest text
        // in high contrast (the diagram on its light panel), the quiz list on a blue overlay.
        p.backToQuizzes();
        p.startQuiz(0);
        for (int question = 0; question < 3; ++question) {
            p.next();
        }
        auto& accessibility = *p.accessibility();
        accessibility.setTextSizeStep(2);
        accessibility.setTheme(vigil::kiosk::AccessibilitySettings::Theme::HighContrast);
        shoot("question-largest-high-contrast", Screen::Question);
        p.backToQuizzes();
        accessibility.setTextSizeStep(0);
        QVERIFY(accessibility.applyThemeName(QStringLiteral("overlay:blue")));
        shoot("quiz-list-blue-overlay", Screen::Quizzes);
        p.signOut();
    }

private:
    void setText(const char* objectName, const QString& text) {
        QObject* field = window_->findChild<QObject*>(QLatin1String(objectName));
        QVERIFY2(field, objectName);
        QVERIFY(field->setProperty("text", text));
    }

    void shoot(const char* name, Screen expected) {
        QCOMPARE(practice_->screen(), expected);
        QTest::qWait(100);
        QImage image = window_->grabWindow();
        for (int attempt = 0, unchanged = 0; attempt < 30 && unchanged < 4; ++attempt) {
            QTest::qWait(50);
            QImage next = window_->grabWindow();
            unchanged = next == image ? unchanged + 1 : 0;
            image = std::move(next);
        }
        QCOMPARE(image.size(), kWindowSize);
        QVERIFY2(distinctColours(image) > kMinimumDistinctColours, name);
        const QString file = QDir(outDir_).filePath(QStringLiteral("practice-%1-%2.png")
                                                        .arg(++count_, 2, 10, QLatin1Char('0'))
                                                        .arg(QLatin1String(name)));
        QVERIFY2(image.save(file, "PNG"), qPrintable(file));
    }

    QString outDir_;
    int count_ = 0;
    QTemporaryDir temp_;
    vigil::exam::ManualClock clock_;
    std::optional<vigil::store::Database> db_;
    std::unique_ptr<PracticeController> practice_;
    std::unique_ptr<vigil::kiosk::StartupStatus> startup_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
};

QTEST_MAIN(TestPracticeScreenshots)
#include "tst_practice_screenshots.moc"
