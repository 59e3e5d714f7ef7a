// An upgrade of the installed vigil-kiosk package while a kiosk is mid-sitting (issue 15):
// the upgrade says the restart is deferred and leaves the running kiosk alone, and after it the
// sitting is still in the kiosk's store and resumes with its answers and time left.
//
// How it is driven: two builds of the vigil-kiosk package (revisions 1 and 2 of the project's
// version) by the real packaging/ and installer/ configuration, each holding the real
// vigil-kiosk this tree built (stand-in-tree/ with VIGIL_REAL_PROGRAMS). In a throw-away root
// (dpkg --root --force-script-chrootless, as tst_packages):
//   1. revision 1 is installed; a sample seat is written into its data folder, as a centre's
//      delivery leaves it (/var/lib/vigil-kiosk/seat/);
//   2. a kiosk (the same KioskRuntime the program runs, clicked through its screens in a child
//      process, as tests/e2e/tst_crash_resume drives it) starts the sitting, answers, flags,
//      and is switched off (SIGKILL);
//   3. the installed vigil-kiosk of revision 1 starts on the data folder (the Locked screen,
//      a sitting in progress) and keeps running while revision 2 is installed over it;
//   4. it is switched off; revision 2's vigil-kiosk --self-test names the sitting in progress,
//      and a kiosk resumes it after the invigilator's login: same question, answers, flag and
//      time left.
#include "sample_seat.h"
#include "sitting_script.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/testing/eventually.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <csignal>
#include <cstdio>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;

namespace {

const QString kSourceDir = QStringLiteral(VIGIL_SOURCE_DIR);
const QString kVersion = QStringLiteral(VIGIL_VERSION);

// ---- the child: a kiosk on the installed data folder, driven through its screens

// `phase` is --start (the sitting begins and is answered) or --resume (the invigilator logs in
// and the candidate sees what they left); the seat is what the data folder holds, read as the
// installed program reads it (seat.conf, seat/assessment.vigil, seat/assignment.vseat).
int runChild(const QString& phase, const QString& dataDir) {
    QString error;
    KioskRuntime runtime(parseKioskOptions(
        {QStringLiteral("vigil-kiosk"), QStringLiteral("--data-dir"), dataDir}, &error));
    if (!error.isEmpty()) {
        childDies(QStringLiteral("kiosk did not load: ") + error);
    }
    auto* window = showKioskWindow(runtime);
    auto& session = *runtime.session();
    if (phase == QLatin1String("--start")) {
        return sitUntilSwitchedOff(window, session, 120'000);
    }
    return resumeAndReport(window, session);
}

// ---- the parent

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& arguments, const QString& directory = {}) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setStandardInputFile(QProcess::nullDevice()); // nothing may ask a question
    process.start(program, arguments);
    if (!process.waitForFinished(240000)) {
        return {-1, {}, "did not finish: " + program};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString describe(const Run& result) {
    return result.out + "\n" + result.err;
}

// A /proc link as the kernel writes it (Qt's own reading would tidy " (deleted)" away).
QString linkText(const QString& path) {
    char target[4096] = {};
    const ssize_t length =
        ::readlink(QFile::encodeName(path).constData(), target, sizeof target - 1);
    return length > 0 ? QString::fromUtf8(target, length) : QString();
}

// The program a process runs ("… (deleted)" once dpkg has put another in its place).
QString programOf(qint64 pid) {
    return linkText(QStringLiteral("/proc/%1/exe").arg(pid));
}

// Whether the process has `file` open.
bool holdsOpen(qint64 pid, const QString& file) {
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString& fd : fds.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
        if (linkText(fds.filePath(fd)) == file) {
            return true;
        }
    }
    return false;
}

void switchOff(QProcess& process) {
    ::kill(pid_t(process.processId()), SIGKILL);
    process.waitForFinished();
}

} // namespace

class TestUpgradeMidSitting : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString build_;

    // The vigil-kiosk package of this build at `revision`, in its own folder.
    QString packageAt(int revision) {
        const Run configure =
            run("cmake",
                {"-S", kSourceDir + "/tests/packaging/stand-in-tree", "-B", build_, "-G", "Ninja",
                 "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_INSTALL_PREFIX=/usr",
                 "-DVIGIL_SOURCE_DIR=" + kSourceDir, "-DVIGIL_VERSION=" + kVersion,
                 "-DVIGIL_REAL_PROGRAMS=vigil-kiosk=" + qEnvironmentVariable("VIGIL_KIOSK_BINARY"),
                 "-DVIGIL_PACKAGE_REVISION=" + QString::number(revision)});
        if (configure.exitCode != 0) {
            qWarning("%s", qPrintable(describe(configure)));
            return {};
        }
        const Run built = run("cmake", {"--build", build_});
        // Only the kiosk's package (the other three hold stand-ins), and its program neither
        // stripped nor read by dpkg-shlibdeps: the sanitizer build is large (stripping it, or
        // reading its symbols, takes about half a minute each time), and dpkg installs it here
        // with --force-depends. tst_packages checks the dependency lists.
        const Run pack = run("cpack",
                             {"-G", "DEB", "-D", "CPACK_COMPONENTS_ALL=kiosk", "-D",
                              "CPACK_STRIP_FILES=OFF", "-D", "CPACK_DEBIAN_PACKAGE_SHLIBDEPS=OFF"},
                             build_);
        if (built.exitCode != 0 || pack.exitCode != 0) {
            qWarning("%s", qPrintable(describe(built) + describe(pack)));
            return {};
        }
        const QString arch = run("dpkg", {"--print-architecture"}).out.trimmed();
        const QString name =
            QStringLiteral("vigil-kiosk_%1-%2_%3.deb").arg(kVersion).arg(revision).arg(arch);
        const QString folder = work_.filePath(QString::number(revision));
        QDir().mkpath(folder);
        return QFile::rename(build_ + "/" + name, folder + "/" + name) ? folder + "/" + name
                                                                       : QString();
    }

    Run dpkg(const QString& root, const QStringList& arguments) const {
        return run("dpkg", QStringList{"--root=" + root, "--force-script-chrootless",
                                       "--force-depends", "--log=/dev/null"} +
                               arguments);
    }

private slots:
    void initTestCase() {
        for (const char* tool : {"cmake", "cpack", "dpkg", "dpkg-deb", "dpkg-shlibdeps"}) {
            if (QStandardPaths::findExecutable(tool).isEmpty()) {
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (dpkg-dev)").arg(tool)));
            }
        }
        if (::geteuid() != 0) {
            QSKIP("dpkg --root and the account the scripts create need root");
        }
        QVERIFY(!qEnvironmentVariable("VIGIL_KIOSK_BINARY").isEmpty());
        QVERIFY(work_.isValid());
        build_ = work_.filePath("build");
    }

    void upgradeMidSittingIsDeferredAndTheSittingResumes() {
        const QString previous = packageAt(1);
        const QString next = packageAt(2);
        QVERIFY(!previous.isEmpty() && !next.isEmpty());
        // A later build is an upgrade as dpkg sees it.
        QCOMPARE(
            run("dpkg", {"--compare-versions", kVersion + "-2", "gt", kVersion + "-1"}).exitCode,
            0);

        QTemporaryDir root;
        const QString r = root.path();
        for (const char* folder : {"etc", "var/lib/dpkg/info", "var/lib/dpkg/updates",
                                   "var/lib/dpkg/triggers", "var/log"}) {
            QVERIFY(QDir(r).mkpath(folder));
        }
        // A Debian system root as far as dpkg and the maintainer scripts care (tst_packages).
        const std::pair<const char*, const char*> files[] = {
            {"/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"},
            {"/etc/group", "root:x:0:\n"},
            {"/etc/shadow", "root:*:19000:0:99999:7:::\n"},
            {"/etc/gshadow", "root:*::\n"},
            {"/var/lib/dpkg/status", ""},
            {"/var/lib/dpkg/available", ""}};
        for (const auto& [file, text] : files) {
            QFile out(r + file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(text);
        }
        const Run install = dpkg(r, {"--install", previous});
        QVERIFY2(install.exitCode == 0, qPrintable(describe(install)));

        // 1. The seat, where a centre's delivery leaves it in the installed data folder.
        const QString dataDir = r + "/var/lib/vigil-kiosk";
        const auto seat = makeSampleSeat(dataDir.toStdString());
        QVERIFY(QDir(dataDir).mkpath("seat"));
        QVERIFY(QFile::rename(QString::fromStdString(seat.packageFile.string()),
                              dataDir + "/seat/assessment.vigil"));
        QVERIFY(QFile::rename(QString::fromStdString(seat.assignmentFile.string()),
                              dataDir + "/seat/assignment.vseat"));
        const QString self = QCoreApplication::applicationFilePath();

        // 2. The sitting starts, is answered, and the PC is switched off.
        QProcess first;
        first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        first.start(self, {QStringLiteral("--start"), dataDir});
        QByteArray out;
        QVERIFY2(vigil::testing::eventually(
                     [&] {
                         out += first.readAllStandardOutput();
                         return out.contains("STATE ") && out.endsWith('\n');
                     },
                     90'000),
                 out.constData());
        const QString before = stateLine(out);
        QVERIFY2(before.contains(QStringLiteral("heading=\"Question 4 of 5\" flagged=1")),
                 qPrintable(before));
        switchOff(first);

        // 3. The installed kiosk runs on the folder, the sitting in progress, while the next
        // build's package is installed over it.
        const QString installed = r + "/usr/bin/vigil-kiosk";
        QProcess running;
        running.setProcessChannelMode(QProcess::ForwardedChannels);
        running.start(installed, {QStringLiteral("--data-dir"), dataDir});
        QVERIFY(running.waitForStarted());
        QVERIFY2(vigil::testing::eventually(
                     [&] { return holdsOpen(running.processId(), dataDir + "/kiosk.db"); }),
                 "the installed kiosk never opened its store");
        const Run upgrade = dpkg(r, {"--install", next});
        QVERIFY2(upgrade.exitCode == 0, qPrintable(describe(upgrade)));
        QVERIFY2(upgrade.out.contains(QStringLiteral("upgraded from %1-1; the restart is deferred: "
                                                     "the kiosk is running")
                                          .arg(kVersion)),
                 qPrintable(upgrade.out));
        QVERIFY2(run("dpkg-query", {"--admindir=" + r + "/var/lib/dpkg", "--show",
                                    "--showformat=${Version}", "vigil-kiosk"})
                         .out == kVersion + "-2",
                 "the upgrade did not install the next build");
        // Not restarted: the same process, still the previous build's program.
        QCOMPARE(running.state(), QProcess::Running);
        QCOMPARE(programOf(running.processId()), installed + " (deleted)");
        switchOff(running);

        // 4. The next build's kiosk finds the sitting, and it resumes as it was left.
        QProcess selfTest;
        selfTest.start(installed,
                       {QStringLiteral("--self-test"), QStringLiteral("--data-dir"), dataDir});
        QVERIFY(selfTest.waitForFinished(60'000));
        const QByteArray status = selfTest.readAllStandardOutput();
        QCOMPARE(selfTest.exitCode(), 0);
        QVERIFY2(
            status.contains("screen=Locked sitting-in-progress=yes qml=loaded setup-error=\"\""),
            status.constData());

        QProcess resumed;
        resumed.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        resumed.start(self, {QStringLiteral("--resume"), dataDir});
        QVERIFY(resumed.waitForFinished(90'000));
        QCOMPARE(resumed.exitCode(), 0);
        const QString after = stateLine(resumed.readAllStandardOutput());
        QVERIFY2(after.contains(QStringLiteral("shown=\"Question 4 of 5\"")), qPrintable(after));
        qInfo("before: %s\nafter:  %s", qPrintable(before), qPrintable(after));
        QCOMPARE(withoutSeconds(after), withoutSeconds(before));
        // Time used between the last checkpoint and the switch-off is given back, never taken;
        // none passes while the kiosk shows the Locked screen.
        QVERIFY2(secondsOf(after) >= secondsOf(before) && secondsOf(after) <= secondsOf(before) + 6,
                 qPrintable(before + QStringLiteral(" / ") + after));
    }
};

int main(int argc, char* argv[]) {
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 3 &&
        (args.at(1) == QLatin1String("--start") || args.at(1) == QLatin1String("--resume"))) {
        return runChild(args.at(1), args.at(2));
    }
    TestUpgradeMidSitting test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_upgrade_mid_sitting.moc"
