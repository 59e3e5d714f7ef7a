#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <optional>

class QWindow;

namespace vigil::lockdown {

enum class EscapeKind {
    CloseWindow,   // a close event, Alt+F4, Ctrl+W, Ctrl+Q, Ctrl+F4
    SwitchTask,    // Alt+Tab, Alt+Shift+Tab
    SystemKey,     // Super/Meta alone or with another key, Ctrl+Alt+Del/Backspace
    ScreenCapture, // Print Screen, SysRq
    Clipboard,     // Ctrl+C/X/V/A, Ctrl+Insert, Shift+Insert, Shift+Delete, Copy/Cut/Paste keys
    ContextMenu,   // a context-menu event or the Menu key
};

QString label(EscapeKind kind); // "close-window", "switch-task", ...

struct EscapeAttempt {
    EscapeKind kind = EscapeKind::CloseWindow;
    QString what; // e.g. "Alt+F4", "Ctrl+C", "close request"

    friend bool operator==(const EscapeAttempt&, const EscapeAttempt&) = default;
};

// Pure rule: which key presses are escape attempts (the Qt::Key and the modifiers held).
std::optional<EscapeAttempt> classifyKeyPress(int key, Qt::KeyboardModifiers modifiers);

// Who holds the keyboard during a sitting.
enum class KeyboardLock {
    Application, // QWindow::setKeyboardGrabEnabled succeeded (X11)
    Compositor,  // Wayland: the kiosk compositor (cage) is the lock; apps cannot grab
    None,        // neither (e.g. the offscreen platform in tests)
};

QString label(KeyboardLock lock);

// Locks input to one window for a sitting. engage() makes the window fullscreen, frameless and
// always on top, grabs the keyboard where the platform allows, and from then on swallows every
// escape attempt application-wide (key presses reach the window's items too, so the filter
// sits on the application) and every close event of the window, emitting escapeAttempted for
// each. release() undoes all of it except the window's flags and visibility; the kiosk must
// release() before it closes the window itself.
//
// On X11 a keyboard grab needs a mapped window: when the first try fails it is retried at the
// window's next expose, and keyboardLockChanged announces the outcome.
class InputLockdown : public QObject {
    Q_OBJECT
public:
    explicit InputLockdown(QWindow* window, QObject* parent = nullptr);
    ~InputLockdown() override;

    void engage();
    void release();
    [[nodiscard]] bool isEngaged() const noexcept { return engaged_; }
    [[nodiscard]] KeyboardLock keyboardLock() const noexcept { return keyboardLock_; }

signals:
    void escapeAttempted(const vigil::lockdown::EscapeAttempt& attempt);
    void keyboardLockChanged(vigil::lockdown::KeyboardLock lock);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void tryKeyboardGrab();
    void report(const EscapeAttempt& attempt);

    QPointer<QWindow> window_;
    bool engaged_ = false;
    bool superHeld_ = false;
    KeyboardLock keyboardLock_ = KeyboardLock::None;
};

} // namespace vigil::lockdown
