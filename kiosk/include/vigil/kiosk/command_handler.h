#pragma once

#include "vigil/sync/command_intake.h"

#include <QObject>
#include <functional>

namespace vigil::kiosk {

// The link calls its command handler on its own thread; the seat's session lives on the GUI
// thread. This runs `apply` on `context`'s thread and waits for its answer, so a command is
// applied between two events of the screens, never beside them. A command the GUI thread has
// not taken up within 10 s (it may be stopping the link, and waiting for the link's thread) is
// given up and answered "nothing was applied", so neither thread waits on the other for good.
[[nodiscard]] sync::CommandHandler
onThreadOf(QObject* context, std::function<sync::CommandResult(const sync::ConsoleCommand&)> apply);

} // namespace vigil::kiosk
