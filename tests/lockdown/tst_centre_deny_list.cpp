// The centre's denied-processes.conf: loaded when only root can have written it, merged with
// the built-in list and applied to real running processes; refused (built-in list kept, a
// finding for the invigilator) otherwise. Also read by the real kiosk binary at start-up.
#include "vigil/lockdown/machine_check.h"
#include "vigil/lockdown/machine_setup.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace vigil::lockdown;

namespace {

bool writeFile(const QString& path, const QByteArray& content, mode_t mode) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(content) != content.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// A real process whose kernel name is `name`: a copy of sleep under that name.
class NamedProcess {
public:
    NamedProcess(const QString& dir, const QString& name) {
        const QString program = dir + '/' + name;
        if (QFile::copy(QStringLiteral("/bin/sleep"), program) &&
            QFile::setPermissions(program, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                               QFile::ReadOther | QFile::ExeOther)) {
            process_.start(program, {QStringLiteral("60")});
            process_.waitForStarted();
        }
    }
    ~NamedProcess() {
        process_.kill();
        process_.waitForFinished();
    }
    [[nodiscard]] bool running() const { return process_.state() == QProcess::Running; }

private:
    QProcess process_;
};

class NoVirtualMachine final : public VirtualMachineProbe {
public:
    std::optional<QString> evidence() const override { return std::nullopt; }
};

QStringList findingKeys(const CheckReport& report) {
    QStringList keys;
    for (const Finding& finding : report.findings())
        keys.append(finding.key);
    return keys;
}

// The machine check the kiosk runs before a sitting, with what main() installed.
CheckReport checkThisPc(const MachineSetup& setup) {
    installMachineSetup(setup);
    const ProcFsProcessSource processes;
    const NoVirtualMachine probe;
    const CheckReport report = MachineCheck(MachinePolicy{}, processes, probe).run(1);
    installMachineSetup({});
    return report;
}

} // namespace

class TestCentreDenyList : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString conf() const { return dir_.path() + QStringLiteral("/denied-processes.conf"); }

private slots:
    void init() {
        if (::geteuid() != 0)
            QSKIP("the centre's file must belong to root: this test writes it as root");
        QFile::remove(conf());
        QVERIFY(::chmod(QFile::encodeName(dir_.path()).constData(), 0755) == 0);
    }

    void aProgramTheCentreDeniesIsFoundRunning() {
        NamedProcess examHelper(dir_.path(), QStringLiteral("examhelper"));
        QVERIFY(examHelper.running());
        QVERIFY(writeFile(conf(), "# centre C0451\nexamhelper\n", 0644));

        const MachineSetup setup = loadCentreDenyList(conf());
        QVERIFY(setup.findings.isEmpty());
        QVERIFY(setup.deniedProcesses.names().contains("examhelper"));
        QVERIFY(setup.deniedProcesses.names().contains("anydesk")); // merged, not replaced
        QVERIFY(findingKeys(checkThisPc(setup)).contains("process:examhelper"));
        // Without the file the same process is allowed.
        QVERIFY(!findingKeys(checkThisPc(loadCentreDenyList(conf() + ".missing")))
                     .contains("process:examhelper"));
    }

    void theCentreMayAllowABuiltInName() {
        NamedProcess recorder(dir_.path(), QStringLiteral("kazam"));
        QVERIFY(recorder.running());
        QVERIFY(findingKeys(checkThisPc({})).contains("process:kazam"));
        QVERIFY(writeFile(conf(), "!kazam\n", 0644));
        const MachineSetup setup = loadCentreDenyList(conf());
        QVERIFY(setup.findings.isEmpty());
        QVERIFY(!findingKeys(checkThisPc(setup)).contains("process:kazam"));
    }

    void aFileSomeoneElseCouldWriteIsRefused_data() {
        QTest::addColumn<mode_t>("mode");
        QTest::addColumn<uid_t>("owner");
        QTest::addColumn<mode_t>("folderMode");
        QTest::addColumn<QString>("why");
        QTest::newRow("writable by all") << mode_t(0666) << uid_t(0) << mode_t(0755)
                                         << QStringLiteral("can be written by users other than "
                                                           "root (mode 0666)");
        QTest::newRow("writable by its group")
            << mode_t(0664) << uid_t(0) << mode_t(0755)
            << QStringLiteral("can be written by users other than root (mode 0664)");
        QTest::newRow("another user's") << mode_t(0644) << uid_t(65534) << mode_t(0755)
                                        << QStringLiteral("belongs to user id 65534, not root");
        QTest::newRow("in a folder others write")
            << mode_t(0644) << uid_t(0) << mode_t(0777)
            << QStringLiteral("its folder can be written by users other than root");
    }

    void aFileSomeoneElseCouldWriteIsRefused() {
        QFETCH(mode_t, mode);
        QFETCH(uid_t, owner);
        QFETCH(mode_t, folderMode);
        QFETCH(QString, why);
        NamedProcess examHelper(dir_.path(), QStringLiteral("examhelper"));
        QVERIFY(writeFile(conf(), "examhelper\n!anydesk\n", mode));
        QVERIFY(::chown(QFile::encodeName(conf()).constData(), owner, 0) == 0);
        QVERIFY(::chmod(QFile::encodeName(dir_.path()).constData(), folderMode) == 0);

        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression("the centre's denied-programs list is not used"));
        const MachineSetup setup = loadCentreDenyList(conf());
        QCOMPARE(setup.deniedProcesses.names(), ProcessDenyList::builtIn().names());
        QCOMPARE(setup.findings.size(), 1);
        QCOMPARE(setup.findings[0].kind, FindingKind::Configuration);
        QCOMPARE(setup.findings[0].key, QStringLiteral("config:denied-processes"));
        QVERIFY2(setup.findings[0].detail.contains(why), qPrintable(setup.findings[0].detail));
        QVERIFY(setup.findings[0].message.contains(conf()));

        // The invigilator sees it at every machine check; the file's names are not applied.
        const QStringList keys = findingKeys(checkThisPc(setup));
        QVERIFY(keys.contains("config:denied-processes"));
        QVERIFY(!keys.contains("process:examhelper"));
    }

    void aSymbolicLinkOrABadLineIsRefused() {
        QVERIFY(writeFile(dir_.path() + "/elsewhere.conf", "examhelper\n", 0644));
        QVERIFY(QFile::link(dir_.path() + "/elsewhere.conf", conf()));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not used"));
        MachineSetup setup = loadCentreDenyList(conf());
        QCOMPARE(setup.findings.size(), 1);
        QVERIFY(setup.findings[0].detail.contains("symbolic link"));

        QVERIFY(QFile::remove(conf()));
        QVERIFY(writeFile(conf(), "examhelper\n/usr/bin/obs\n", 0644));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not used"));
        setup = loadCentreDenyList(conf());
        QCOMPARE(setup.findings.size(), 1);
        QVERIFY2(setup.findings[0].detail.contains("line 2: '/usr/bin/obs' is a path"),
                 qPrintable(setup.findings[0].detail));
        QVERIFY(!setup.deniedProcesses.names().contains("examhelper"));
    }

    void theKioskLoadsTheCentresFileAtStartUp() {
        const QString kiosk = qEnvironmentVariable("VIGIL_BUILD_DIR") + "/kiosk/vigil-kiosk";
        QVERIFY2(QFile::exists(kiosk), qPrintable(kiosk + " is not built"));
        const auto selfTest = [&] {
            QProcess process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QString::fromLatin1(kCentreDenyListVariable), conf());
            process.setProcessEnvironment(environment);
            process.start(kiosk, {"--data-dir", dir_.path() + "/kiosk", "--self-test"});
            process.waitForFinished(60'000);
            return QString::fromUtf8(process.readAllStandardOutput());
        };
        const auto builtIn = ProcessDenyList::builtIn().names().size();
        QVERIFY(writeFile(conf(), "examhelper\n", 0644));
        QString out = selfTest();
        QVERIFY2(
            out.contains(
                QStringLiteral("machine-setup: denied-programs=%1 findings=none").arg(builtIn + 1)),
            qPrintable(out));
        QVERIFY(writeFile(conf(), "examhelper\n", 0666));
        out = selfTest();
        QVERIFY2(
            out.contains(
                QStringLiteral("machine-setup: denied-programs=%1 findings=config:denied-processes")
                    .arg(builtIn)),
            qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestCentreDenyList)
#include "tst_centre_deny_list.moc"
