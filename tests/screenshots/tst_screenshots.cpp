// Every kiosk screen, reached through the real session over a sample seat (real store, sealed
// package, signed assignment) and rendered offscreen by the real QML to
// $VIGIL_BUILD_DIR/screenshots/NN-name.png. Each image must be the window's full size and show
// something: a screen that failed to load renders as one flat colour.
#include "session_harness.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <QDir>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using vigil::kiosk::AccessibilitySettings;
using vigil::kiosk::SessionController;
using vigil::kiosk::testing::SessionHarness;
using Screen = SessionController::Screen;

namespace {

constexpr QSize kWindowSize{1280, 800};
// A rendered screen has text (anti-aliased: many shades) on a background; a blank or failed
// one has a handful of colours at most.
constexpr int kMinimumDistinctColours = 24;

vigil::lockdown::CheckReport reportWithOneFinding() {
    vigil::lockdown::Finding finding;
    finding.kind = vigil::lockdown::FindingKind::DeniedProcess;
    finding.key = QStringLiteral("process:anydesk");
    finding.detail = QStringLiteral("pid 812 anydesk (/usr/bin/anydesk)");
    finding.message = QStringLiteral("AnyDesk (remote control software) is running.");
    return vigil::lockdown::CheckReport({finding});
}

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

// Renders one screen; the test stops at the first screen that fails.
#define SHOOT(name, screen)                                                                        \
    do {                                                                                           \
        shoot(name, screen);                                                                       \
        if (QTest::currentTestFailed()) {                                                          \
            return;                                                                                \
        }                                                                                          \
    } while (false)

class TestScreenshots : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        const QByteArray buildDir = qgetenv("VIGIL_BUILD_DIR");
        QVERIFY2(!buildDir.isEmpty(), "VIGIL_BUILD_DIR is not set (run through ctest)");
        outDir_ = QDir(QString::fromLocal8Bit(buildDir)).filePath(QStringLiteral("screenshots"));
        QDir(outDir_).removeRecursively();
        QVERIFY(QDir().mkpath(outDir_));

        harness_ = std::make_unique<SessionHarness>(vigil::kiosk::testing::SampleOptions{},
                                                    reportWithOneFinding);
        // Start-up went well: the window shows the session's screens, as KioskRuntime's does.
        startup_ = std::make_unique<vigil::kiosk::StartupStatus>(harness_->clock(), 60);
        engine_ = std::make_unique<QQmlApplicationEngine>();
        engine_->rootContext()->setContextProperty(QStringLiteral("Startup"), startup_.get());
        engine_->addImportPath(QStringLiteral("qrc:/"));
        engine_->addImageProvider(
            QLatin1String(vigil::kiosk::ItemImageProvider::kName),
            new vigil::kiosk::ItemImageProvider(harness_->session().mediaLibrary()));
        engine_->load(QUrl(QStringLiteral("qrc:/Vigil/Kiosk/Main.qml")));
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
        harness_.reset();
    }

    void everyScreen() {
        auto& s = harness_->session();
        SHOOT("locked", Screen::Locked);

        s.beginLogin();
        setText("pinField", QStringLiteral("4829"));
        if (QTest::currentTestFailed()) {
            return;
        }
        SHOOT("login", Screen::Login);

        QVERIFY(harness_->loginAsInvigilator());
        SHOOT("machine-check", Screen::MachineCheck);
        QVERIFY(s.overrideFinding(QStringLiteral("process:anydesk"),
                                  QStringLiteral("Centre IT: AnyDesk service disabled for exams")));
        s.continueAfterMachineCheck();
        SHOOT("confirm-candidate", Screen::Confirm);

        s.confirmCandidate();
        SHOOT("instructions", Screen::Instructions);

        s.start();
        s.setChoice(QStringLiteral("A"), true);
        SHOOT("question", Screen::Question);

        goToQuestionWithDiagram();
        if (QTest::currentTestFailed()) {
            return;
        }
        s.setChoice(QStringLiteral("A"), true);
        s.setChoice(QStringLiteral("B"), true);
        SHOOT("question-diagram", Screen::Question);

        s.toggleFlag();
        QVERIFY(s.currentFlagged());
        SHOOT("question-flagged-palette", Screen::Question);

        QObject* questionScreen = window_->findChild<QObject*>(QStringLiteral("questionScreen"));
        QVERIFY(questionScreen);
        QVERIFY(questionScreen->setProperty("calculatorOpen", true));
        SHOOT("calculator", Screen::Question);
        QVERIFY(questionScreen->setProperty("calculatorOpen", false));

        s.openReview();
        SHOOT("review", Screen::Review);
        s.closeReview();

        s.beginPause();
        QVERIFY(harness_->loginAsInvigilator());
        SHOOT("paused", Screen::Paused);
        s.beginResumeFromPause();
        QVERIFY(harness_->loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Question);

        auto* settings = s.accessibility();
        settings->setTheme(AccessibilitySettings::Theme::HighContrast);
        SHOOT("high-contrast", Screen::Question);
        QVERIFY(settings->applyThemeName(QStringLiteral("overlay:lilac")));
        SHOOT("overlay-lilac", Screen::Question);
        settings->setTheme(AccessibilitySettings::Theme::Standard);
        settings->setTextSizeStep(2);
        SHOOT("large-text", Screen::Question);
        settings->setTextSizeStep(0);

        // Screen-reader support from the assignment: the focused control's ring is wider.
        auto* focused = window_->activeFocusItem();
        QVERIFY(focused);
        const int normalRing = focusRingWidthOf(focused);
        settings->setScreenReader(true);
        SHOOT("screen-reader-focus", Screen::Question);
        QCOMPARE(focusRingWidthOf(window_->activeFocusItem()), settings->focusRingWidth());
        QVERIFY(settings->focusRingWidth() > normalRing);
        settings->setScreenReader(false);

        // The candidate answers the rest (the sample's key is always A, or A and B).
        for (int i = 0; i < s.questionCount(); ++i) {
            s.goTo(i);
            if (!s.multipleResponse()) {
                s.setChoice(QStringLiteral("A"), true);
            }
        }
        s.requestSubmit();
        SHOOT("submit-confirm", Screen::SubmitConfirm);
        s.confirmSubmit();
        SHOOT("submit-confirm-final", Screen::SubmitConfirm);
        s.confirmSubmit();
        SHOOT("result", Screen::Result);
    }

private:
    void goToQuestionWithDiagram() {
        auto& s = harness_->session();
        for (int i = 0; i < s.questionCount(); ++i) {
            s.goTo(i);
            if (s.questionText().contains(QLatin1String("<img"))) {
                return;
            }
        }
        QFAIL("no question with a diagram");
    }

    // The border width of a KButton's background (its focus ring while it has focus).
    static int focusRingWidthOf(QQuickItem* button) {
        auto* background = button->property("background").value<QQuickItem*>();
        auto* border = background ? background->property("border").value<QObject*>() : nullptr;
        return border ? border->property("width").toInt() : -1;
    }

    void setText(const char* objectName, const QString& text) {
        QObject* field = window_->findChild<QObject*>(QLatin1String(objectName));
        QVERIFY2(field, objectName);
        QVERIFY(field->setProperty("text", text));
    }

    void shoot(const char* name, Screen expected) {
        QCOMPARE(harness_->session().screen(), expected);
        // Let the loader, bindings and any image request settle, then render.
        QTest::qWait(100);
        const QImage image = window_->grabWindow();
        QVERIFY2(!image.isNull(), name);
        QCOMPARE(image.size(), kWindowSize);
        const int colours = distinctColours(image);
        QVERIFY2(colours > kMinimumDistinctColours,
                 qPrintable(QStringLiteral("%1 looks blank: %2 colours")
                                .arg(QLatin1String(name))
                                .arg(colours)));
        const QString file = QDir(outDir_).filePath(QStringLiteral("%1-%2.png")
                                                        .arg(++count_, 2, 10, QLatin1Char('0'))
                                                        .arg(QLatin1String(name)));
        QVERIFY2(image.save(file, "PNG"), qPrintable(file));
    }

    QString outDir_;
    int count_ = 0;
    std::unique_ptr<SessionHarness> harness_;
    std::unique_ptr<vigil::kiosk::StartupStatus> startup_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
