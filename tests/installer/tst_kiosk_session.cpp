// The kiosk session a centre installs: the systemd unit's text, systemd's own verdict on it,
// the install script run into a throw-away system root, and the launcher's refusals.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QMultiMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString kInstallerDir = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../installer");

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly | QIODevice::Text) ? QString::fromUtf8(file.readAll())
                                                            : QString();
}

// key -> values of one section of a unit file (a key may repeat).
QMultiMap<QString, QString> section(const QString& unitText, const QString& name) {
    QMultiMap<QString, QString> values;
    QString current;
    for (const QString& raw : unitText.split('\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith('[')) {
            current = line.mid(1, line.size() - 2);
            continue;
        }
        if (current == name) {
            const qsizetype equals = line.indexOf('=');
            values.insert(line.left(equals), line.mid(equals + 1));
        }
    }
    return values;
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& arguments,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

struct FileState {
    bool exists = false;
    mode_t mode = 0; // permission bits only
    uid_t uid = 0;
    gid_t gid = 0;
    QString linkTarget;
};

FileState stateOf(const QString& path) {
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    return {true, mode_t(info.st_mode & 07777), info.st_uid, info.st_gid,
            S_ISLNK(info.st_mode) ? QFileInfo(path).symLinkTarget() : QString()};
}

// A system root as a fresh Debian has it, as far as the script cares.
bool makeBareRoot(const QString& root) {
    const QList<std::pair<QString, QByteArray>> files = {
        {"etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"},
        {"etc/group", "root:x:0:\n"},
        {"etc/shadow", "root:*:19000:0:99999:7:::\n"},
        {"etc/gshadow", "root:*::\n"},
    };
    if (!QDir(root).mkpath("etc"))
        return false;
    for (const auto& [name, content] : files) {
        QFile file(root + '/' + name);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return false;
    }
    return QFile::setPermissions(root + "/etc/shadow", QFile::ReadOwner | QFile::WriteOwner);
}

bool writeText(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

// The vigil-kiosk account's numeric ids in the system root.
std::pair<uid_t, gid_t> kioskIds(const QString& root) {
    for (const QString& line : readText(root + "/etc/passwd").split('\n')) {
        const QStringList fields = line.split(':');
        if (fields.value(0) == QLatin1String("vigil-kiosk"))
            return {fields[2].toUInt(), fields[3].toUInt()};
    }
    return {0, 0};
}

// Runs a shell command as the kiosk user would (its uid, its group only), as a candidate who
// got a shell in the session could.
Run runAsKiosk(const QString& root, const QString& command) {
    const auto [uid, gid] = kioskIds(root);
    return run("setpriv",
               {QStringLiteral("--reuid=%1").arg(uid), QStringLiteral("--regid=%1").arg(gid),
                "--clear-groups", "--", "sh", "-c", command});
}

// key -> value of a sysctl.d file.
QMap<QString, QString> sysctlValues(const QString& text) {
    QMap<QString, QString> values;
    for (const QString& raw : text.split('\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith(';'))
            continue;
        const qsizetype equals = line.indexOf('=');
        values.insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
    }
    return values;
}

QStringList linesStartingWith(const QString& text, const QString& prefix) {
    QStringList found;
    for (const QString& line : text.split('\n')) {
        if (line.startsWith(prefix))
            found.append(line);
    }
    return found;
}

} // namespace

class TestKioskSession : public QObject {
    Q_OBJECT
private slots:
    void unitRunsTheKioskLockedDownOnTty1() {
        const QString unit = readText(kInstallerDir + "/systemd/vigil-kiosk.service");
        QVERIFY(!unit.isEmpty());
        const auto service = section(unit, "Service");
        const auto unitSection = section(unit, "Unit");

        QCOMPARE(service.values("User"), QStringList{"vigil-kiosk"});
        QCOMPARE(service.values("Restart"), QStringList{"always"});
        QCOMPARE(unitSection.values("StartLimitIntervalSec"), QStringList{"0"});
        QCOMPARE(service.values("TTYPath"), QStringList{"/dev/tty1"});
        QCOMPARE(service.values("PAMName"), QStringList{"vigil-kiosk"});
        QCOMPARE(service.values("ExecStart"),
                 QStringList{"/usr/libexec/vigil-kiosk/kiosk-session"});
        QCOMPARE(service.values("RuntimeDirectoryMode"), QStringList{"0700"});
        QCOMPARE(service.values("NoNewPrivileges"), QStringList{"yes"});
        QCOMPARE(service.values("ProtectSystem"), QStringList{"strict"});
        QCOMPARE(service.values("ReadWritePaths"), QStringList{"/var/lib/vigil-kiosk"});
        QCOMPARE(service.values("ProtectHome"), QStringList{"yes"});
        QCOMPARE(service.values("PrivateTmp"), QStringList{"yes"});
        // A core of the kiosk holds decrypted questions.
        QCOMPARE(service.values("LimitCORE"), QStringList{"0"});
        // systemd would chown a StateDirectory, trust keys included, to the kiosk user.
        QVERIFY(!service.contains("StateDirectory"));
        QCOMPARE(service.values("ReadOnlyPaths"),
                 QStringList{"-/var/lib/vigil-kiosk/trust -/var/lib/vigil-kiosk/seat.conf"});

        const QString conflicts = unitSection.values("Conflicts").join(' ');
        for (const char* other :
             {"getty@tty1.service", "autovt@tty1.service", "display-manager.service",
              "gdm3.service", "lightdm.service", "sddm.service"})
            QVERIFY2(conflicts.split(' ').contains(other), other);

        // Options that would break the compositor or blind the machine checks.
        for (const char* harmful : {"PrivateDevices", "MemoryDenyWriteExecute", "ProtectProc",
                                    "ProcSubset", "PrivateNetwork", "DevicePolicy"})
            QVERIFY2(!service.contains(harmful), harmful);
        QCOMPARE(section(unit, "Install").values("WantedBy"), QStringList{"graphical.target"});
    }

    void cageIsNeverStartedWithVtSwitching() {
        const QString launcher = readText(kInstallerDir + "/kiosk-session");
        const QStringList execLines = linesStartingWith(launcher, "exec ");
        QCOMPARE(execLines.size(), 1);
        const QStringList words = execLines[0].split(' ', Qt::SkipEmptyParts);
        // cage runs inside the session's own D-Bus bus, which ends with it.
        QCOMPARE(words.value(1), QStringLiteral("/usr/bin/dbus-run-session"));
        QCOMPARE(words.value(2), QStringLiteral("--"));
        QCOMPARE(words.value(3), QStringLiteral("/usr/bin/cage"));
        const qsizetype separator = words.indexOf("--", 4);
        QVERIFY(separator > 3);
        QCOMPARE(words.value(separator + 1), QStringLiteral("\"$kiosk\""));
        for (qsizetype i = 4; i < separator; ++i) {
            QVERIFY2(
                !(words[i].startsWith('-') && !words[i].startsWith("--") && words[i].contains('s')),
                qPrintable("cage option " + words[i] + " allows VT switching"));
        }
        const QString unit = readText(kInstallerDir + "/systemd/vigil-kiosk.service");
        QVERIFY(!unit.contains(QRegularExpression(R"(^\s*ExecStart=.*cage\s+(-\w+\s+)*-\w*s)",
                                                  QRegularExpression::MultilineOption)));
    }

    void systemdAcceptsTheInstalledUnit() {
        const QString analyze = QStandardPaths::findExecutable("systemd-analyze");
        if (analyze.isEmpty())
            QSKIP("systemd-analyze is not installed; the unit's text is checked above");
        if (::geteuid() != 0)
            QSKIP("installing into a system root needs root");
        const QString systemUnits = "/usr/lib/systemd/system";
        if (!QFileInfo::exists(systemUnits + "/graphical.target"))
            QSKIP("this machine has no systemd unit files to verify against");

        QTemporaryDir root;
        QVERIFY(makeBareRoot(root.path()));
        QVERIFY(QDir(root.path()).mkpath("usr/lib/systemd"));
        const Run copy = run("cp", {"-a", systemUnits, root.path() + "/usr/lib/systemd/"});
        QVERIFY2(copy.exitCode == 0, qPrintable(copy.err));
        QVERIFY(QFile::link("usr/lib", root.path() + "/lib"));
        const Run install =
            run(kInstallerDir + "/install-kiosk-session.sh", {"--root", root.path()});
        QVERIFY2(install.exitCode == 0, qPrintable(install.err));

        const Run verify = run(analyze, {"verify", "--root=" + root.path(),
                                         "/etc/systemd/system/vigil-kiosk.service"});
        // verify exits 0 on unknown keys and bad values too: they only show on stderr.
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
        QVERIFY2(verify.err.trimmed().isEmpty(), qPrintable(verify.err));
    }

    void installScriptSetsUpAFreshRootAndIsIdempotent() {
        if (::geteuid() != 0)
            QSKIP("the install script creates a system user: it needs root");
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(makeBareRoot(root));

        const Run first = run(kInstallerDir + "/install-kiosk-session.sh", {"--root", root});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(first.out.contains("created user vigil-kiosk"));

        const QStringList users = linesStartingWith(readText(root + "/etc/passwd"), "vigil-kiosk:");
        QCOMPARE(users.size(), 1);
        const QStringList fields = users[0].split(':');
        const uid_t uid = fields[2].toUInt();
        QVERIFY2(uid > 0 && uid < 1000, "a system user");
        QCOMPARE(fields[5], QStringLiteral("/var/lib/vigil-kiosk"));
        QCOMPARE(fields[6], QStringLiteral("/usr/sbin/nologin"));
        const QStringList shadow =
            linesStartingWith(readText(root + "/etc/shadow"), "vigil-kiosk:");
        QCOMPARE(shadow.size(), 1);
        QVERIFY2(shadow[0].section(':', 1, 1).startsWith('!') ||
                     shadow[0].section(':', 1, 1) == "*",
                 "the account has no usable password");

        const gid_t gid = fields[3].toUInt();
        const auto expect = [&](const QString& path, mode_t mode, uid_t owner, gid_t group = 0) {
            const FileState state = stateOf(root + path);
            QVERIFY2(state.exists, qPrintable(path));
            QVERIFY2(state.linkTarget.isEmpty(), qPrintable(path));
            QCOMPARE(state.mode, mode);
            QCOMPARE(state.uid, owner);
            QCOMPARE(state.gid, group);
        };
        // root's folder; the kiosk's group may add its own files, the sticky bit keeps root's.
        expect("/var/lib/vigil-kiosk", 01770, 0, gid);
        expect("/var/lib/vigil-kiosk/trust", 0755, 0);
        expect("/var/lib/vigil-kiosk/seat.conf", 0644, 0);
        expect("/etc/vigil-kiosk", 0755, 0);
        expect("/etc/systemd/system/vigil-kiosk.service", 0644, 0);
        expect("/etc/pam.d/vigil-kiosk", 0644, 0);
        expect("/usr/libexec/vigil-kiosk/kiosk-session", 0755, 0);
        QCOMPARE(readText(root + "/etc/systemd/system/vigil-kiosk.service"),
                 readText(kInstallerDir + "/systemd/vigil-kiosk.service"));
        QCOMPARE(stateOf(root + "/etc/systemd/system/getty@tty1.service").linkTarget,
                 QStringLiteral("/dev/null"));
        QCOMPARE(stateOf(root + "/etc/systemd/system/autovt@tty1.service").linkTarget,
                 QStringLiteral("/dev/null"));
        QCOMPARE(stateOf(root + "/etc/systemd/system/graphical.target.wants/vigil-kiosk.service")
                     .linkTarget,
                 QStringLiteral("/etc/systemd/system/vigil-kiosk.service"));
        QCOMPARE(stateOf(root + "/etc/systemd/system/default.target").linkTarget,
                 QStringLiteral("/lib/systemd/system/graphical.target"));

        // Ctrl+Alt+Del, SysRq, other VTs' login prompts, core dumps.
        QCOMPARE(stateOf(root + "/etc/systemd/system/ctrl-alt-del.target").linkTarget,
                 QStringLiteral("/dev/null"));
        expect("/etc/sysctl.d/99-vigil-kiosk.conf", 0644, 0);
        const auto sysctl = sysctlValues(readText(root + "/etc/sysctl.d/99-vigil-kiosk.conf"));
        QCOMPARE(sysctl.value("kernel.sysrq"), QStringLiteral("0"));
        QCOMPARE(sysctl.value("fs.suid_dumpable"), QStringLiteral("0"));
        expect("/etc/systemd/logind.conf.d/vigil-kiosk.conf", 0644, 0);
        const auto logind =
            section(readText(root + "/etc/systemd/logind.conf.d/vigil-kiosk.conf"), "Login");
        QCOMPARE(logind.values("NAutoVTs"), QStringList{"0"});
        QCOMPARE(logind.values("ReserveVT"), QStringList{"0"});
        expect("/etc/systemd/coredump.conf.d/vigil-kiosk.conf", 0644, 0);
        const auto coredump =
            section(readText(root + "/etc/systemd/coredump.conf.d/vigil-kiosk.conf"), "Coredump");
        QCOMPARE(coredump.values("Storage"), QStringList{"none"});
        QCOMPARE(coredump.values("ProcessSizeMax"), QStringList{"0"});

        // Run again after someone loosened the data folder: repaired, nothing duplicated.
        QVERIFY(::chmod(QFile::encodeName(root + "/var/lib/vigil-kiosk").constData(), 0755) == 0);
        const QString passwdBefore = readText(root + "/etc/passwd");
        const Run second = run(kInstallerDir + "/install-kiosk-session.sh", {"--root", root});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY(!second.out.contains("created user"));
        QCOMPARE(readText(root + "/etc/passwd"), passwdBefore);
        expect("/var/lib/vigil-kiosk", 01770, 0, gid);
    }

    void theKioskUserCannotReplaceTheKeysItTrustsOrItsSeat() {
        if (::geteuid() != 0)
            QSKIP("the install script creates a system user: it needs root");
        QTemporaryDir tmp;
        const QString root = tmp.path();
        QVERIFY(makeBareRoot(root));
        // The kiosk user must reach the data folder inside the temporary root.
        QVERIFY(::chmod(QFile::encodeName(root).constData(), 0755) == 0);
        QVERIFY2(run(kInstallerDir + "/install-kiosk-session.sh", {"--root", root}).exitCode == 0,
                 "first install");
        const auto [uid, gid] = kioskIds(root);
        QVERIFY(uid > 0);

        // The centre's IT support lays out the keys and seat by hand, as root, as the kiosk
        // README says; one key is left over from a run as the kiosk user. Install again.
        const QString data = root + "/var/lib/vigil-kiosk";
        QVERIFY(QDir(data).mkpath("trust"));
        for (const char* key : {"awarding-body-signing.pub", "awarding-body-box.pub"})
            QVERIFY(writeText(data + "/trust/" + key, "public key\n"));
        QVERIFY(writeText(data + "/trust/issuer-signing.pub", "the centre's key\n"));
        QVERIFY(::chown(QFile::encodeName(data + "/trust/issuer-signing.pub").constData(), uid,
                        gid) == 0);
        QVERIFY(writeText(data + "/seat.conf", "centre=C0451\nroom=Workshop 2\nseat=PC07\n"));
        const Run again = run(kInstallerDir + "/install-kiosk-session.sh", {"--root", root});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        for (const char* key :
             {"awarding-body-signing.pub", "awarding-body-box.pub", "issuer-signing.pub"}) {
            const FileState state = stateOf(data + "/trust/" + key);
            QCOMPARE(state.uid, uid_t(0));
            QCOMPARE(state.gid, gid_t(0));
            QCOMPARE(state.mode, mode_t(0644));
        }

        // What a candidate with a shell as the kiosk user would try.
        const QStringList attacks = {
            "echo evil > trust/issuer-signing.pub",
            "rm -f trust/issuer-signing.pub",
            "mv trust trust.old",
            "rm -rf trust",
            "echo evil > trust/new.pub",
            "echo seat=PC99 > seat.conf",
            "mv seat.conf seat.old",
            "rm -f seat.conf",
            "chmod 0777 trust",
            "chmod 0777 .",
        };
        for (const QString& attack : attacks) {
            const Run attempt = runAsKiosk(root, "cd '" + data + "' && " + attack);
            QVERIFY2(attempt.exitCode != 0, qPrintable("the kiosk user could: " + attack));
        }
        QCOMPARE(readText(data + "/trust/issuer-signing.pub"),
                 QStringLiteral("the centre's key\n"));
        QVERIFY(readText(data + "/seat.conf").contains("seat=PC07"));

        // Its own data stays its own: it creates, rewrites and renames its store files.
        const Run own = runAsKiosk(
            root, "cd '" + data + "' && echo k > store.key.tmp && mv store.key.tmp store.key && " +
                      "echo db > kiosk.db && echo wal > kiosk.db-wal && rm kiosk.db-wal");
        QVERIFY2(own.exitCode == 0, qPrintable(own.err));
        QCOMPARE(stateOf(data + "/store.key").uid, uid);
    }

    void installScriptInstallsTheCentresTrustKeysAndSeat() {
        if (::geteuid() != 0)
            QSKIP("the install script creates a system user: it needs root");
        QTemporaryDir tmp;
        const QString root = tmp.path() + "/root";
        QVERIFY(QDir().mkpath(root));
        QVERIFY(makeBareRoot(root));
        const QString keys = tmp.path() + "/keys";
        QVERIFY(QDir().mkpath(keys));
        for (const char* key :
             {"awarding-body-signing.pub", "awarding-body-box.pub", "issuer-signing.pub"})
            QVERIFY(writeText(keys + '/' + key, QByteArray("public ") + key));
        QVERIFY(writeText(keys + "/centre-box.key", "secret"));
        QVERIFY(writeText(tmp.path() + "/seat.conf", "centre=C0451\nroom=Workshop 2\nseat=PC07\n"));

        const Run install =
            run(kInstallerDir + "/install-kiosk-session.sh",
                {"--root", root, "--trust-keys", keys, "--seat-conf", tmp.path() + "/seat.conf"});
        QVERIFY2(install.exitCode == 0, qPrintable(install.err));
        const QString trust = root + "/var/lib/vigil-kiosk/trust";
        for (const char* key :
             {"awarding-body-signing.pub", "awarding-body-box.pub", "issuer-signing.pub"}) {
            const FileState state = stateOf(trust + '/' + key);
            QVERIFY2(state.exists, key);
            QCOMPARE(state.mode, mode_t(0644));
            QCOMPARE(state.uid, uid_t(0));
            QCOMPARE(state.gid, gid_t(0));
            QCOMPARE(readText(trust + '/' + key), QStringLiteral("public ") + key);
        }
        // Issue 11: no kiosk holds the centre's box key: one given with the trust keys is not
        // installed, and one an older install left is removed.
        QVERIFY(!stateOf(trust + "/centre-box.key").exists);
        QVERIFY2(install.err.contains("not installing centre-box.key"), qPrintable(install.err));
        QVERIFY(writeText(trust + "/centre-box.key", "secret of an older install"));
        const Run again = run(kInstallerDir + "/install-kiosk-session.sh", {"--root", root});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(!stateOf(trust + "/centre-box.key").exists);
        QVERIFY2(again.err.contains("kiosks no longer hold the centre's box key"),
                 qPrintable(again.err));
        const FileState seat = stateOf(root + "/var/lib/vigil-kiosk/seat.conf");
        QCOMPARE(seat.mode, mode_t(0644));
        QCOMPARE(seat.uid, uid_t(0));
        QVERIFY(readText(root + "/var/lib/vigil-kiosk/seat.conf").contains("seat=PC07"));

        const Run empty = run(kInstallerDir + "/install-kiosk-session.sh",
                              {"--root", root, "--trust-keys", tmp.path() + "/root/etc"});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("no trust key in"), qPrintable(empty.err));
    }

    void installScriptRefusesBadArguments() {
        const QString script = kInstallerDir + "/install-kiosk-session.sh";
        const Run unknown = run(script, {"--rot", "/tmp"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown option '--rot'"));
        if (::geteuid() != 0)
            return;
        const Run missing = run(script, {"--root", "/nonexistent/vigil-root"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("root '/nonexistent/vigil-root' is not a directory"));
    }

    void launcherRefusesARuntimeDirectoryOthersCanReach() {
        const QString launcher = kInstallerDir + "/kiosk-session";
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove("RUNTIME_DIRECTORY");
        Run result = run(launcher, {}, environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("RUNTIME_DIRECTORY is not set"), qPrintable(result.err));

        QTemporaryDir runtime;
        QVERIFY(::chmod(QFile::encodeName(runtime.path()).constData(), 0755) == 0);
        environment.insert("RUNTIME_DIRECTORY", runtime.path());
        result = run(launcher, {}, environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("has mode 755, expected 700"), qPrintable(result.err));

        QVERIFY(::chmod(QFile::encodeName(runtime.path()).constData(), 0700) == 0);
        environment.insert("VIGIL_KIOSK_BINARY", runtime.path() + "/no-such-kiosk");
        result = run(launcher, {}, environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("no-such-kiosk is not installed"), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestKioskSession)
#include "tst_kiosk_session.moc"
