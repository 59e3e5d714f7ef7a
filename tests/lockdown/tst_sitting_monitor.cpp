#include "vigil/lockdown/sitting_monitor.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using namespace vigil::lockdown;

namespace {

// What the monitor polls: the test starts and stops programs by editing the list.
class ChangingProcesses final : public ProcessSource {
public:
    QList<ProcessInfo> running;
    QList<ProcessInfo> processes() const override { return running; }
};

QStringList keysOf(const QSignalSpy& spy) {
    QStringList keys;
    for (const QList<QVariant>& arguments : spy)
        keys.append(arguments.at(0).value<Finding>().key);
    return keys;
}

} // namespace

class TestSittingMonitor : public QObject {
    Q_OBJECT
private slots:
    void init() {
        processes_ = std::make_shared<ChangingProcesses>();
        processes_->running = {{1, "systemd", "/sbin/init"}, {40, "vigil-kiosk", "vigil-kiosk"}};
        monitor_ = std::make_unique<SittingMonitor>(ProcessDenyList::defaults(), processes_);
    }
    void cleanup() { monitor_.reset(); }

    void deniedProgramStartingDuringTheSittingIsRaisedOnce() {
        QSignalSpy spy(monitor_.get(), &SittingMonitor::findingRaised);
        monitor_->setPollInterval(std::chrono::milliseconds(20));
        monitor_->start();
        QVERIFY(monitor_->isRunning());
        QCOMPARE(spy.size(), 0);

        processes_->running.append({77, "anydesk", "/usr/bin/anydesk --service"});
        QVERIFY(spy.wait(2000)); // the poll timer finds it
        const Finding finding = spy.at(0).at(0).value<Finding>();
        QCOMPARE(finding.kind, FindingKind::DeniedProcess);
        QCOMPARE(finding.key, QStringLiteral("process:anydesk"));
        QCOMPARE(finding.detail, QStringLiteral("pid 77 anydesk (/usr/bin/anydesk --service)"));

        // Still running, and a second process of the same program: nothing new.
        processes_->running.append({78, "anydesk", "/usr/bin/anydesk"});
        monitor_->pollProcesses();
        QTest::qWait(100);
        QCOMPARE(spy.size(), 1);

        // Exits and comes back: raised again.
        processes_->running.removeLast();
        processes_->running.removeLast();
        monitor_->pollProcesses();
        processes_->running.append({90, "anydesk", "anydesk"});
        monitor_->pollProcesses();
        QCOMPARE(spy.size(), 2);

        monitor_->stop();
        QVERIFY(!monitor_->isRunning());
    }

    void programAlreadyRunningAtStartIsRaisedAtOnceUnlessAccepted() {
        processes_->running.append({5, "obs", "obs"});
        processes_->running.append({6, "x11vnc", "x11vnc -forever"});
        QSignalSpy spy(monitor_.get(), &SittingMonitor::findingRaised);
        monitor_->setAcceptedKeys({"process:obs"});
        monitor_->start();
        QCOMPARE(keysOf(spy), QStringList{"process:x11vnc"});
    }

    void secondDisplayIsRaisedOncePerPlugIn() {
        QSignalSpy spy(monitor_.get(), &SittingMonitor::findingRaised);
        monitor_->handleScreenCount(1);
        monitor_->handleScreenCount(2);
        monitor_->handleScreenCount(3);
        QCOMPARE(keysOf(spy), QStringList{"display:multiple"});
        QCOMPARE(spy.at(0).at(0).value<Finding>().kind, FindingKind::SecondDisplay);
        monitor_->handleScreenCount(1);
        monitor_->handleScreenCount(2);
        QCOMPARE(spy.size(), 2);

        monitor_->setAcceptedKeys({"display:multiple"});
        monitor_->handleScreenCount(1);
        monitor_->handleScreenCount(2);
        QCOMPARE(spy.size(), 2);
    }

    void focusLossIsRaisedOnceUntilFocusReturns() {
        QSignalSpy raised(monitor_.get(), &SittingMonitor::findingRaised);
        QSignalSpy regained(monitor_.get(), &SittingMonitor::focusRegained);
        monitor_->handleApplicationState(Qt::ApplicationActive);
        QCOMPARE(raised.size(), 0);
        QCOMPARE(regained.size(), 0);

        monitor_->handleApplicationState(Qt::ApplicationInactive);
        monitor_->handleFocusWindow(nullptr); // the same loss, announced twice
        QCOMPARE(raised.size(), 1);
        const Finding finding = raised.at(0).at(0).value<Finding>();
        QCOMPARE(finding.kind, FindingKind::FocusLost);
        QCOMPARE(finding.detail, QStringLiteral("the kiosk became inactive"));
        QCOMPARE(finding.message, QStringLiteral("The assessment window lost the focus: check "
                                                 "this candidate's screen."));

        QWindow window;
        monitor_->handleFocusWindow(&window);
        QCOMPARE(regained.size(), 1);
        monitor_->handleFocusWindow(nullptr);
        QCOMPARE(raised.size(), 2);
        QCOMPARE(raised.at(1).at(0).value<Finding>().detail,
                 QStringLiteral("no kiosk window has the focus"));
    }

    void followsTheApplicationsFocusSignals() {
        QWindow window;
        window.resize(200, 100);
        window.show();
        window.requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        QSignalSpy raised(monitor_.get(), &SittingMonitor::findingRaised);
        monitor_->start();
        QCOMPARE(raised.size(), 0);
        // The real QGuiApplication signal, as when another window takes the focus.
        emit qGuiApp->applicationStateChanged(Qt::ApplicationInactive);
        QCOMPARE(raised.size(), 1);
        QCOMPARE(raised.at(0).at(0).value<Finding>().kind, FindingKind::FocusLost);

        monitor_->stop();
        emit qGuiApp->applicationStateChanged(Qt::ApplicationActive);
        emit qGuiApp->applicationStateChanged(Qt::ApplicationInactive);
        QCOMPARE(raised.size(), 1);
    }

private:
    std::shared_ptr<ChangingProcesses> processes_;
    std::unique_ptr<SittingMonitor> monitor_;
};

QTEST_MAIN(TestSittingMonitor)
#include "tst_sitting_monitor.moc"
