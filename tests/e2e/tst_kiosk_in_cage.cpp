// End-to-end: the kiosk session as a centre PC runs it. A sample seat is made with the real
// vigil-pack, then the real launcher (installer/kiosk-session) starts the real cage, headless,
// with the real vigil-kiosk inside it, as a non-root user with its own 0700 runtime folder.
// vigil-kiosk --session-check reports what it sees on the Wayland display and quits; its window
// closing ends cage. cage exits 0 whatever the kiosk returns, so the report file is the verdict.
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <csignal>
#include <filesystem>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

const QString kLauncher = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../installer/kiosk-session");
const QString kSampleAssessment =
    QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../exam/samples/mot-braking-lighting-tyres");
// The launcher runs this path, as installed by Debian's cage package.
const QString kCage = QStringLiteral("/usr/bin/cage");
// Under ASan with software GL a run takes ~3 s; the kiosk itself gives up after 20 s.
constexpr int kSessionTimeoutMs = 28000;

struct KioskUser {
    QString name; // empty: the user running the test (not root)
    uid_t uid = 0;
    gid_t gid = 0;
};

QString env(const char* name) {
    return qEnvironmentVariable(name);
}

QString runPack(const QStringList& arguments, const QProcessEnvironment& environment = {}) {
    QProcess pack;
    if (!environment.isEmpty()) {
        pack.setProcessEnvironment(environment);
    }
    pack.start(env("VIGIL_PACK_BINARY"), arguments);
    if (!pack.waitForFinished(60000) || pack.exitStatus() != QProcess::NormalExit ||
        pack.exitCode() != 0) {
        return QStringLiteral("vigil-pack %1 failed: %2")
            .arg(arguments.join(u' '), QString::fromUtf8(pack.readAllStandardError()));
    }
    return {};
}

void chownTree(const fs::path& root, const KioskUser& user) {
    QVERIFY(::chown(root.c_str(), user.uid, user.gid) == 0);
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        QVERIFY2(::chown(entry.path().c_str(), user.uid, user.gid) == 0, entry.path().c_str());
    }
}

// Pids of live processes whose environment carries `marker` (cage, the kiosk, Xwayland and
// anything else the session started inherit it).
QList<pid_t> processesMarkedWith(const QByteArray& marker) {
    QList<pid_t> found;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        QFile environ(QString::fromStdString(entry.path().string() + "/environ"));
        if (environ.open(QIODevice::ReadOnly) && environ.readAll().split('\0').contains(marker)) {
            found.append(pid_t(std::stol(name)));
        }
    }
    return found;
}

} // namespace

class KioskInCageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sessionShowsLockedFullscreenKioskUnderCage();

private:
    KioskUser user_;
    QString runuser_; // absolute path, when the session must run as another user
};

void KioskInCageTest::initTestCase() {
    if (!QFileInfo(kCage).isExecutable()) {
        QSKIP("cage is not installed at /usr/bin/cage (scripts/setup.sh test installs it)");
    }
    if (QStandardPaths::findExecutable(QStringLiteral("Xwayland")).isEmpty()) {
        QSKIP("Xwayland is not installed (package xwayland; scripts/setup.sh test installs it)");
    }
    QVERIFY2(QFileInfo(env("VIGIL_KIOSK_BINARY")).isExecutable(), "VIGIL_KIOSK_BINARY not set");
    QVERIFY2(QFileInfo(env("VIGIL_PACK_BINARY")).isExecutable(), "VIGIL_PACK_BINARY not set");
    if (::geteuid() != 0) {
        user_ = {QString(), ::geteuid(), ::getegid()};
        return;
    }
    // cage refuses root: run the session as nobody, which every Debian system has.
    const passwd* nobody = ::getpwnam("nobody");
    if (!nobody) {
        QSKIP("running as root and there is no user 'nobody' to run cage as");
    }
    // runuser lives in sbin, which a caller's PATH may leave out.
    runuser_ = QStandardPaths::findExecutable(
        QStringLiteral("runuser"),
        {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin")});
    if (runuser_.isEmpty()) {
        QSKIP("running as root and runuser (util-linux) is missing to start cage as nobody");
    }
    user_ = {QStringLiteral("nobody"), nobody->pw_uid, nobody->pw_gid};
    // nobody must reach the binaries and the launcher through every parent folder.
    for (const QString& file : {env("VIGIL_KIOSK_BINARY"), kLauncher}) {
        for (QDir dir = QFileInfo(file).absoluteDir(); !dir.isRoot(); dir.cdUp()) {
            if (!(QFileInfo(dir.absolutePath()).permissions() & QFileDevice::ExeOther)) {
                QSKIP(qPrintable(QStringLiteral("running as root and nobody cannot enter %1")
                                     .arg(dir.absolutePath())));
            }
        }
    }
}

void KioskInCageTest::sessionShowsLockedFullscreenKioskUnderCage() {
    QTemporaryDir work(QDir::tempPath() + QStringLiteral("/vigil-cage-XXXXXX"));
    QVERIFY(work.isValid());
    const fs::path root = work.path().toStdString();
    const fs::path keys = root / "keys"; // the awarding body's and centre's: stay with root
    const fs::path seat = root / "seat"; // everything the kiosk's user reads or writes
    const fs::path data = seat / "data";
    const fs::path runtime = seat / "runtime";
    const fs::path report = seat / "report" / "session-check.txt";
    fs::create_directories(keys);
    fs::create_directories(data / "trust");
    fs::create_directories(runtime);
    fs::create_directories(report.parent_path());
    fs::create_directories(seat / "home");
    fs::permissions(root, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);

    // The sample seat, made as scripts/run-vigil.sh makes it.
    const auto key = [&](const char* name) {
        return QString::fromStdString((keys / name).string());
    };
    using KeyKind = std::pair<const char*, const char*>;
    for (const auto& [kind, name] :
         {KeyKind{"--signing", "awarding-body"}, KeyKind{"--box", "awarding-body-box"},
          KeyKind{"--signing", "centre"}, KeyKind{"--box", "centre-box"}}) {
        const QString error = runPack({QStringLiteral("keygen"), QLatin1String(kind), key(name)});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    fs::copy_file(keys / "awarding-body.pub", data / "trust" / "awarding-body-signing.pub");
    fs::copy_file(keys / "awarding-body-box.pub", data / "trust" / "awarding-body-box.pub");
    fs::copy_file(keys / "centre.pub", data / "trust" / "issuer-signing.pub");
    {
        QFile conf(QString::fromStdString((data / "seat.conf").string()));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("centre=C0451\nroom=Workshop 2\nseat=PC07\n");
    }
    // The kiosk's first start makes its store and its key (kiosk-signing.pub beside it), which
    // the assignment names; with no assignment yet, its self-test says so.
    {
        QProcess firstStart;
        firstStart.start(env("VIGIL_KIOSK_BINARY"),
                         {QStringLiteral("--self-test"), QStringLiteral("--data-dir"),
                          QString::fromStdString(data.string())});
        QVERIFY(firstStart.waitForFinished(60000));
        QVERIFY2(fs::exists(data / "kiosk-signing.pub"),
                 qPrintable(QString::fromUtf8(firstStart.readAll())));
    }
    const QString package = QString::fromStdString((seat / "assessment.vigil").string());
    const QString assignment = QString::fromStdString((seat / "assignment.vseat").string());
    QString error =
        runPack({QStringLiteral("build"), kSampleAssessment, QStringLiteral("--signing-key"),
                 key("awarding-body.sk"), QStringLiteral("--centre"),
                 "C0451=" + key("centre-box.pub"), QStringLiteral("-o"), package});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto packEnvironment = QProcessEnvironment::systemEnvironment();
    packEnvironment.insert(QStringLiteral("VIGIL_PIN_INV_0042"), QStringLiteral("482916"));
    packEnvironment.insert(QStringLiteral("VIGIL_PASSWORD_INV_0042"),
                           QStringLiteral("Brake-Fluid-77"));
    error = runPack({QStringLiteral("assign"),
                     QStringLiteral("--signing-key"),
                     key("centre.sk"),
                     QStringLiteral("--package"),
                     package,
                     QStringLiteral("--ab-key"),
                     key("awarding-body.pub"),
                     QStringLiteral("--kiosk-key"),
                     QString::fromStdString((data / "kiosk-signing.pub").string()),
                     QStringLiteral("--centre-key"),
                     key("centre-box.sk"),
                     QStringLiteral("--session"),
                     QStringLiteral("E2E-CAGE"),
                     QStringLiteral("--centre"),
                     QStringLiteral("C0451"),
                     QStringLiteral("--centre-name"),
                     QStringLiteral("Northfield Motor Training Centre"),
                     QStringLiteral("--room"),
                     QStringLiteral("Workshop 2"),
                     QStringLiteral("--seat"),
                     QStringLiteral("PC07"),
                     QStringLiteral("--date"),
                     QDate::currentDate().toString(Qt::ISODate),
                     QStringLiteral("--candidate"),
                     QStringLiteral("Jordan Ellis"),
                     QStringLiteral("--registration"),
                     QStringLiteral("AB123456"),
                     QStringLiteral("--invigilator"),
                     QStringLiteral("INV-0042:Sam Carter"),
                     QStringLiteral("-o"),
                     assignment},
                    packEnvironment);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The data folder and the runtime folder are the kiosk user's alone, as systemd makes them.
    fs::permissions(data, fs::perms::owner_all);
    fs::permissions(runtime, fs::perms::owner_all);
    chownTree(seat, user_);

    // A clean environment, as systemd gives the unit; the marker finds every process the
    // session started, wherever it ends up.
    const QByteArray marker = "VIGIL_E2E_SESSION=" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QStringList environment = {
        QStringLiteral("PATH=/usr/bin:/bin"),
        "HOME=" + QString::fromStdString((seat / "home").string()),
        "RUNTIME_DIRECTORY=" + QString::fromStdString(runtime.string()),
        "VIGIL_KIOSK_BINARY=" + env("VIGIL_KIOSK_BINARY"),
        QStringLiteral("WLR_BACKENDS=headless"),
        QStringLiteral("WLR_RENDERER=pixman"),
        QStringLiteral("WLR_LIBINPUT_NO_DEVICES=1"),
        // Under cage the kiosk draws with Mesa's GL (llvmpipe), whose allocations LeakSanitizer
        // reports as leaks in an <unknown module> that no suppression can name; and cage
        // ignores the kiosk's exit status anyway. Leaks are checked by the offscreen tests.
        QStringLiteral("ASAN_OPTIONS=detect_leaks=0"),
        QString::fromLatin1(marker),
    };
    const QStringList kioskArguments = {
        QStringLiteral("--data-dir"),      QString::fromStdString(data.string()),
        QStringLiteral("--package"),       package,
        QStringLiteral("--assignment"),    assignment,
        QStringLiteral("--session-check"), QString::fromStdString(report.string())};
    QStringList command = QStringList{QStringLiteral("/usr/bin/env"), QStringLiteral("-i")} +
                          environment + QStringList{kLauncher} + kioskArguments;
    if (!user_.name.isEmpty()) {
        command =
            QStringList{runuser_, QStringLiteral("-u"), user_.name, QStringLiteral("--")} + command;
    }

    QProcess session;
    session.setProcessChannelMode(QProcess::MergedChannels);
    // Its own process group, so that a hung session can be killed whole.
    session.setChildProcessModifier([] { ::setpgid(0, 0); });
    session.start(command.takeFirst(), command);
    QVERIFY2(session.waitForStarted(), qPrintable(session.errorString()));
    const pid_t group = pid_t(session.processId());
    QElapsedTimer elapsed;
    elapsed.start();
    const bool finished = session.waitForFinished(kSessionTimeoutMs);
    if (!finished) {
        ::kill(-group, SIGKILL);
        session.waitForFinished(5000);
    }
    const QString output = QString::fromUtf8(session.readAll());
    qInfo("session ran %.1f s", double(elapsed.elapsed()) / 1000);

    // Nothing of the session may outlive it.
    QList<pid_t> leftovers;
    (void)QTest::qWaitFor([&] { return (leftovers = processesMarkedWith(marker)).isEmpty(); },
                          3000);
    QStringList leftoverCommands;
    for (const pid_t pid : leftovers) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        leftoverCommands << (cmdline.open(QIODevice::ReadOnly)
                                 ? QString::fromLocal8Bit(cmdline.readAll().replace('\0', ' '))
                                 : QStringLiteral("pid %1").arg(pid));
        ::kill(pid, SIGKILL);
    }
    QVERIFY2(finished, qPrintable("cage did not exit within the time limit:\n" + output));
    QVERIFY2(leftovers.isEmpty(),
             qPrintable(QStringLiteral("%1 processes outlived the session: %2")
                            .arg(leftovers.size())
                            .arg(leftoverCommands.join(QStringLiteral("; ")))));
    QVERIFY2(session.exitStatus() == QProcess::NormalExit && session.exitCode() == 0,
             qPrintable("the launcher or cage failed:\n" + output));

    QFile reportFile(QString::fromStdString(report.string()));
    QVERIFY2(reportFile.open(QIODevice::ReadOnly | QIODevice::Text),
             qPrintable("the kiosk wrote no session check:\n" + output));
    const QStringList lines = QString::fromUtf8(reportFile.readAll()).split(u'\n');
    const auto value = [&](const QString& key) {
        for (const QString& line : lines) {
            if (line.startsWith(key + u'=')) {
                return line.mid(key.size() + 1);
            }
        }
        return QString();
    };
    const QString why = "\nreport:\n" + lines.join(u'\n') + "\nsession output:\n" + output;
    QVERIFY2(value(QStringLiteral("platform")) == QLatin1String("wayland"), qPrintable(why));
    QVERIFY2(value(QStringLiteral("keyboard-lock")) == QLatin1String("compositor"),
             qPrintable(why));
    QVERIFY2(value(QStringLiteral("fullscreen")) == QLatin1String("yes"), qPrintable(why));
    QVERIFY2(value(QStringLiteral("locked-screen-shown")) == QLatin1String("yes"), qPrintable(why));
    QVERIFY2(!value(QStringLiteral("screen-size")).isEmpty() &&
                 value(QStringLiteral("window-size")) == value(QStringLiteral("screen-size")),
             qPrintable(why));
    const QString status = value(QStringLiteral("status"));
    QVERIFY2(status.contains(QLatin1String("screen=Locked")), qPrintable(why));
    QVERIFY2(status.contains(QLatin1String("qml=loaded")), qPrintable(why));
    QVERIFY2(status.contains(QLatin1String("setup-error=\"\"")), qPrintable(why));
    QVERIFY2(value(QStringLiteral("result")) == QLatin1String("pass"), qPrintable(why));
    // The kiosk checked that its compositor is this session's cage before trusting it as the
    // lock (otherwise a machine-check finding stops every sitting).
    QVERIFY2(output.contains("the Wayland compositor is the kiosk session's own cage"),
             qPrintable(why));
    // The kiosk opened its encrypted store and key as its own user, in its own data folder.
    for (const char* name : {"kiosk.db", "store.key"}) {
        struct stat info {};
        QVERIFY2(::stat((data / name).c_str(), &info) == 0, name);
        QVERIFY2(info.st_uid == user_.uid, name);
    }
}

QTEST_GUILESS_MAIN(KioskInCageTest)
#include "tst_kiosk_in_cage.moc"
