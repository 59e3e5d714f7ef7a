#pragma once

#include "vigil/lockdown/finding.h"
#include "vigil/lockdown/process_deny_list.h"

#include <QList>
#include <QString>

namespace vigil::lockdown {

// What main() establishes once at start-up and every machine check and sitting monitor of the
// process then uses: the deny list in force and findings about how this PC is set up (the
// centre's file refused, the compositor not the kiosk's own). A finding here stops every
// sitting at the machine check until an invigilator accepts it.
struct MachineSetup {
    ProcessDenyList deniedProcesses = ProcessDenyList::builtIn();
    QList<Finding> findings;
};

// Installed once by main() before the kiosk is built; read by ProcessDenyList::defaults() and
// MachinePolicy's defaults. Until then (tests), the built-in list and no findings.
void installMachineSetup(MachineSetup setup);
[[nodiscard]] const MachineSetup& installedMachineSetup();

// The centre's file of denied programs (process_deny_list.h gives its format).
inline constexpr const char* kCentreDenyListPath = "/etc/vigil-kiosk/denied-processes.conf";
// Overrides kCentreDenyListPath (tests; the unit never sets it). The same checks apply.
inline constexpr const char* kCentreDenyListVariable = "VIGIL_DENIED_PROCESSES_CONF";

// The built-in list with the centre's file at `path` applied. No file: the built-in list. A
// file that anyone but root could have written (owned by another user, writable by group or
// others, a symbolic link, in a folder others can write) or that does not parse is not used:
// the built-in list stays in force and a Configuration finding ("config:denied-processes")
// says why, so the invigilator sees it before a sitting.
[[nodiscard]] MachineSetup loadCentreDenyList(const QString& path);

// One line for the kiosk's self-test: "denied-programs=52 findings=config:denied-processes".
[[nodiscard]] QString describe(const MachineSetup& setup);

} // namespace vigil::lockdown
