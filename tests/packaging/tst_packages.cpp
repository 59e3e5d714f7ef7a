// The four Debian packages, built by the real packaging/ and installer/ CMake and CPack
// configuration from a tree whose five programs are stand-ins (stand-in-tree/: seconds, not a
// second full build), then installed, upgraded, removed and purged by the real dpkg in a
// throw-away system root (dpkg --root --force-script-chrootless: the maintainer scripts run
// with DPKG_ROOT). What this cannot show (the real programs, Debian's dependencies, a booted
// systemd) is scripts/check-packages.sh's, on a fresh Debian root (packaging/README.md).
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString kSourceDir = QStringLiteral(VIGIL_SOURCE_DIR);
const QString kVersion = QStringLiteral(VIGIL_VERSION);
const QStringList kPackages = {"vigil-kiosk", "vigil-console", "vigil-syncd", "vigil-tools"};

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& arguments, const QString& directory = {},
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(directory);
    process.setStandardInputFile(QProcess::nullDevice()); // nothing may ask a question
    process.start(program, arguments);
    if (!process.waitForFinished(240000))
        return {-1, {}, "did not finish: " + program};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString describe(const Run& result) {
    return result.out + "\n" + result.err;
}

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool writeFile(const QString& path, const QByteArray& content, mode_t mode, uid_t uid = 0,
               gid_t gid = 0) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(content) != content.size())
        return false;
    file.close();
    const QByteArray name = QFile::encodeName(path);
    return ::chmod(name.constData(), mode) == 0 && ::chown(name.constData(), uid, gid) == 0;
}

// Every entry under root (dpkg's own database aside): type, mode, owner, link target, content.
QMap<QString, QString> snapshot(const QString& root) {
    QMap<QString, QString> entries;
    QDirIterator it(root, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = path.mid(root.size());
        if (relative.startsWith("/var/lib/dpkg") || relative.startsWith("/var/log"))
            continue;
        struct stat info {};
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
            continue;
        QString entry =
            QStringLiteral("%1 %2:%3 ").arg(info.st_mode, 0, 8).arg(info.st_uid).arg(info.st_gid);
        if (S_ISLNK(info.st_mode)) {
            char target[4096] = {};
            const ssize_t length =
                ::readlink(QFile::encodeName(path).constData(), target, sizeof target - 1);
            entry += "-> " + QString::fromUtf8(target, length > 0 ? length : 0);
        } else if (S_ISREG(info.st_mode)) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                entry +=
                    QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
        }
        entries.insert(relative, entry);
    }
    return entries;
}

// A Debian system root as far as dpkg and the maintainer scripts care: accounts and an empty
// package database.
bool makeBareRoot(const QString& root) {
    for (const char* folder :
         {"etc", "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log"})
        if (!QDir(root).mkpath(folder))
            return false;
    return writeFile(root + "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", 0644) &&
           writeFile(root + "/etc/group", "root:x:0:\n", 0644) &&
           writeFile(root + "/etc/shadow", "root:*:19000:0:99999:7:::\n", 0600) &&
           writeFile(root + "/etc/gshadow", "root:*::\n", 0600) &&
           writeFile(root + "/var/lib/dpkg/status", "", 0644) &&
           writeFile(root + "/var/lib/dpkg/available", "", 0644);
}

// A system account's numeric ids in the root.
std::pair<uid_t, gid_t> idsOf(const QString& root, const QString& user) {
    for (const QString& line : readText(root + "/etc/passwd").split('\n')) {
        const QStringList fields = line.split(':');
        if (fields.value(0) == user)
            return {fields[2].toUInt(), fields[3].toUInt()};
    }
    return {0, 0};
}

// The files (not folders) a .deb holds, as "./path".
QStringList filesIn(const QString& deb) {
    QStringList files;
    const Run listing = run("dpkg-deb", {"--contents", deb});
    for (const QString& line : listing.out.split('\n', Qt::SkipEmptyParts)) {
        if (line.startsWith('d'))
            continue;
        QString path = line.section(QRegularExpression("\\s+"), 5);
        path = path.section(" -> ", 0, 0);
        files.append(path);
    }
    files.sort();
    return files;
}

} // namespace

class TestPackages : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString debs_;

    QString deb(const QString& package) const {
        const QDir folder(debs_);
        const QStringList found = folder.entryList({package + "_*.deb"}, QDir::Files);
        return found.size() == 1 ? folder.filePath(found.first()) : QString();
    }

    QStringList allDebs() const {
        QStringList paths;
        for (const QString& package : kPackages)
            paths.append(deb(package));
        return paths;
    }

    Run dpkg(const QString& root, const QStringList& arguments) const {
        return run("dpkg", QStringList{"--root=" + root, "--force-script-chrootless",
                                       "--force-depends", "--log=/dev/null"} +
                               arguments);
    }

    void installAll(const QString& root) {
        const Run install = dpkg(root, QStringList{"--install"} + allDebs());
        QVERIFY2(install.exitCode == 0, qPrintable(describe(install)));
    }

private slots:
    void initTestCase() {
        for (const char* tool : {"cmake", "cpack", "dpkg", "dpkg-deb", "dpkg-shlibdeps"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (dpkg-dev)").arg(tool)));
        QVERIFY(work_.isValid());
        const QString build = work_.filePath("build");
        const Run configure =
            run("cmake", {"-S", kSourceDir + "/tests/packaging/stand-in-tree", "-B", build, "-G",
                          "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_INSTALL_PREFIX=/usr",
                          "-DVIGIL_SOURCE_DIR=" + kSourceDir, "-DVIGIL_VERSION=" + kVersion});
        QVERIFY2(configure.exitCode == 0, qPrintable(describe(configure)));
        const Run build_ = run("cmake", {"--build", build});
        QVERIFY2(build_.exitCode == 0, qPrintable(describe(build_)));
        const Run pack = run("cpack", {"-G", "DEB"}, build);
        QVERIFY2(pack.exitCode == 0, qPrintable(describe(pack)));
        debs_ = build;
    }

    // The project's version and, as the Debian revision, the build counter: without
    // VIGIL_PACKAGE_REVISION, the tree's commit count (tst_upgrade_mid_sitting sets it).
    void fourPackagesVersionedFromTheProjectAndTheBuildCounter() {
        const Run count = run("git", {"-C", kSourceDir, "rev-list", "--count", "HEAD"});
        // 1 where git cannot count (a fresh Debian root has no git): never 0, which CPack drops.
        const QString revision = count.exitCode == 0 ? count.out.trimmed() : QStringLiteral("1");
        const QString version = kVersion + "-" + revision;
        const QString arch = run("dpkg", {"--print-architecture"}).out.trimmed();
        for (const QString& package : kPackages) {
            const QString file = deb(package);
            QVERIFY2(!file.isEmpty(), qPrintable(package));
            QCOMPARE(QFileInfo(file).fileName(),
                     QStringLiteral("%1_%2_%3.deb").arg(package, version, arch));
            const Run fields = run("dpkg-deb", {"--field", file, "Package", "Version"});
            QCOMPARE(fields.out,
                     QStringLiteral("Package: %1\nVersion: %2\n").arg(package, version));
        }
    }

    void eachPackageHoldsItsOwnFiles() {
        const QMap<QString, QStringList> expected = {
            {"vigil-kiosk",
             {"./etc/pam.d/vigil-kiosk", "./lib/systemd/system/vigil-kiosk.service",
              "./usr/bin/vigil-kiosk", "./usr/lib/sysctl.d/99-vigil-kiosk.conf",
              "./usr/lib/systemd/coredump.conf.d/vigil-kiosk.conf",
              "./usr/lib/systemd/logind.conf.d/vigil-kiosk.conf",
              "./usr/libexec/vigil-kiosk/kiosk-session",
              "./usr/libexec/vigil-kiosk/prepare-data-folder",
              "./usr/share/doc/vigil-kiosk/changelog.Debian.gz",
              "./usr/share/doc/vigil-kiosk/copyright", "./usr/share/doc/vigil/installer/README.md",
              "./usr/share/man/man1/vigil-kiosk.1.gz"}},
            {"vigil-console",
             {"./usr/bin/vigil-console", "./usr/share/applications/vigil-console.desktop",
              "./usr/share/doc/vigil-console/changelog.Debian.gz",
              "./usr/share/doc/vigil-console/copyright",
              "./usr/share/man/man1/vigil-console.1.gz"}},
            {"vigil-syncd",
             {"./etc/vigil/syncd.conf", "./lib/systemd/system/vigil-syncd.service",
              "./usr/bin/vigil-syncd", "./usr/share/doc/vigil-syncd/README.md",
              "./usr/share/doc/vigil-syncd/changelog.Debian.gz",
              "./usr/share/doc/vigil-syncd/copyright", "./usr/share/lintian/overrides/vigil-syncd",
              "./usr/share/man/man1/vigil-syncd.1.gz"}},
            {"vigil-tools",
             {"./usr/bin/vigil-pack", "./usr/bin/vigil-store",
              "./usr/share/doc/vigil-tools/changelog.Debian.gz",
              "./usr/share/doc/vigil-tools/copyright", "./usr/share/man/man1/vigil-pack.1.gz",
              "./usr/share/man/man1/vigil-store.1.gz"}},
        };
        for (const QString& package : kPackages) {
            QStringList want = expected.value(package);
            want.sort();
            QCOMPARE(filesIn(deb(package)), want);
        }
    }

    void librariesComeFromShlibdepsAndOnlyRunTimeNeedsAreNamed() {
        for (const QString& package : kPackages) {
            const QString depends =
                run("dpkg-deb", {"--field", deb(package), "Depends"}).out.trimmed();
            // dpkg-shlibdeps read the (stand-in) programs: libc6 with a version only it knows.
            QVERIFY2(depends.contains(QRegularExpression(R"(\blibc6 \(>= [0-9.]+\))")),
                     qPrintable(package + ": " + depends));
            // Every shared library is shlibdeps': the stand-ins link only libc6 and libstdc++6,
            // each with the version it computed, and no library is named by hand.
            for (const QString& entry : depends.split(", "))
                QVERIFY2(!entry.startsWith("lib") || entry.contains(" (>= "),
                         qPrintable(package + ": " + entry));
        }
        const QString kiosk = run("dpkg-deb", {"--field", deb("vigil-kiosk"), "Depends"}).out;
        for (const char* runtime : {"cage", "xwayland", "dbus-daemon", "qt6-wayland",
                                    "qt6-speech-flite-plugin", "qml6-module-qtquick-controls"})
            QVERIFY2(kiosk.contains(QRegularExpression(QStringLiteral("(^|, )%1(,|$)").arg(runtime),
                                                       QRegularExpression::MultilineOption)),
                     runtime);
    }

    void everyFileInEtcIsAConffile() {
        for (const QString& package : kPackages) {
            QStringList inEtc;
            for (const QString& file : filesIn(deb(package)))
                if (file.startsWith("./etc/"))
                    inEtc.append(file.mid(1));
            QTemporaryDir control;
            QVERIFY(run("dpkg-deb", {"--control", deb(package), control.path()}).exitCode == 0);
            QStringList conffiles =
                readText(control.filePath("conffiles")).split('\n', Qt::SkipEmptyParts);
            conffiles.sort();
            QCOMPARE(conffiles, inEtc);
        }
    }

    void systemdAcceptsEveryUnit() {
        const QString analyze = QStandardPaths::findExecutable("systemd-analyze");
        if (analyze.isEmpty())
            QSKIP("systemd-analyze is not installed (systemd)");
        if (!QFileInfo::exists("/usr/lib/systemd/system/graphical.target"))
            QSKIP("this machine has no systemd unit files to verify against");
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath("usr/lib/systemd"));
        QVERIFY(run("cp", {"-a", "/usr/lib/systemd/system", root.path() + "/usr/lib/systemd/"})
                    .exitCode == 0);
        for (const QString& file : allDebs())
            QVERIFY(run("dpkg-deb", {"--extract", file, root.path()}).exitCode == 0);
        QStringList units = QDir(root.path() + "/lib/systemd/system").entryList(QDir::Files);
        QCOMPARE(units, (QStringList{"vigil-kiosk.service", "vigil-syncd.service"}));
        for (const QString& unit : units) {
            const Run verify =
                run(analyze, {"verify", "--root=" + root.path(), "/lib/systemd/system/" + unit});
            // verify exits 0 on unknown keys and bad values too: they only show on stderr.
            QVERIFY2(verify.exitCode == 0, qPrintable(describe(verify)));
            QVERIFY2(verify.err.trimmed().isEmpty(), qPrintable(unit + ": " + verify.err));
        }
    }

    void receiverDoesNotStartWithoutItsKey() {
        QTemporaryDir root;
        QVERIFY(run("dpkg-deb", {"--extract", deb("vigil-syncd"), root.path()}).exitCode == 0);
        const QString unit = readText(root.path() + "/lib/systemd/system/vigil-syncd.service");
        const QString config = readText(root.path() + "/etc/vigil/syncd.conf");
        const auto keyLine =
            QRegularExpression(R"(^receiver-key\s*=\s*(\S+))", QRegularExpression::MultilineOption)
                .match(config);
        QVERIFY(keyLine.hasMatch());
        QVERIFY2(unit.contains("\nConditionPathExists=" + keyLine.captured(1) + "\n"),
                 qPrintable(unit));
        QVERIFY(unit.contains("\nUser=vigil-syncd\n"));
        QVERIFY(unit.contains(
            "\nExecStart=/usr/bin/vigil-syncd serve --config /etc/vigil/syncd.conf\n"));
    }

    void installingTwiceChangesNothing() {
        if (::geteuid() != 0)
            QSKIP("dpkg --root and the accounts the scripts create need root");
        QTemporaryDir root;
        QVERIFY(makeBareRoot(root.path()));
        installAll(root.path());
        const auto first = snapshot(root.path());
        const auto [kioskUid, kioskGid] = idsOf(root.path(), "vigil-kiosk");
        const auto [syncdUid, syncdGid] = idsOf(root.path(), "vigil-syncd");
        QVERIFY(kioskUid > 0 && syncdUid > 0 && kioskUid != syncdUid);

        // The kiosk's folder as installer/README.md's table has it; the receiver's its own.
        QCOMPARE(first.value("/var/lib/vigil-kiosk"), QStringLiteral("41770 0:%1 ").arg(kioskGid));
        QVERIFY(first.value("/var/lib/vigil-kiosk/trust").startsWith("40755 0:0 "));
        QVERIFY(first.value("/var/lib/vigil-kiosk/seat.conf").startsWith("100644 0:0 "));
        QCOMPARE(first.value("/var/lib/vigil-syncd"),
                 QStringLiteral("40700 %1:%2 ").arg(syncdUid).arg(syncdGid));
        // Enabled at boot; tty1 and Ctrl+Alt+Del masked.
        QVERIFY(first.contains("/etc/systemd/system/graphical.target.wants/vigil-kiosk.service"));
        QVERIFY(first.contains("/etc/systemd/system/multi-user.target.wants/vigil-syncd.service"));
        for (const char* masked :
             {"ctrl-alt-del.target", "getty@tty1.service", "autovt@tty1.service"})
            QVERIFY2(first.value(QStringLiteral("/etc/systemd/system/") + masked)
                         .contains("-> /dev/null"),
                     masked);

        const Run again = dpkg(root.path(), QStringList{"--install"} + allDebs());
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        const auto second = snapshot(root.path());
        // useradd keeps backups of the account files it changed; nothing else may differ.
        for (auto it = first.begin(); it != first.end(); ++it)
            QCOMPARE(second.value(it.key()), it.value());
        QCOMPARE(second.keys(), first.keys());
    }

    void upgradeKeepsEveryStoreKeyAndJournalAndNeverRestartsTheKiosk() {
        if (::geteuid() != 0)
            QSKIP("dpkg --root and the accounts the scripts create need root");
        QTemporaryDir root;
        const QString r = root.path();
        QVERIFY(makeBareRoot(r));
        installAll(r);
        // A kiosk mid-sitting and a receiver with its keys: what they made, as they made it.
        const auto [kioskUid, kioskGid] = idsOf(r, "vigil-kiosk");
        const auto [syncdUid, syncdGid] = idsOf(r, "vigil-syncd");
        const QString kiosk = r + "/var/lib/vigil-kiosk/";
        for (const char* own : {"store.key", "kiosk.db", "kiosk.db-wal", "kiosk-signing.key"})
            QVERIFY(writeFile(kiosk + own, QByteArray("made by the kiosk: ") + own, 0600, kioskUid,
                              kioskGid));
        QVERIFY(writeFile(kiosk + "kiosk-signing.pub", "public", 0644, kioskUid, kioskGid));
        QVERIFY(writeFile(kiosk + "trust/issuer-signing.pub", "centre", 0644));
        QVERIFY(writeFile(kiosk + "seat.conf", "centre=C0451\nroom=Workshop 2\nseat=PC07\n", 0644));
        const QString syncd = r + "/var/lib/vigil-syncd/";
        for (const char* own : {"receiver.key", "store.key", "syncd.db"})
            QVERIFY(writeFile(syncd + own, QByteArray("made by init: ") + own, 0600, syncdUid,
                              syncdGid));
        QVERIFY(writeFile(r + "/etc/vigil/syncd.conf", "listen = 127.0.0.1:9443\n# ours\n", 0644));
        const auto before = snapshot(r);

        const Run upgrade = dpkg(r, QStringList{"--install"} + allDebs());
        QVERIFY2(upgrade.exitCode == 0, qPrintable(describe(upgrade)));
        // No kiosk process runs here: the upgrade says when the new version starts
        // (tst_upgrade_mid_sitting has one running, and the restart deferred).
        QVERIFY2(
            upgrade.out.contains("no kiosk is running: the new version starts with the session"),
            qPrintable(upgrade.out));
        const auto after = snapshot(r);
        for (const QString& path : before.keys())
            if (path.startsWith("/var/lib/vigil") || path.startsWith("/etc/vigil"))
                QCOMPARE(after.value(path), before.value(path));
        // The kiosk's prerm never stops the session on an upgrade.
        const QString prerm = readText(r + "/var/lib/dpkg/info/vigil-kiosk.prerm");
        QVERIFY(prerm.contains("remove)\n"));
        QVERIFY(!prerm.contains(QRegularExpression(R"(^\s*[a-z| -]*upgrade[a-z| -]*\)\s*$)",
                                                   QRegularExpression::MultilineOption)));
        QVERIFY(!readText(r + "/var/lib/dpkg/info/vigil-kiosk.postinst")
                     .contains(QRegularExpression(R"(deb-systemd-invoke\s+\S*(start|restart))")));
    }

    void removeStopsAndKeepsDataPurgeRemovesOnlyWhatThePackageMade() {
        if (::geteuid() != 0)
            QSKIP("dpkg --root and the accounts the scripts create need root");
        QTemporaryDir root;
        const QString r = root.path();
        QVERIFY(makeBareRoot(r));
        // An administrator's own mask of autovt@tty1 and a file of theirs in /etc/vigil.
        QVERIFY(QDir(r).mkpath("etc/systemd/system"));
        QVERIFY(QFile::link("/dev/null", r + "/etc/systemd/system/autovt@tty1.service"));
        QVERIFY(writeFile(r + "/etc/vigil/upload-proxy.conf", "the centre's own\n", 0644));
        const auto bare = snapshot(r);
        installAll(r);
        const auto [kioskUid, kioskGid] = idsOf(r, "vigil-kiosk");
        const auto [syncdUid, syncdGid] = idsOf(r, "vigil-syncd");
        QVERIFY(writeFile(r + "/var/lib/vigil-kiosk/kiosk.db", "sitting journals", 0600, kioskUid,
                          kioskGid));
        QVERIFY(
            writeFile(r + "/var/lib/vigil-syncd/receiver.key", "key", 0600, syncdUid, syncdGid));
        const auto withData = snapshot(r);

        const Run remove = dpkg(r, QStringList{"--remove"} + kPackages);
        QVERIFY2(remove.exitCode == 0, qPrintable(describe(remove)));
        QVERIFY(remove.out.contains("the kiosk's data stays in /var/lib/vigil-kiosk"));
        auto removed = snapshot(r);
        QVERIFY(!removed.contains("/usr/bin/vigil-kiosk"));
        QVERIFY(!removed.contains("/lib/systemd/system/vigil-syncd.service"));
        for (const char* kept : {"/var/lib/vigil-kiosk/kiosk.db", "/var/lib/vigil-kiosk/seat.conf",
                                 "/var/lib/vigil-syncd/receiver.key", "/etc/vigil/syncd.conf",
                                 "/etc/pam.d/vigil-kiosk"})
            QCOMPARE(removed.value(kept), withData.value(kept));
        // Without the kiosk, tty1 gets its login prompt back; the administrator's mask stays.
        QVERIFY(!removed.contains("/etc/systemd/system/getty@tty1.service"));
        QCOMPARE(removed.value("/etc/systemd/system/autovt@tty1.service"),
                 bare.value("/etc/systemd/system/autovt@tty1.service"));

        const Run purge = dpkg(r, QStringList{"--purge"} + kPackages);
        QVERIFY2(purge.exitCode == 0, qPrintable(describe(purge)));
        QVERIFY2(purge.out.contains("kept /var/lib/vigil-kiosk"), qPrintable(purge.out));
        QVERIFY2(purge.out.contains("kept /var/lib/vigil-syncd"), qPrintable(purge.out));
        QVERIFY(purge.out.contains("~/.local/share/vigil-console"));
        const auto purged = snapshot(r);
        QCOMPARE(purged.value("/var/lib/vigil-kiosk/kiosk.db"),
                 withData.value("/var/lib/vigil-kiosk/kiosk.db"));
        QCOMPARE(purged.value("/var/lib/vigil-syncd/receiver.key"),
                 withData.value("/var/lib/vigil-syncd/receiver.key"));
        // What the package made and nothing else is gone: its conffiles, the placeholder seat,
        // the unit state; the administrator's files stay as they were.
        for (const char* gone : {"/etc/vigil/syncd.conf", "/etc/pam.d/vigil-kiosk",
                                 "/var/lib/vigil-kiosk/seat.conf", "/var/lib/vigil-kiosk/trust",
                                 "/etc/systemd/system/graphical.target.wants/vigil-kiosk.service",
                                 "/etc/vigil-kiosk", "/var/lib/vigil"})
            QVERIFY2(!purged.contains(gone), gone);
        for (auto it = bare.begin(); it != bare.end(); ++it)
            if (!it.key().startsWith("/etc/passwd") && !it.key().startsWith("/etc/group") &&
                !it.key().startsWith("/etc/shadow") && !it.key().startsWith("/etc/gshadow"))
                QCOMPARE(purged.value(it.key()), it.value());
    }

    void purgeOfAnUnusedInstallLeavesOnlyTheAccounts() {
        if (::geteuid() != 0)
            QSKIP("dpkg --root and the accounts the scripts create need root");
        QTemporaryDir root;
        const QString r = root.path();
        QVERIFY(makeBareRoot(r));
        const auto bare = snapshot(r);
        installAll(r);
        const Run purge = dpkg(r, QStringList{"--purge"} + kPackages);
        QVERIFY2(purge.exitCode == 0, qPrintable(describe(purge)));
        QVERIFY2(purge.out.contains("the account vigil-kiosk stays"), qPrintable(purge.out));
        QStringList left;
        for (const QString& path : snapshot(r).keys())
            if (!bare.contains(path))
                left.append(path);
        // The accounts stay (files elsewhere may still carry their ids), with useradd's backups
        // of the account files; and the folders systemd's tools keep on every Debian system,
        // which this bare root lacked.
        const QStringList expected = {"/etc/group-",     "/etc/gshadow-", "/etc/passwd-",
                                      "/etc/shadow-",    "/etc/systemd",  "/etc/systemd/system",
                                      "/var/lib/systemd"};
        QVERIFY2(left == expected, qPrintable(left.join(' ')));
    }
};

QTEST_GUILESS_MAIN(TestPackages)
#include "tst_packages.moc"
