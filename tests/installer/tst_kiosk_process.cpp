// The kiosk process as the session runs it: its memory holds decrypted questions, so the kernel
// must see it non-dumpable (no core file, no same-user ptrace or /proc/<pid>/mem) with a core
// size limit of 0. Checked on the real vigil-kiosk binary, from inside (--self-test) and from
// outside (/proc, as another process of the same user sees it).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString kioskBinary() {
    return qEnvironmentVariable("VIGIL_BUILD_DIR") + QStringLiteral("/kiosk/vigil-kiosk");
}

// The user the kiosk runs as in this test: nobody when the test is root (root may read every
// process, so only another user shows what the kernel refuses), else the test's own user.
constexpr uid_t kNobody = 65534;

struct ProcState {
    bool exists = false;
    uid_t statusOwner = 0;
    uid_t processUid = 0;
    QString coreLimit; // /proc/<pid>/limits, "Max core file size" soft limit
};

ProcState procState(qint64 pid) {
    const QString dir = QStringLiteral("/proc/%1").arg(pid);
    struct stat info {};
    if (::stat(QFile::encodeName(dir + "/status").constData(), &info) != 0)
        return {};
    ProcState state{true, info.st_uid, 0, {}};
    QFile status(dir + "/status");
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("Uid:"))
                state.processUid = line.mid(4).simplified().split(' ').value(0).toUInt();
        }
    }
    QFile limits(dir + "/limits");
    if (limits.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : limits.readAll().split('\n')) {
            if (line.startsWith("Max core file size"))
                state.coreLimit = QString::fromLatin1(line.mid(26).simplified().split(' ')[0]);
        }
    }
    return state;
}

} // namespace

class TestKioskProcess : public QObject {
    Q_OBJECT
private slots:
    void selfTestReportsNoCoreDumps() {
        QTemporaryDir data;
        QProcess kiosk;
        kiosk.setProcessChannelMode(QProcess::MergedChannels);
        kiosk.start(kioskBinary(), {"--data-dir", data.path() + "/kiosk", "--self-test"});
        QVERIFY(kiosk.waitForFinished(60'000));
        const QString out = QString::fromUtf8(kiosk.readAll());
        // Out of service (an empty data folder) is fine here: the process is what is checked.
        QVERIFY2(out.contains("vigil-kiosk process: dumpable=no core-limit=0\n"), qPrintable(out));
    }

    void theKernelSeesTheRunningKioskNonDumpable() {
        QTemporaryDir tmp;
        const bool root = ::geteuid() == 0;
        if (root &&
            QProcess::execute("setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", "--",
                                          "test", "-x", kioskBinary()}) != 0)
            QSKIP("user nobody cannot reach the build folder; selfTestReportsNoCoreDumps checks "
                  "the same from inside the kiosk");
        const uid_t user = root ? kNobody : ::geteuid();
        const QString data = tmp.path() + "/kiosk";
        const QString runtime = tmp.path() + "/runtime";
        QVERIFY(QDir().mkpath(data) && QDir().mkpath(runtime));
        QVERIFY(::chmod(QFile::encodeName(runtime).constData(), 0700) == 0);
        QVERIFY(::chmod(QFile::encodeName(data).constData(), 0700) == 0);
        if (root) {
            QVERIFY(::chmod(QFile::encodeName(tmp.path()).constData(), 0755) == 0);
            for (const QString& dir : {data, runtime})
                QVERIFY(::chown(QFile::encodeName(dir).constData(), kNobody, kNobody) == 0);
        }

        QProcess kiosk;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        environment.insert("XDG_RUNTIME_DIR", runtime);
        kiosk.setProcessEnvironment(environment);
        kiosk.setProcessChannelMode(QProcess::ForwardedChannels);
        QStringList command{kioskBinary(), "--data-dir", data};
        if (root)
            command =
                QStringList{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"} +
                command;
        kiosk.start(command.takeFirst(), command);
        QVERIFY(kiosk.waitForStarted());
        const qint64 pid = kiosk.processId();

        // Out of service, it runs on: the kiosk marks itself first thing in main().
        ProcState state;
        const bool marked = QTest::qWaitFor(
            [&] {
                state = procState(pid);
                return state.exists && state.processUid == user && state.statusOwner == 0;
            },
            20'000);
        const bool running = kiosk.state() == QProcess::Running;
        kiosk.kill();
        kiosk.waitForFinished();
        QVERIFY2(running, "the kiosk exited");
        // A dumpable process's /proc files belong to its user; a non-dumpable one's to root.
        QVERIFY2(marked, qPrintable(QStringLiteral("/proc/%1/status of uid %2 is owned by %3")
                                        .arg(pid)
                                        .arg(state.processUid)
                                        .arg(state.statusOwner)));
        QCOMPARE(state.coreLimit, QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestKioskProcess)
#include "tst_kiosk_process.moc"
