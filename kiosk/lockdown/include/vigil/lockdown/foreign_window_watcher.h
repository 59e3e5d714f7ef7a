#pragma once

#include "vigil/lockdown/finding.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <chrono>

class QWindow;

namespace vigil::lockdown {

// Under X11 no compositor stands between clients: any program on the same display (xclock, a
// chat window, a second browser) may map a window over the kiosk's and nothing else notices.
// The watcher polls the root window's stacking order; when a viewable window of another X
// client lies above the kiosk's, it raises the kiosk's window again and raises a ForeignWindow
// finding ("window:<id>"), once per window. Windows of the kiosk's own X client (its popups)
// are its own. Under any other platform start() returns false and nothing is watched: under
// Wayland the compositor decides the stacking (checkWaylandCompositor, compositor_check.h).
class ForeignWindowWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultPollInterval{1000};

    explicit ForeignWindowWatcher(QWindow* window, QObject* parent = nullptr);
    ~ForeignWindowWatcher() override;

    void setPollInterval(std::chrono::milliseconds interval);
    // Starts polling (the first poll runs at once). False when this is not an X11 display.
    bool start();
    void stop();
    [[nodiscard]] bool isRunning() const { return timer_.isActive(); }

public slots:
    // One look at the stacking order; what the timer calls.
    void poll();

signals:
    void findingRaised(const vigil::lockdown::Finding& finding);

private:
    QPointer<QWindow> window_;
    QTimer timer_;
    QSet<quint32> reported_;
};

} // namespace vigil::lockdown
