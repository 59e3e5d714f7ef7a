#pragma once
// One PC's desktop for a real Vigil binary (vigil-kiosk at a seat, vigil-console on the
// invigilator's desk), driven from outside as a screen-reader user drives it: an X server of its
// own (Xvfb), a D-Bus session bus and at-spi2-core's accessibility bus on it, the app on that
// display, and atspi_probe.py (pyatspi, Orca's library) reading the app's accessible tree,
// pressing its buttons and typing into its fields. The binaries have nothing test-only in them.
//
// Why a desktop each, not one for the room: the probe types through XTest into whichever window
// has the X focus, and finds "the" app on "the" bus. With a display and buses per PC both are
// unambiguous, as they are in a real room.
#include "accessible_tree.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>
#include <functional>
#include <memory>
#include <optional>
#include <signal.h>
#include <sys/prctl.h>

namespace vigil::kiosk::testing {

class PcDesktop {
public:
    static constexpr const char* kPython = "/usr/bin/python3"; // Debian's, where pyatspi lives
    static constexpr const char* kBusLauncher = "/usr/libexec/at-spi-bus-launcher";

    // `application`: the name the app gives itself on the accessibility bus.
    explicit PcDesktop(QString name, QString application = QStringLiteral("vigil-kiosk"))
        : name_(std::move(name))
        , application_(std::move(application)) {
        for (auto* process : {&xServer_, &sessionBus_, &busLauncher_}) {
            endsWithTheTest(*process, SIGTERM); // the launcher then ends its bus and registry
        }
    }
    PcDesktop(const PcDesktop&) = delete;
    PcDesktop& operator=(const PcDesktop&) = delete;
    ~PcDesktop() {
        killApp();
        for (auto* process : {&busLauncher_, &sessionBus_, &xServer_}) {
            if (process->state() != QProcess::NotRunning) {
                process->terminate();
                if (!process->waitForFinished(5000)) {
                    process->kill();
                    process->waitForFinished(5000);
                }
            }
        }
    }

    // What is missing on this machine for a desktop, or "" (scripts/setup.sh test installs it).
    static QString missing() {
        for (const char* program : {"Xvfb", "dbus-daemon"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty()) {
                return QStringLiteral("%1 (scripts/setup.sh test installs it)").arg(program);
            }
        }
        if (!QFileInfo(QString::fromLatin1(kBusLauncher)).isExecutable()) {
            return QStringLiteral("at-spi-bus-launcher (package at-spi2-core)");
        }
        QProcess check;
        check.start(QString::fromLatin1(kPython),
                    {QStringLiteral("-c"), QStringLiteral("import pyatspi")});
        if (!check.waitForFinished(20000) || check.exitCode() != 0) {
            return QStringLiteral("python3-pyatspi");
        }
        return {};
    }

    // Starts the X server, the session bus and the accessibility bus, and waits until the bus
    // answers (an app started before that never appears on it); "" or what failed.
    QString start() {
        // -displayfd: the server picks a free display and prints its number once it listens.
        xServer_.start(QStringLiteral("Xvfb"),
                       {QStringLiteral("-displayfd"), QStringLiteral("1"),
                        QStringLiteral("-screen"), QStringLiteral("0"),
                        QStringLiteral("1280x1024x24"), QStringLiteral("-nolisten"),
                        QStringLiteral("tcp")});
        const QString display = firstLine(xServer_);
        if (display.isEmpty()) {
            return name_ + QStringLiteral(": Xvfb did not start");
        }
        environment_ = QProcessEnvironment::systemEnvironment();
        environment_.insert(QStringLiteral("DISPLAY"), u':' + display);
        sessionBus_.start(QStringLiteral("dbus-daemon"),
                          {QStringLiteral("--session"), QStringLiteral("--nofork"),
                           QStringLiteral("--print-address=1")});
        const QString address = firstLine(sessionBus_);
        if (address.isEmpty()) {
            return name_ + QStringLiteral(": the session bus did not start");
        }
        environment_.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        environment_.remove(QStringLiteral("AT_SPI_BUS_ADDRESS"));
        busLauncher_.setProcessEnvironment(environment_);
        busLauncher_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        busLauncher_.start(QString::fromLatin1(kBusLauncher),
                           {QStringLiteral("--launch-immediately")});
        if (!busLauncher_.waitForStarted()) {
            return name_ + QStringLiteral(": at-spi-bus-launcher did not start");
        }
        for (int attempt = 0; attempt < 100; ++attempt) {
            QProcess ready;
            ready.setProcessEnvironment(environment_);
            ready.start(
                QString::fromLatin1(kPython),
                {QStringLiteral("-c"),
                 QStringLiteral("import pyatspi; pyatspi.Registry.getDesktop(0).childCount")});
            if (ready.waitForFinished(20000) && ready.exitCode() == 0) {
                return {};
            }
            QTest::qWait(200);
        }
        return name_ + QStringLiteral(": the accessibility bus did not answer");
    }

    // The binary on this desktop, as the PC's session starts it (xcb, accessibility on).
    void startApp(const QString& binary, const QStringList& arguments) {
        app_ = std::make_unique<QProcess>();
        endsWithTheTest(*app_, SIGKILL);
        auto environment = environment_;
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        environment.insert(QStringLiteral("QT_LINUX_ACCESSIBILITY_ALWAYS_ON"), QStringLiteral("1"));
        app_->setProcessEnvironment(environment);
        app_->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app_->setStandardOutputFile(QProcess::nullDevice());
        app_->start(binary, arguments);
        app_->waitForStarted();
    }
    [[nodiscard]] bool appRunning() const { return app_ && app_->state() != QProcess::NotRunning; }
    // The PC switched off: SIGKILL, nothing flushed, no goodbye.
    void killApp() {
        if (appRunning()) {
            app_->kill();
            app_->waitForFinished(10000);
        }
    }

    // Runs the probe against this PC's app; its stdout, or nullopt with lastError() saying
    // why. A read of the tree is tried three times: a node the app replaces meanwhile (the
    // clock's text each second) can end a walk. An action runs once.
    std::optional<QByteArray> probe(const QStringList& arguments) {
        const bool readOnly = arguments.value(0) == QLatin1String("tree");
        auto environment = environment_;
        environment.insert(QStringLiteral("ATSPI_PROBE_APP"), application_);
        if (app_) {
            environment.insert(QStringLiteral("ATSPI_PROBE_PID"),
                               QString::number(app_->processId()));
        }
        for (int attempt = 0; attempt < (readOnly ? 3 : 1); ++attempt) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(QString::fromLatin1(kPython), QStringList{probeScript()} + arguments);
            const bool finished = waitWithEvents(process, 60'000);
            if (finished && process.exitStatus() == QProcess::NormalExit &&
                process.exitCode() == 0) {
                return process.readAllStandardOutput();
            }
            lastError_ = QStringLiteral("%1: atspi_probe %2: %3")
                             .arg(name_, arguments.join(u' '),
                                  QString::fromUtf8(process.readAllStandardError()).trimmed());
        }
        return std::nullopt;
    }
    bool act(const QStringList& arguments) { return probe(arguments).has_value(); }
    AccessibleTree tree() {
        const auto json = probe({QStringLiteral("tree")});
        return json ? parseAccessibleTree(*json) : AccessibleTree();
    }
    // The tree once `ready` holds of it, or nullopt after `limitMs` (lastError() shows the last
    // tree read). The screens change on the app's own time, not at the probe's call.
    std::optional<AccessibleTree>
    waitForTree(const std::function<bool(const AccessibleTree&)>& ready, const QString& what,
                int limitMs = 60'000) {
        AccessibleTree last;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < limitMs) {
            last = tree();
            if (ready(last)) {
                return last;
            }
            QTest::qWait(250);
        }
        lastError_ = QStringLiteral("%1 never showed %2:\n%3").arg(name_, what, describe(last));
        return std::nullopt;
    }
    std::optional<AccessibleTree> waitForNode(const QString& name, int limitMs = 60'000) {
        return waitForTree([&](const AccessibleTree& t) { return indexOf(t, name) >= 0; }, name,
                           limitMs);
    }

    [[nodiscard]] const QString& name() const { return name_; }
    [[nodiscard]] const QString& lastError() const { return lastError_; }

private:
    // A test that crashes or is killed by ctest's timeout leaves no X server, bus or app
    // behind: the kernel signals each child when the test's thread that started it ends.
    static void endsWithTheTest(QProcess& process, int signal) {
        process.setChildProcessModifier([signal] { ::prctl(PR_SET_PDEATHSIG, signal); });
    }
    static QString probeScript() { return QStringLiteral(QT_TESTCASE_SOURCEDIR "/atspi_probe.py"); }

    // The event loop runs while a child works: the console in the test's process answers the
    // kiosk meanwhile.
    static bool waitWithEvents(QProcess& process, int limitMs) {
        return QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, limitMs);
    }
    static QString firstLine(QProcess& process) {
        if (!process.waitForStarted()) {
            return {};
        }
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        while (!out.contains('\n') && waited.elapsed() < 20'000) {
            process.waitForReadyRead(500);
            out += process.readAllStandardOutput();
            if (process.state() == QProcess::NotRunning) {
                break;
            }
        }
        return QString::fromUtf8(out.left(out.indexOf('\n'))).trimmed();
    }

    QString name_;
    QString application_;
    QProcess xServer_;
    QProcess sessionBus_;
    QProcess busLauncher_;
    QProcessEnvironment environment_;
    std::unique_ptr<QProcess> app_;
    QString lastError_;
};

} // namespace vigil::kiosk::testing
