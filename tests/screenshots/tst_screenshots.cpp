// Every kiosk screen, reached through the real session over a seat of the real MOT sample
// assessment (imported by the real QTI importer; real store, sealed package, signed assignment)
// and rendered offscreen by the real QML to $VIGIL_BUILD_DIR/screenshots/NN-name.png. Each
// image must be the window's full size and show something: a screen that failed to load
// renders as one flat colour.
#include "session_harness.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/console_link.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/sync/console_hub.h"

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

using vigil::kiosk::AccessibilitySettings;
using vigil::kiosk::SessionController;
using vigil::kiosk::testing::SessionHarness;
using Screen = SessionController::Screen;

namespace {

constexpr QSize kWindowSize{1280, 800};
// The README's pictures change only when the kiosk does: the same item order (the sitting
// seed) and the same clock (09:30 UTC on the session date; ctest sets TZ=UTC) every run.
constexpr std::uint64_t kSittingSeed = 20261123;
constexpr std::int64_t kIssuedAtMs = 1795426200000 - 60'000; // 2026-11-23 09:29 UTC
// A rendered screen has text (anti-aliased: many shades) on a background; a blank or failed
// one has a handful of colours at most.
constexpr int kMinimumDistinctColours = 24;
// A screen has settled when this many frames 50 ms apart came out the same as the one before
// (a fading scroll bar changes by less than a colour step in some 50 ms); a blinking text
// cursor never settles, so it is shot after kMaxSettleAttempts frames.
constexpr int kSettledFrames = 4;
constexpr int kMaxSettleAttempts = 30;
// The kiosk's own key (so its fingerprint) and the console's port are fixed for the picture of
// the Locked screen with the link; the port falls back to any free one when it is taken.
constexpr std::uint8_t kKioskKeySeedByte = 0x5e;
constexpr std::uint16_t kConsolePort = 7443;

vigil::lockdown::CheckReport reportWithOneFinding() {
    vigil::lockdown::Finding finding;
    finding.kind = vigil::lockdown::FindingKind::DeniedProcess;
    finding.key = QStringLiteral("process:anydesk");
    finding.detail = QStringLiteral("pid 812 anydesk (/usr/bin/anydesk)");
    finding.message = QStringLiteral("AnyDesk (remote control software) is running.");
    return vigil::lockdown::CheckReport({finding});
}

// The MOT sample as the QTI importer reads it. It bans the calculator; the screenshots' copy
// allows it so the calculator can be shown, everything else is as authored.
std::optional<vigil::exam::Assessment> motSample(QString* problems) {
    auto imported = vigil::exam::importQtiPackage(VIGIL_MOT_SAMPLE_DIR);
    for (const auto& problem : imported.problems) {
        problems->append(QString::fromStdString(vigil::exam::formatProblem(problem) + "\n"));
    }
    if (imported.assessment) {
        imported.assessment->metadata.calculatorAllowed = true;
    }
    return imported.assessment;
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

        QString problems;
        const auto assessment = motSample(&problems);
        QVERIFY2(assessment, qPrintable(problems));
        auto seat = vigil::kiosk::testing::sampleSeatOptions();
        seat.sittingSeed = kSittingSeed;
        seat.issuedAtMs = kIssuedAtMs;
        // A fixed kiosk key, so the fingerprint on the Locked screen is the same every run.
        seat.kioskSeed.assign(32, kKioskKeySeedByte);
        harness_ = std::make_unique<SessionHarness>(*assessment, seat, reportWithOneFinding);
        // The screens see this link (unlinked until the last picture) as the runtime's.
        vigil::kiosk::ConsoleLink::setInstance(&link_);
        auto& s = harness_->session();
        QCOMPARE(s.assessmentTitle(), QString::fromStdString(assessment->metadata.title));
        QCOMPARE(s.assessmentCode(),
                 QString::fromStdString(assessment->metadata.qualificationCode));
        QCOMPARE(s.durationMinutes(), int(assessment->metadata.durationSeconds / 60));
        QCOMPARE(s.questionCount(), int(assessment->items.size()));
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
        link_.stop();
        if (hub_) {
            hub_->stop();
        }
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
        answerWithKey();
        if (QTest::currentTestFailed()) {
            return;
        }
        SHOOT("question", Screen::Question);

        goToQuestionWithDiagram();
        if (QTest::currentTestFailed()) {
            return;
        }
        answerWithKey();
        if (QTest::currentTestFailed()) {
            return;
        }
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

        // The sitting monitor sees the window lose focus: the strip tells the invigilator, who
        // reads the seat's events with the sitting paused.
        s.recordMonitorFinding(QStringLiteral("focus:lost"),
                               QStringLiteral("The assessment window lost the focus."));
        QCOMPARE(s.pendingIncidents(), 1);
        SHOOT("incident-strip", Screen::Question);
        s.beginIncidentReview();
        QVERIFY(harness_->loginAsInvigilator());
        SHOOT("incidents", Screen::Incidents);
        s.acknowledgeIncidents();
        QCOMPARE(s.screen(), Screen::Question);

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

        // The candidate answers the rest as the key says.
        for (int i = 0; i < s.questionCount(); ++i) {
            s.goTo(i);
            vigil::kiosk::testing::waitForQuestion(s);
            answerWithKey();
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        QCOMPARE(s.unansweredCount(), 0);

        // The MOT paper allows its inspection manual: the panel beside the question, a word
        // searched and its results highlighted.
        auto* reference = s.reference();
        QVERIFY(reference->available());
        reference->setOpen(true);
        reference->search(QStringLiteral("tread"));
        QCOMPARE(reference->resultCount(), 3);
        SHOOT("reference-material", Screen::Question);
        // The paper's second document, HTML with a diagram, reflowed into the panel; then at
        // the largest text size on the high-contrast theme, where it still fits beside the
        // question. Lettered after the manual's picture, so the pictures after it keep their
        // numbers.
        reference->chooseDocument(1);
        reference->search(QStringLiteral("lamp"));
        QVERIFY(reference->resultCount() > 0);
        shootAs(QStringLiteral("%1b-reference-html").arg(count_, 2, 10, QLatin1Char('0')),
                Screen::Question);
        if (QTest::currentTestFailed()) {
            return;
        }
        settings->setTextSizeStep(AccessibilitySettings::kTextSizeSteps - 1);
        settings->setTheme(AccessibilitySettings::Theme::HighContrast);
        shootAs(QStringLiteral("%1c-reference-largest-text").arg(count_, 2, 10, QLatin1Char('0')),
                Screen::Question);
        if (QTest::currentTestFailed()) {
            return;
        }
        settings->setTextSizeStep(0);
        settings->setTheme(AccessibilitySettings::Theme::Standard);
        reference->chooseDocument(0);
        reference->setOpen(false);

        s.requestSubmit();
        SHOOT("submit-confirm", Screen::SubmitConfirm);
        s.confirmSubmit();
        SHOOT("submit-confirm-final", Screen::SubmitConfirm);
        s.confirmSubmit();
        SHOOT("result", Screen::Result);
        QVERIFY(s.passed());
    }

    // The Locked screen of a kiosk whose seat.conf names a console, enrolled by its fingerprint
    // on a console (the ConsoleHub, on loopback).
    void lockedScreenWithTheConsoleLink() {
        auto& s = harness_->session();
        s.finish();
        QCOMPARE(s.screen(), Screen::Locked);
        const auto& seat = harness_->seat();
        const vigil::store::Migration migrations[] = {
            {1, vigil::sync::EnrolmentRegistry::schemaSql()},
            {2, vigil::sync::JournalReplica::schemaSql()}};
        QVERIFY(consoleDir_.isValid());
        consoleDb_.emplace(vigil::store::Database::open(
            consoleDir_.filePath(QStringLiteral("console.db")).toStdString(),
            vigil::crypto::SecureBuffer::random(32), migrations));
        vigil::sync::ConsoleHubOptions options;
        options.centreId = seat.assignment.centreId;
        options.consoleName = "Workshop 2 console";
        hub_ = std::make_unique<vigil::sync::ConsoleHub>(*consoleDb_, seat.issuer, options);
        auto bound = hub_->listen("127.0.0.1", kConsolePort);
        if (!bound.ok()) {
            bound = hub_->listen("127.0.0.1", 0);
        }
        QVERIFY(bound.ok());

        const vigil::kiosk::DataDir dir(seat.dataDir);
        const auto storeKey = dir.openStoreKey();
        auto kioskKeys = vigil::crypto::loadSigningKeyPair(seat.dataDir / "kiosk-signing.key");
        QVERIFY(kioskKeys.ok());
        vigil::kiosk::ConsoleLink::Setup setup;
        setup.storeFile = dir.storeFile();
        setup.storeKey = &storeKey.key;
        setup.kioskKeys = &kioskKeys.value();
        setup.consoleKey = seat.issuer.publicKey;
        setup.address = {"127.0.0.1", bound.value()};
        setup.centreId = seat.assignment.centreId;
        setup.seat = seat.assignment.seatLabel;
        link_.start(setup);
        link_.follow(s);
        QVERIFY(QTest::qWaitFor([&] { return !hub_->waiting().empty(); }, 15'000));
        QVERIFY(
            hub_->enrol(seat.assignment.seatLabel, link_.fingerprint().toStdString(), "CC-1").ok());
        QVERIFY(
            QTest::qWaitFor([&] { return link_.standing() == QLatin1String("enrolled"); }, 15'000));
        SHOOT("locked-console-link", Screen::Locked);
    }

private:
    void goToQuestionWithDiagram() {
        auto& s = harness_->session();
        for (int i = 0; i < s.questionCount(); ++i) {
            s.goTo(i);
            vigil::kiosk::testing::waitForQuestion(s);
            if (s.questionText().contains(QLatin1String("<img"))) {
                return;
            }
        }
        QFAIL("no question with a diagram");
    }

    // The item on screen is the one whose stem (up to any image, whose address the session
    // rewrites) and prompt the question text holds.
    const vigil::exam::Item* itemOnScreen() {
        const QString text = harness_->session().questionText();
        const vigil::exam::Item* found = nullptr;
        for (const auto& item : harness_->seat().assessment.items) {
            const auto stem = item.bodyHtml.substr(0, item.bodyHtml.find("<img"));
            if (text.contains(QString::fromStdString(stem)) &&
                text.contains(QString::fromStdString(item.promptHtml))) {
                if (found) {
                    return nullptr;
                }
                found = &item;
            }
        }
        return found;
    }

    void answerWithKey() {
        const auto* item = itemOnScreen();
        QVERIFY2(item, "the question on screen matches no single item of the sample");
        for (const auto& choice : item->correctResponse) {
            harness_->session().setChoice(QString::fromStdString(choice), true);
        }
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
        shootAs(
            QStringLiteral("%1-%2").arg(++count_, 2, 10, QLatin1Char('0')).arg(QLatin1String(name)),
            expected);
    }

    // Renders the window to <stem>.png in the screenshots folder.
    void shootAs(const QString& stem, Screen expected) {
        const QByteArray nameBytes = stem.toUtf8();
        const char* name = nameBytes.constData();
        QCOMPARE(harness_->session().screen(), expected);
        // Let the loader, bindings and any image request settle, then render until two frames
        // agree: a scroll bar fading in must not make the picture depend on the machine's speed.
        QTest::qWait(100);
        QImage image = window_->grabWindow();
        int unchanged = 0;
        for (int attempt = 0; attempt < kMaxSettleAttempts && unchanged < kSettledFrames;
             ++attempt) {
            QTest::qWait(50);
            QImage next = window_->grabWindow();
            unchanged = next == image ? unchanged + 1 : 0;
            image = std::move(next);
        }
        QVERIFY2(!image.isNull(), name);
        QCOMPARE(image.size(), kWindowSize);
        const int colours = distinctColours(image);
        QVERIFY2(colours > kMinimumDistinctColours,
                 qPrintable(QStringLiteral("%1 looks blank: %2 colours")
                                .arg(QLatin1String(name))
                                .arg(colours)));
        const QString file = QDir(outDir_).filePath(stem + QStringLiteral(".png"));
        QVERIFY2(image.save(file, "PNG"), qPrintable(file));
    }

    QString outDir_;
    int count_ = 0;
    QTemporaryDir consoleDir_;
    std::optional<vigil::store::Database> consoleDb_;
    std::unique_ptr<vigil::sync::ConsoleHub> hub_;
    vigil::kiosk::ConsoleLink link_{nullptr};
    std::unique_ptr<SessionHarness> harness_;
    std::unique_ptr<vigil::kiosk::StartupStatus> startup_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
