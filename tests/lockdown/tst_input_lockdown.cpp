#include "vigil/lockdown/input_lockdown.h"
#include "vigil/lockdown/standard_steps.h"
#include "vigil/lockdown/step_sequence.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QShortcut>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using namespace vigil::lockdown;

namespace {

// A window that records the keys that reach it, as the kiosk's QML would see them.
class RecordingWindow final : public QWindow {
public:
    QList<QKeyCombination> pressed;

protected:
    void keyPressEvent(QKeyEvent* event) override {
        // QTest presses the modifiers of a combination first: those are not what we look for.
        const int key = event->key();
        if (key == Qt::Key_Control || key == Qt::Key_Alt || key == Qt::Key_Shift)
            return;
        pressed.append(event->keyCombination());
        event->accept();
    }
};

} // namespace

class TestInputLockdown : public QObject {
    Q_OBJECT
private slots:
    void init() {
        window_ = std::make_unique<RecordingWindow>();
        window_->resize(320, 200);
        window_->show();
        window_->requestActivate();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        // Wayland clients are not told they are active in every compositor: no assert here.
        (void)QTest::qWaitFor([this] { return window_->isActive(); }, 500);
        lockdown_ = std::make_unique<InputLockdown>(window_.get());
    }
    void cleanup() {
        lockdown_.reset();
        window_.reset();
    }

    void escapeKeysAreSwallowedAndReported_data() {
        QTest::addColumn<int>("key");
        QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
        QTest::addColumn<EscapeKind>("kind");
        QTest::addColumn<QString>("what");

        const auto row = [](const char* name, int key, Qt::KeyboardModifiers modifiers,
                            EscapeKind kind, const char* what) {
            QTest::newRow(name) << key << modifiers << kind << QString::fromLatin1(what);
        };
        row("alt+f4", Qt::Key_F4, Qt::AltModifier, EscapeKind::CloseWindow, "Alt+F4");
        row("ctrl+w", Qt::Key_W, Qt::ControlModifier, EscapeKind::CloseWindow, "Ctrl+W");
        row("ctrl+q", Qt::Key_Q, Qt::ControlModifier, EscapeKind::CloseWindow, "Ctrl+Q");
        row("ctrl+f4", Qt::Key_F4, Qt::ControlModifier, EscapeKind::CloseWindow, "Ctrl+F4");
        row("super", Qt::Key_Meta, Qt::MetaModifier, EscapeKind::SystemKey, "Super");
        row("super+l", Qt::Key_L, Qt::MetaModifier, EscapeKind::SystemKey, "Super+L");
        row("ctrl+alt+del", Qt::Key_Delete, Qt::ControlModifier | Qt::AltModifier,
            EscapeKind::SystemKey, "Ctrl+Alt+Del");
        row("alt+tab", Qt::Key_Tab, Qt::AltModifier, EscapeKind::SwitchTask, "Alt+Tab");
        row("alt+shift+tab", Qt::Key_Backtab, Qt::AltModifier | Qt::ShiftModifier,
            EscapeKind::SwitchTask, "Alt+Shift+Backtab");
        row("print", Qt::Key_Print, Qt::NoModifier, EscapeKind::ScreenCapture, "Print");
        row("alt+print", Qt::Key_Print, Qt::AltModifier, EscapeKind::ScreenCapture, "Alt+Print");
        row("ctrl+c", Qt::Key_C, Qt::ControlModifier, EscapeKind::Clipboard, "Ctrl+C");
        row("ctrl+x", Qt::Key_X, Qt::ControlModifier, EscapeKind::Clipboard, "Ctrl+X");
        row("ctrl+v", Qt::Key_V, Qt::ControlModifier, EscapeKind::Clipboard, "Ctrl+V");
        row("ctrl+a", Qt::Key_A, Qt::ControlModifier, EscapeKind::Clipboard, "Ctrl+A");
        row("ctrl+shift+v", Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier,
            EscapeKind::Clipboard, "Ctrl+Shift+V");
        row("ctrl+insert", Qt::Key_Insert, Qt::ControlModifier, EscapeKind::Clipboard, "Ctrl+Ins");
        row("shift+insert", Qt::Key_Insert, Qt::ShiftModifier, EscapeKind::Clipboard, "Shift+Ins");
        row("shift+delete", Qt::Key_Delete, Qt::ShiftModifier, EscapeKind::Clipboard, "Shift+Del");
        row("menu key", Qt::Key_Menu, Qt::NoModifier, EscapeKind::ContextMenu, "Menu");
        row("shift+f10", Qt::Key_F10, Qt::ShiftModifier, EscapeKind::ContextMenu, "Shift+F10");
    }

    void escapeKeysAreSwallowedAndReported() {
        QFETCH(int, key);
        QFETCH(Qt::KeyboardModifiers, modifiers);
        QFETCH(EscapeKind, kind);
        QFETCH(QString, what);

        QCOMPARE(classifyKeyPress(key, modifiers), (EscapeAttempt{kind, what}));
        // Super is reported when it goes down; what follows while it is held is swallowed only.
        if (modifiers.testFlag(Qt::MetaModifier))
            what = QStringLiteral("Super");

        lockdown_->engage();
        QSignalSpy spy(lockdown_.get(), &InputLockdown::escapeAttempted);
        QTest::ignoreMessage(QtWarningMsg,
                             qPrintable("escape attempt swallowed: " + label(kind) + " " + what));
        QTest::keyClick(window_.get(), Qt::Key(key), modifiers);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<EscapeAttempt>(), (EscapeAttempt{kind, what}));
        QVERIFY2(window_->pressed.isEmpty(), "the key reached the window");

        // Released: the same key goes through to the window, silently.
        lockdown_->release();
        QTest::keyClick(window_.get(), Qt::Key(key), modifiers);
        QCOMPARE(spy.size(), 1);
        QVERIFY(window_->pressed.contains(QKeyCombination(modifiers, Qt::Key(key))));
    }

    void keysWithoutAKeyboardToTypeThem() {
        // QTest cannot type these; the rule still holds for real keyboards that have them.
        QCOMPARE(classifyKeyPress(Qt::Key_Paste, Qt::NoModifier),
                 (EscapeAttempt{EscapeKind::Clipboard, "Paste"}));
        QCOMPARE(classifyKeyPress(Qt::Key_Copy, Qt::NoModifier),
                 (EscapeAttempt{EscapeKind::Clipboard, "Copy"}));
        QCOMPARE(classifyKeyPress(Qt::Key_Cut, Qt::NoModifier),
                 (EscapeAttempt{EscapeKind::Clipboard, "Cut"}));
        QCOMPARE(classifyKeyPress(Qt::Key_SysReq, Qt::AltModifier),
                 (EscapeAttempt{EscapeKind::ScreenCapture, "Alt+SysReq"}));
        QCOMPARE(classifyKeyPress(Qt::Key_Super_L, Qt::NoModifier),
                 (EscapeAttempt{EscapeKind::SystemKey, "Super"}));
        QCOMPARE(classifyKeyPress(Qt::Key_Control, Qt::ControlModifier), std::nullopt);
        QCOMPARE(classifyKeyPress(Qt::Key_Alt, Qt::AltModifier), std::nullopt);
        QCOMPARE(classifyKeyPress(Qt::Key_C, Qt::NoModifier), std::nullopt);
        QCOMPARE(classifyKeyPress(Qt::Key_F4, Qt::NoModifier), std::nullopt);
        QCOMPARE(classifyKeyPress(Qt::Key_Tab, Qt::ControlModifier), std::nullopt);
    }

    void ordinaryTypingReachesTheWindow() {
        lockdown_->engage();
        QSignalSpy spy(lockdown_.get(), &InputLockdown::escapeAttempted);
        QTest::keyClick(window_.get(), Qt::Key_B);
        QTest::keyClick(window_.get(), Qt::Key_B, Qt::ShiftModifier);
        QTest::keyClick(window_.get(), Qt::Key_Return);
        QTest::keyClick(window_.get(), Qt::Key_Tab);
        QTest::keyClick(window_.get(), Qt::Key_Escape);
        QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier); // undo in an answer
        QTest::keyClick(window_.get(), Qt::Key_Left, Qt::ControlModifier);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(window_->pressed.size(), 7);
    }

    void shortcutsBoundInTheAppDoNotFire() {
        if (!window_->isActive())
            QSKIP("window shortcuts need an active window, which this platform does not report");
        QShortcut copy(QKeySequence::Copy, window_.get());
        QSignalSpy activated(&copy, &QShortcut::activated);
        QTest::keyClick(window_.get(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(activated.size(), 1); // a live shortcut, before the lockdown

        lockdown_->engage();
        QSignalSpy spy(lockdown_.get(), &InputLockdown::escapeAttempted);
        QTest::ignoreMessage(QtWarningMsg, "escape attempt swallowed: clipboard Ctrl+C");
        QTest::keyClick(window_.get(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(spy.size(), 1);
    }

    void closeRequestsAreIgnoredWhileEngaged() {
        lockdown_->engage();
        QSignalSpy spy(lockdown_.get(), &InputLockdown::escapeAttempted);
        QTest::ignoreMessage(QtWarningMsg, "escape attempt swallowed: close-window close request");
        QVERIFY(!window_->close());
        QVERIFY(window_->isVisible());
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<EscapeAttempt>().kind, EscapeKind::CloseWindow);

        lockdown_->release();
        QVERIFY(window_->close());
        QVERIFY(!window_->isVisible());
    }

    void contextMenuEventsAreSwallowed() {
        lockdown_->engage();
        QSignalSpy spy(lockdown_.get(), &InputLockdown::escapeAttempted);
        QContextMenuEvent event(QContextMenuEvent::Mouse, QPoint(5, 5), QPoint(5, 5));
        QTest::ignoreMessage(QtWarningMsg, "escape attempt swallowed: context-menu context menu");
        QVERIFY(QCoreApplication::sendEvent(window_.get(), &event));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<EscapeAttempt>(),
                 (EscapeAttempt{EscapeKind::ContextMenu, "context menu"}));
    }

    void windowIsFullscreenFramelessAndOnTop() {
        lockdown_->engage();
        QVERIFY(window_->flags().testFlag(Qt::FramelessWindowHint));
        QVERIFY(window_->flags().testFlag(Qt::WindowStaysOnTopHint));
        QCOMPARE(window_->windowStates(), Qt::WindowFullScreen);
        QCOMPARE(window_->geometry(), window_->screen()->geometry());
    }

    void keyboardLockIsReportedForThePlatform() {
        QSignalSpy changed(lockdown_.get(), &InputLockdown::keyboardLockChanged);
        lockdown_->engage();
        const QString platform = QGuiApplication::platformName();
        if (platform == QLatin1String("offscreen")) {
            // Neither a grab nor a compositor holds the keyboard here.
            QCOMPARE(lockdown_->keyboardLock(), KeyboardLock::None);
            QCOMPARE(changed.size(), 0);
        } else if (platform.startsWith(QLatin1String("wayland"))) {
            QCOMPARE(lockdown_->keyboardLock(), KeyboardLock::Compositor);
        } else if (platform == QLatin1String("xcb")) {
            QTRY_COMPARE(lockdown_->keyboardLock(), KeyboardLock::Application);
        }
        lockdown_->release();
        QCOMPARE(lockdown_->keyboardLock(), KeyboardLock::None);
    }

    void stepRequiringAKeyboardLockFailsAndIsRevertedWithoutOne() {
        if (QGuiApplication::platformName() != QLatin1String("offscreen"))
            QSKIP("only the offscreen platform has no keyboard lock");
        StepSequence sequence;
        sequence.append(makeInputLockdownStep(*lockdown_, true));
        QTest::ignoreMessage(QtWarningMsg, "step input lockdown perform result failed");
        QCOMPARE(sequence.perform(), StepResult::Failed);
        QVERIFY(!lockdown_->isEngaged()); // the failing step was reverted too

        StepSequence lenient;
        lenient.append(makeInputLockdownStep(*lockdown_, false));
        QCOMPARE(lenient.perform(), StepResult::Success);
        QVERIFY(lockdown_->isEngaged());
        QCOMPARE(lenient.revert(), StepResult::Success);
        QVERIFY(!lockdown_->isEngaged());
    }

private:
    std::unique_ptr<RecordingWindow> window_;
    std::unique_ptr<InputLockdown> lockdown_;
};

QTEST_MAIN(TestInputLockdown)
#include "tst_input_lockdown.moc"
