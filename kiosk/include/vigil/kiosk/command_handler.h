#pragma once

#include "vigil/sync/command_intake.h"

#include <QObject>
#include <functional>

namespace vigil::kiosk {

// The link calls its command handler on its own thread; the seat's session lives on the GUI
// thread. This runs `apply` on `context`'s thread and waits for its answer, so a command is
// applied between two events of the screens, never beside them.
[[nodiscard]] sync::CommandHandler
onThreadOf(QObject* context, std::function<sync::CommandResult(const sync::ConsoleCommand&)> apply);

} // namespace vigil::kiosk
