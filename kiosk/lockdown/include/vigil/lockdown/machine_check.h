#pragma once

#include "vigil/lockdown/finding.h"
#include "vigil/lockdown/machine_setup.h"
#include "vigil/lockdown/process_deny_list.h"
#include "vigil/lockdown/process_source.h"
#include "vigil/lockdown/virtual_machine.h"

#include <QList>
#include <optional>

namespace vigil::lockdown {

// What the centre allows; by default what main() installed (machine_setup.h): the centre's
// deny list and the findings about this PC's set-up, which every check reports again.
struct MachinePolicy {
    ProcessDenyList deniedProcesses = ProcessDenyList::defaults();
    bool allowVirtualMachine = false;
    QList<Finding> setupFindings = installedMachineSetup().findings;
};

// Each check on its own: pure functions of what the sources report.
QList<Finding> findDeniedProcesses(const ProcessDenyList& denyList,
                                   const QList<ProcessInfo>& processes); // one finding per name
std::optional<Finding> checkDisplayCount(int screenCount);
std::optional<Finding> checkVirtualMachine(const std::optional<QString>& evidence);

// The checks run before a sitting starts.
class MachineCheck {
public:
    MachineCheck(MachinePolicy policy, const ProcessSource& processes,
                 const VirtualMachineProbe& virtualMachine);

    // screenCount: QGuiApplication::screens().size() in the kiosk, any number in tests.
    [[nodiscard]] CheckReport run(int screenCount) const;

private:
    MachinePolicy policy_;
    const ProcessSource& processes_;
    const VirtualMachineProbe& virtualMachine_;
};

} // namespace vigil::lockdown
