#include "vigil/lockdown/machine_check.h"

#include <QMap>
#include <utility>

namespace vigil::lockdown {

QList<Finding> findDeniedProcesses(const ProcessDenyList& denyList,
                                   const QList<ProcessInfo>& processes) {
    // One finding per denied program, whatever number of processes it runs as.
    QMap<QString, QStringList> evidence;
    for (const ProcessInfo& process : processes) {
        if (const auto name = denyList.match(process)) {
            QString line = QStringLiteral("pid %1 %2").arg(process.pid).arg(process.name);
            if (!process.commandLine.isEmpty())
                line += QStringLiteral(" (%1)").arg(process.commandLine.left(200));
            evidence[*name].append(line);
        }
    }
    QList<Finding> findings;
    for (auto it = evidence.cbegin(); it != evidence.cend(); ++it) {
        findings.append(Finding{
            FindingKind::DeniedProcess, QStringLiteral("process:") + it.key(),
            it.value().join(QStringLiteral("; ")),
            QStringLiteral("The program \"%1\" is running on this PC and is not allowed during "
                           "an assessment.")
                .arg(it.key())});
    }
    return findings;
}

std::optional<Finding> checkDisplayCount(int screenCount) {
    if (screenCount <= 1)
        return std::nullopt;
    return Finding{FindingKind::SecondDisplay, QStringLiteral("display:multiple"),
                   QStringLiteral("%1 displays connected").arg(screenCount),
                   QStringLiteral("This PC has %1 displays connected; only one is allowed "
                                  "during an assessment.")
                       .arg(screenCount)};
}

std::optional<Finding> checkVirtualMachine(const std::optional<QString>& evidence) {
    if (!evidence)
        return std::nullopt;
    return Finding{FindingKind::VirtualMachine, QStringLiteral("vm"), *evidence,
                   QStringLiteral("This PC is a virtual machine, which the centre does not allow "
                                  "for assessments.")};
}

MachineCheck::MachineCheck(MachinePolicy policy, const ProcessSource& processes,
                           const VirtualMachineProbe& virtualMachine)
    : policy_(std::move(policy))
    , processes_(processes)
    , virtualMachine_(virtualMachine) {}

CheckReport MachineCheck::run(int screenCount) const {
    QList<Finding> findings = policy_.setupFindings;
    findings += findDeniedProcesses(policy_.deniedProcesses, processes_.processes());
    if (auto display = checkDisplayCount(screenCount))
        findings.append(std::move(*display));
    if (!policy_.allowVirtualMachine) {
        if (auto vm = checkVirtualMachine(virtualMachine_.evidence()))
            findings.append(std::move(*vm));
    }
    return CheckReport(std::move(findings));
}

} // namespace vigil::lockdown
