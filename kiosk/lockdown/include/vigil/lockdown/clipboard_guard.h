#pragma once

#include <QClipboard>
#include <QObject>

namespace vigil::lockdown {

// Keeps the clipboard (and the X11/Wayland primary selection) empty during a sitting: clears
// both at start() and stop(), and clears anything put on them in between, emitting
// contentRemoved so the kiosk can log it. Needs a QGuiApplication.
class ClipboardGuard : public QObject {
    Q_OBJECT
public:
    explicit ClipboardGuard(QObject* parent = nullptr);
    ~ClipboardGuard() override;

    void start();
    void stop();
    [[nodiscard]] bool isActive() const noexcept { return active_; }

signals:
    void contentRemoved(QClipboard::Mode mode);

private:
    void onChanged(QClipboard::Mode mode);
    static void clearAll();

    bool active_ = false;
    bool clearing_ = false;
    QMetaObject::Connection connection_;
};

} // namespace vigil::lockdown
