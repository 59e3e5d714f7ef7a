#pragma once

#include "vigil/lockdown/finding.h"
#include "vigil/lockdown/process_deny_list.h"
#include "vigil/lockdown/process_source.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <chrono>
#include <memory>

class QScreen;
class QWindow;

namespace vigil::lockdown {

// Watches the PC during a sitting and raises each new finding once: a denied program that
// starts (polled), a second display that appears, the kiosk losing focus. A finding whose key
// the invigilator accepted before the sitting is not raised again; a denied program that exits
// and starts again is raised again.
class SittingMonitor : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultPollInterval{2000};

    SittingMonitor(ProcessDenyList denyList, std::shared_ptr<const ProcessSource> processes,
                   QObject* parent = nullptr);
    ~SittingMonitor() override;

    // Keys accepted by overrides (CheckReport::acceptedKeys()).
    void setAcceptedKeys(const QStringList& keys);
    void setPollInterval(std::chrono::milliseconds interval);
    [[nodiscard]] std::chrono::milliseconds pollInterval() const;

    // Starts polling and, when a QGuiApplication exists, follows screenAdded,
    // applicationStateChanged and focusWindowChanged. The first poll runs at once.
    void start();
    void stop();
    [[nodiscard]] bool isRunning() const;

public slots:
    // What the Qt signals are connected to; public so tests can drive them.
    void pollProcesses();
    void handleScreenCount(int screenCount);
    void handleApplicationState(Qt::ApplicationState state);
    void handleFocusWindow(QWindow* window);

signals:
    void findingRaised(const vigil::lockdown::Finding& finding);
    // The kiosk has focus again after a FocusLost finding.
    void focusRegained();

private:
    void raise(const Finding& finding);
    void markFocusLost(const QString& how);

    ProcessDenyList denyList_;
    std::shared_ptr<const ProcessSource> processes_;
    QSet<QString> accepted_;
    QSet<QString> presentProcessKeys_;
    bool displayRaised_ = false;
    bool focusLost_ = false;
    QTimer pollTimer_;
    QList<QMetaObject::Connection> guiConnections_;
};

} // namespace vigil::lockdown
