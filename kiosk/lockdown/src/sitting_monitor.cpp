#include "vigil/lockdown/sitting_monitor.h"

#include "log.h"
#include "vigil/lockdown/machine_check.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWindow>
#include <utility>

namespace vigil::lockdown {

SittingMonitor::SittingMonitor(ProcessDenyList denyList,
                               std::shared_ptr<const ProcessSource> processes, QObject* parent)
    : QObject(parent)
    , denyList_(std::move(denyList))
    , processes_(std::move(processes)) {
    pollTimer_.setInterval(kDefaultPollInterval);
    connect(&pollTimer_, &QTimer::timeout, this, &SittingMonitor::pollProcesses);
}

SittingMonitor::~SittingMonitor() {
    stop();
}

void SittingMonitor::setAcceptedKeys(const QStringList& keys) {
    accepted_ = QSet<QString>(keys.begin(), keys.end());
}

void SittingMonitor::setPollInterval(std::chrono::milliseconds interval) {
    pollTimer_.setInterval(interval);
}

std::chrono::milliseconds SittingMonitor::pollInterval() const {
    return pollTimer_.intervalAsDuration();
}

bool SittingMonitor::isRunning() const {
    return pollTimer_.isActive();
}

void SittingMonitor::start() {
    if (isRunning())
        return;
    presentProcessKeys_.clear();
    displayRaised_ = false;
    focusLost_ = false;
    if (auto* app = qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        const auto countScreens = [this] {
            handleScreenCount(int(QGuiApplication::screens().size()));
        };
        guiConnections_ = {
            connect(app, &QGuiApplication::screenAdded, this, countScreens),
            connect(app, &QGuiApplication::screenRemoved, this, countScreens),
            connect(app, &QGuiApplication::applicationStateChanged, this,
                    &SittingMonitor::handleApplicationState),
            connect(app, &QGuiApplication::focusWindowChanged, this,
                    &SittingMonitor::handleFocusWindow),
        };
        countScreens();
    }
    pollTimer_.start();
    pollProcesses();
}

void SittingMonitor::stop() {
    pollTimer_.stop();
    for (const auto& connection : std::as_const(guiConnections_))
        disconnect(connection);
    guiConnections_.clear();
}

void SittingMonitor::pollProcesses() {
    if (!processes_)
        return;
    const QList<Finding> findings = findDeniedProcesses(denyList_, processes_->processes());
    QSet<QString> present;
    for (const Finding& finding : findings) {
        present.insert(finding.key);
        if (!presentProcessKeys_.contains(finding.key))
            raise(finding);
    }
    // A program that exits and starts again is raised again.
    presentProcessKeys_ = std::move(present);
}

void SittingMonitor::handleScreenCount(int screenCount) {
    const auto finding = checkDisplayCount(screenCount);
    if (!finding) {
        displayRaised_ = false; // unplugged: a new plug-in is raised again
        return;
    }
    if (!displayRaised_) {
        displayRaised_ = true;
        raise(*finding);
    }
}

void SittingMonitor::handleApplicationState(Qt::ApplicationState state) {
    switch (state) {
    case Qt::ApplicationActive:
        if (focusLost_) {
            focusLost_ = false;
            emit focusRegained();
        }
        break;
    case Qt::ApplicationInactive:
        markFocusLost(QStringLiteral("the kiosk became inactive"));
        break;
    case Qt::ApplicationHidden:
        markFocusLost(QStringLiteral("the kiosk was hidden"));
        break;
    case Qt::ApplicationSuspended:
        markFocusLost(QStringLiteral("the kiosk was suspended"));
        break;
    }
}

void SittingMonitor::handleFocusWindow(QWindow* window) {
    if (window)
        handleApplicationState(Qt::ApplicationActive);
    else
        markFocusLost(QStringLiteral("no kiosk window has the focus"));
}

void SittingMonitor::markFocusLost(const QString& how) {
    if (focusLost_)
        return; // one finding per loss, however many signals announce it
    focusLost_ = true;
    raise(Finding{FindingKind::FocusLost, QStringLiteral("focus:lost"), how,
                  QStringLiteral("The assessment window lost the focus: check this candidate's "
                                 "screen.")});
}

void SittingMonitor::raise(const Finding& finding) {
    if (accepted_.contains(finding.key))
        return;
    qCWarning(lcLockdown).noquote()
        << "during the sitting:" << label(finding.kind) << finding.detail;
    emit findingRaised(finding);
}

} // namespace vigil::lockdown
