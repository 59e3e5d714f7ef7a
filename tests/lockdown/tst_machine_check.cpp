#include "vigil/lockdown/machine_check.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil::lockdown;

namespace {

void writeFile(const QString& path, const QByteArray& content) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

// Builds a fake /proc/<pid>/{comm,cmdline} as the kernel lays it out.
void addProcess(const QString& procRoot, qint64 pid, const QByteArray& comm,
                const QList<QByteArray>& arguments) {
    const QString dir = QStringLiteral("%1/%2").arg(procRoot).arg(pid);
    writeFile(dir + "/comm", comm + "\n");
    QByteArray cmdline;
    for (const QByteArray& argument : arguments)
        cmdline += argument + '\0';
    writeFile(dir + "/cmdline", cmdline);
}

class FixedProbe final : public VirtualMachineProbe {
public:
    explicit FixedProbe(std::optional<QString> evidence)
        : evidence_(std::move(evidence)) {}
    std::optional<QString> evidence() const override { return evidence_; }

private:
    std::optional<QString> evidence_;
};

class FixedProcesses final : public ProcessSource {
public:
    explicit FixedProcesses(QList<ProcessInfo> processes)
        : processes_(std::move(processes)) {}
    QList<ProcessInfo> processes() const override { return processes_; }

private:
    QList<ProcessInfo> processes_;
};

} // namespace

class TestMachineCheck : public QObject {
    Q_OBJECT
private slots:
    void procFsSourceReadsCommAndCmdline() {
        QTemporaryDir proc;
        addProcess(proc.path(), 1, "systemd", {"/sbin/init", "splash"});
        addProcess(proc.path(), 812, "anydesk", {"/usr/bin/anydesk", "--service"});
        addProcess(proc.path(), 2, "kthreadd", {});
        QVERIFY(QDir(proc.path()).mkpath("self")); // not a pid
        QVERIFY(QDir(proc.path()).mkpath("4242")); // exited: no comm left
        writeFile(proc.path() + "/uptime", "1.0 1.0");

        QList<ProcessInfo> processes = ProcFsProcessSource(proc.path()).processes();
        std::sort(processes.begin(), processes.end(),
                  [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
        QCOMPARE(processes, QList<ProcessInfo>({{1, "systemd", "/sbin/init splash"},
                                                {2, "kthreadd", ""},
                                                {812, "anydesk", "/usr/bin/anydesk --service"}}));
    }

    void deniedProcessesFoundInAFakeProcTree() {
        QTemporaryDir proc;
        addProcess(proc.path(), 1, "systemd", {"/sbin/init"});
        addProcess(proc.path(), 812, "anydesk", {"/usr/bin/anydesk", "--service"});
        // The kernel keeps 15 characters of a name.
        addProcess(proc.path(), 900, "simplescreenrec", {"simplescreenrecorder"});
        // Electron apps: the short name differs, the first argument gives them away.
        addProcess(proc.path(), 901, "Discord", {"/opt/discord/Discord", "--type=renderer"});
        addProcess(proc.path(), 950, "obs", {"obs"});
        addProcess(proc.path(), 951, "OBS", {"/usr/bin/obs", "--startrecording"});
        addProcess(proc.path(), 960, "vim", {"vim", "obs-notes.txt"});

        const QList<Finding> findings = findDeniedProcesses(
            ProcessDenyList::defaults(), ProcFsProcessSource(proc.path()).processes());
        QStringList keys;
        for (const Finding& finding : findings) {
            QCOMPARE(finding.kind, FindingKind::DeniedProcess);
            keys.append(finding.key);
        }
        QCOMPARE(keys, QStringList({"process:anydesk", "process:discord", "process:obs",
                                    "process:simplescreenrecorder"}));
        const Finding& anydesk = findings[0];
        QCOMPARE(anydesk.detail, QStringLiteral("pid 812 anydesk (/usr/bin/anydesk --service)"));
        QCOMPARE(anydesk.message, QStringLiteral("The program \"anydesk\" is running on this PC "
                                                 "and is not allowed during an assessment."));
        // One finding per program, however many processes it runs.
        QVERIFY(findings[2].detail.contains("pid 950 obs"));
        QVERIFY(findings[2].detail.contains("pid 951 OBS"));
    }

    void centreFileExtendsAndTrimsTheBuiltInList() {
        const auto parsed = ProcessDenyList::parse("# our centre\n"
                                                   "\n"
                                                   "  gimp  \n"
                                                   "!zoom\n"
                                                   "! slack\n");
        QVERIFY2(parsed.list, qPrintable(parsed.error));
        QVERIFY(parsed.list->names().contains("gimp"));
        QVERIFY(!parsed.list->names().contains("zoom"));
        QVERIFY(!parsed.list->names().contains("slack"));
        QVERIFY(parsed.list->names().contains("anydesk"));
        QCOMPARE(parsed.list->match({7, "GIMP", "gimp"}), std::optional<QString>("gimp"));
        QCOMPARE(parsed.list->match({8, "zoom", "/opt/zoom/zoom"}), std::nullopt);
    }

    void centreFileErrorsNameTheLine() {
        QCOMPARE(ProcessDenyList::parse("obs\n/usr/bin/anydesk\n").error,
                 QStringLiteral("line 2: '/usr/bin/anydesk' is a path; write the program name "
                                "only"));
        QCOMPARE(ProcessDenyList::parse("# x\n\nteam viewer\n").error,
                 QStringLiteral("line 3: 'team viewer' holds a space; write one program name "
                                "per line"));
        QCOMPARE(ProcessDenyList::parse("!\n").error,
                 QStringLiteral("line 1: '!' must be followed by a program name"));
        QVERIFY(!ProcessDenyList::parse("!\n").list);

        QTemporaryDir dir;
        const auto missing = ProcessDenyList::loadFile(dir.filePath("nope.conf"));
        QVERIFY(!missing.list);
        QVERIFY(missing.error.startsWith("cannot read the denied-programs list"));
        writeFile(dir.filePath("bad.conf"), "a b\n");
        const auto bad = ProcessDenyList::loadFile(dir.filePath("bad.conf"));
        QCOMPARE(bad.error, dir.filePath("bad.conf") +
                                ", line 1: 'a b' holds a space; write one program name per line");
        writeFile(dir.filePath("good.conf"), "gimp\n");
        const auto good = ProcessDenyList::loadFile(dir.filePath("good.conf"), ProcessDenyList());
        QVERIFY(good.list);
        QCOMPARE(good.list->names(), QStringList{"gimp"});
    }

    void virtualMachineDetectedFromFakeDmiAndCpuinfo_data() {
        QTest::addColumn<QByteArray>("vendor");
        QTest::addColumn<QByteArray>("product");
        QTest::addColumn<QByteArray>("cpuFlags");
        QTest::addColumn<QString>("evidence"); // empty: real hardware

        const QByteArray plainFlags = "fpu vme de pse tsc msr pae sse sse2";
        QTest::newRow("qemu") << QByteArray("QEMU") << QByteArray("Standard PC (Q35 + ICH9, 2009)")
                              << plainFlags << "sys_vendor is \"QEMU\"";
        QTest::newRow("virtualbox") << QByteArray("innotek GmbH") << QByteArray("VirtualBox")
                                    << plainFlags << "sys_vendor is \"innotek GmbH\"";
        QTest::newRow("vmware") << QByteArray("VMware, Inc.")
                                << QByteArray("VMware Virtual Platform") << plainFlags
                                << "sys_vendor is \"VMware, Inc.\"";
        QTest::newRow("hyper-v") << QByteArray("Microsoft Corporation")
                                 << QByteArray("Virtual Machine") << plainFlags
                                 << "product_name is \"Virtual Machine\"";
        QTest::newRow("hypervisor flag only")
            << QByteArray("Dell Inc.") << QByteArray("OptiPlex 7090")
            << QByteArray("fpu vme hypervisor sse") << "the CPU reports the \"hypervisor\" flag";
        QTest::newRow("real pc") << QByteArray("Dell Inc.") << QByteArray("OptiPlex 7090")
                                 << plainFlags << QString();
        QTest::newRow("surface laptop")
            << QByteArray("Microsoft Corporation") << QByteArray("Surface Laptop 4") << plainFlags
            << QString();
    }

    void virtualMachineDetectedFromFakeDmiAndCpuinfo() {
        QFETCH(QByteArray, vendor);
        QFETCH(QByteArray, product);
        QFETCH(QByteArray, cpuFlags);
        QFETCH(QString, evidence);
        QTemporaryDir root;
        writeFile(root.filePath("sys/class/dmi/id/sys_vendor"), vendor + "\n");
        writeFile(root.filePath("sys/class/dmi/id/product_name"), product + "\n");
        writeFile(root.filePath("proc/cpuinfo"), "processor\t: 0\nmodel name\t: Some CPU\n"
                                                 "flags\t\t: " +
                                                     cpuFlags + "\n\n");

        const auto found = LinuxVirtualMachineProbe(root.path()).evidence();
        QCOMPARE(found.value_or(QString()), evidence);
        const auto finding = checkVirtualMachine(found);
        QCOMPARE(finding.has_value(), !evidence.isEmpty());
        if (finding) {
            QCOMPARE(finding->kind, FindingKind::VirtualMachine);
            QCOMPARE(finding->detail, evidence);
        }
    }

    void missingDmiFilesMeanNoEvidence() {
        QTemporaryDir root;
        QCOMPARE(LinuxVirtualMachineProbe(root.path()).evidence(), std::nullopt);
    }

    void secondDisplayIsAFinding() {
        QCOMPARE(checkDisplayCount(1), std::nullopt);
        QCOMPARE(checkDisplayCount(0), std::nullopt);
        const auto finding = checkDisplayCount(2);
        QVERIFY(finding);
        QCOMPARE(finding->kind, FindingKind::SecondDisplay);
        QCOMPARE(finding->key, QStringLiteral("display:multiple"));
        QCOMPARE(finding->message, QStringLiteral("This PC has 2 displays connected; only one "
                                                  "is allowed during an assessment."));
    }

    void machineCheckGathersEveryFinding() {
        const FixedProcesses processes({{1, "systemd", "/sbin/init"}, {5, "x11vnc", "x11vnc"}});
        const FixedProbe vm(QStringLiteral("sys_vendor is \"QEMU\""));

        const CheckReport report = MachineCheck(MachinePolicy{}, processes, vm).run(2);
        QStringList keys;
        for (const Finding& finding : report.findings())
            keys.append(finding.key);
        QCOMPARE(keys, QStringList({"process:x11vnc", "display:multiple", "vm"}));
        QVERIFY(!report.clear());

        MachinePolicy allowsVm;
        allowsVm.allowVirtualMachine = true;
        const CheckReport clean =
            MachineCheck(allowsVm, FixedProcesses({{1, "systemd", ""}}), vm).run(1);
        QVERIFY(clean.findings().isEmpty());
        QVERIFY(clean.clear());
    }

    void overrideNeedsInvigilatorAndReasonThenAcceptsTheFinding() {
        const FixedProcesses processes({{5, "teamviewerd", "/opt/teamviewer/teamviewerd"}});
        const FixedProbe realPc(std::nullopt);
        CheckReport report = MachineCheck(MachinePolicy{}, processes, realPc).run(2);
        QCOMPARE(report.openFindings().size(), 2);

        Override decision{"process:teamviewerd", "inv-007", "   ", {}};
        QCOMPARE(report.accept(decision), OverrideError::NoReason);
        decision.reason = "Centre IT service; disabled remote access checked on the PC.";
        decision.invigilator = " ";
        QCOMPARE(report.accept(decision), OverrideError::NoInvigilator);
        QCOMPARE(report.accept({"process:obs", "inv-007", "a reason", {}}),
                 OverrideError::UnknownFinding);
        QVERIFY(report.overrides().isEmpty());
        QVERIFY(!report.isAccepted("process:teamviewerd"));
        QCOMPARE(describe(OverrideError::NoReason),
                 QStringLiteral("Give the reason for letting the sitting go ahead."));

        decision.invigilator = "inv-007";
        QCOMPARE(report.accept(decision), OverrideError::None);
        QCOMPARE(report.accept(decision), OverrideError::AlreadyAccepted);
        QVERIFY(report.isAccepted("process:teamviewerd"));
        QCOMPARE(report.openFindings().size(), 1);
        QCOMPARE(report.openFindings()[0].key, QStringLiteral("display:multiple"));
        QVERIFY(!report.clear());

        const QDateTime decidedAt(QDate(2025, 3, 4), QTime(9, 15), Qt::UTC);
        QCOMPARE(report.accept(
                     {"display:multiple", "inv-007", " projector for the invigilator ", decidedAt}),
                 OverrideError::None);
        QVERIFY(report.clear());
        QCOMPARE(report.acceptedKeys(), QStringList({"process:teamviewerd", "display:multiple"}));
        QCOMPARE(report.overrides()[1].reason, QStringLiteral("projector for the invigilator"));
        QCOMPARE(report.overrides()[1].decidedAt, decidedAt);
        QVERIFY(report.overrides()[0].decidedAt.isValid()); // stamped when not given
    }
};

QTEST_GUILESS_MAIN(TestMachineCheck)
#include "tst_machine_check.moc"
