#include "vigil/lockdown/input_lockdown.h"

#include "log.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QScreen>
#include <QWindow>

namespace vigil::lockdown {
namespace {

bool isSuperKey(int key) {
    return key == Qt::Key_Meta || key == Qt::Key_Super_L || key == Qt::Key_Super_R ||
           key == Qt::Key_Hyper_L || key == Qt::Key_Hyper_R;
}

bool isModifierKey(int key) {
    return isSuperKey(key) || key == Qt::Key_Control || key == Qt::Key_Alt ||
           key == Qt::Key_Shift || key == Qt::Key_AltGr;
}

QString describeKeys(int key, Qt::KeyboardModifiers modifiers) {
    if (isSuperKey(key))
        return QStringLiteral("Super");
    QString text =
        QKeySequence(QKeyCombination(modifiers, Qt::Key(key))).toString(QKeySequence::PortableText);
    return text.replace(QStringLiteral("Meta"), QStringLiteral("Super"));
}

} // namespace

QString label(EscapeKind kind) {
    switch (kind) {
    case EscapeKind::CloseWindow:
        return QStringLiteral("close-window");
    case EscapeKind::SwitchTask:
        return QStringLiteral("switch-task");
    case EscapeKind::SystemKey:
        return QStringLiteral("system-key");
    case EscapeKind::ScreenCapture:
        return QStringLiteral("screen-capture");
    case EscapeKind::Clipboard:
        return QStringLiteral("clipboard");
    case EscapeKind::ContextMenu:
        return QStringLiteral("context-menu");
    }
    return QStringLiteral("unknown");
}

QString label(KeyboardLock lock) {
    switch (lock) {
    case KeyboardLock::Application:
        return QStringLiteral("application");
    case KeyboardLock::Compositor:
        return QStringLiteral("compositor");
    case KeyboardLock::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("unknown");
}

std::optional<EscapeAttempt> classifyKeyPress(int key, Qt::KeyboardModifiers modifiers) {
    modifiers &= ~Qt::KeypadModifier;
    const bool ctrl = modifiers.testFlag(Qt::ControlModifier);
    const bool alt = modifiers.testFlag(Qt::AltModifier);
    const bool shift = modifiers.testFlag(Qt::ShiftModifier);
    const auto attempt = [&](EscapeKind kind) {
        return EscapeAttempt{kind, describeKeys(key, modifiers)};
    };

    if (isSuperKey(key) || modifiers.testFlag(Qt::MetaModifier))
        return attempt(EscapeKind::SystemKey);
    if (isModifierKey(key))
        return std::nullopt; // Ctrl, Alt or Shift alone: wait for the key they modify
    if (key == Qt::Key_Print || key == Qt::Key_SysReq)
        return attempt(EscapeKind::ScreenCapture);
    if (ctrl && alt && (key == Qt::Key_Delete || key == Qt::Key_Backspace))
        return attempt(EscapeKind::SystemKey);
    if ((alt && key == Qt::Key_F4) || (ctrl && key == Qt::Key_F4) ||
        (ctrl && (key == Qt::Key_W || key == Qt::Key_Q)))
        return attempt(EscapeKind::CloseWindow);
    if (alt && (key == Qt::Key_Tab || key == Qt::Key_Backtab || key == Qt::Key_Escape))
        return attempt(EscapeKind::SwitchTask);
    if ((ctrl && (key == Qt::Key_C || key == Qt::Key_X || key == Qt::Key_V || key == Qt::Key_A ||
                  key == Qt::Key_Insert)) ||
        (shift && (key == Qt::Key_Insert || key == Qt::Key_Delete)) || key == Qt::Key_Copy ||
        key == Qt::Key_Cut || key == Qt::Key_Paste)
        return attempt(EscapeKind::Clipboard);
    if (key == Qt::Key_Menu || (shift && key == Qt::Key_F10))
        return attempt(EscapeKind::ContextMenu);
    return std::nullopt;
}

InputLockdown::InputLockdown(QWindow* window, QObject* parent)
    : QObject(parent)
    , window_(window) {}

InputLockdown::~InputLockdown() {
    release();
}

void InputLockdown::engage() {
    if (engaged_ || !window_)
        return;
    engaged_ = true;
    QCoreApplication::instance()->installEventFilter(this);
    window_->setFlags(window_->flags() | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
    window_->showFullScreen();
    // Without a window manager (Xvfb, some kiosk set-ups) showFullScreen keeps the old size.
    if (QScreen* screen = window_->screen())
        window_->setGeometry(screen->geometry());
    tryKeyboardGrab();
    qCInfo(lcLockdown).noquote() << "input locked on" << QGuiApplication::platformName()
                                 << "- keyboard held by" << label(keyboardLock_);
}

void InputLockdown::release() {
    if (!engaged_)
        return;
    engaged_ = false;
    superHeld_ = false;
    QCoreApplication::instance()->removeEventFilter(this);
    if (window_ && keyboardLock_ == KeyboardLock::Application)
        window_->setKeyboardGrabEnabled(false);
    keyboardLock_ = KeyboardLock::None;
}

void InputLockdown::tryKeyboardGrab() {
    KeyboardLock lock = KeyboardLock::None;
    if (QGuiApplication::platformName().startsWith(QLatin1String("wayland")))
        lock = KeyboardLock::Compositor; // Wayland clients cannot grab; the compositor decides
    else if (window_ && window_->setKeyboardGrabEnabled(true))
        lock = KeyboardLock::Application;
    if (lock != keyboardLock_) {
        keyboardLock_ = lock;
        emit keyboardLockChanged(lock);
    }
}

void InputLockdown::report(const EscapeAttempt& attempt) {
    qCWarning(lcLockdown).noquote()
        << "escape attempt swallowed:" << label(attempt.kind) << attempt.what;
    emit escapeAttempted(attempt);
}

bool InputLockdown::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::ShortcutOverride: {
        auto* key = static_cast<QKeyEvent*>(event);
        if (!classifyKeyPress(key->key(), key->modifiers()))
            return false;
        // Accepted: no QShortcut may act on it, and the key press comes to us to be swallowed.
        key->accept();
        return true;
    }
    case QEvent::KeyPress: {
        auto* key = static_cast<QKeyEvent*>(event);
        const auto attempt = classifyKeyPress(key->key(), key->modifiers());
        if (!attempt)
            return false;
        // Super+L is one attempt, reported when Super went down.
        const bool superAlreadyReported =
            superHeld_ && (isSuperKey(key->key()) || key->modifiers().testFlag(Qt::MetaModifier));
        if (isSuperKey(key->key()))
            superHeld_ = true;
        if (!key->isAutoRepeat() && !superAlreadyReported)
            report(*attempt);
        return true;
    }
    case QEvent::KeyRelease: {
        auto* key = static_cast<QKeyEvent*>(event);
        if (isSuperKey(key->key()))
            superHeld_ = false;
        return classifyKeyPress(key->key(), key->modifiers()).has_value();
    }
    case QEvent::Shortcut: {
        // Only reached when no focus object took the override above.
        const QKeySequence sequence = static_cast<QShortcutEvent*>(event)->key();
        if (sequence.isEmpty())
            return false;
        const QKeyCombination combination = sequence[0];
        const auto attempt = classifyKeyPress(combination.key(), combination.keyboardModifiers());
        if (!attempt)
            return false;
        report(*attempt);
        return true;
    }
    case QEvent::ContextMenu:
        report(EscapeAttempt{EscapeKind::ContextMenu, QStringLiteral("context menu")});
        return true;
    case QEvent::Close:
        if (watched != window_)
            return false;
        event->ignore();
        report(EscapeAttempt{EscapeKind::CloseWindow, QStringLiteral("close request")});
        return true;
    case QEvent::Expose:
        // X11 refuses a grab for a window not yet mapped: try again once it is shown.
        if (watched == window_ && keyboardLock_ == KeyboardLock::None && window_->isExposed() &&
            QGuiApplication::platformName() == QLatin1String("xcb"))
            tryKeyboardGrab();
        return false;
    default:
        return false;
    }
}

} // namespace vigil::lockdown
