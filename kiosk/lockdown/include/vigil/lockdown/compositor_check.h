#pragma once

#include "vigil/lockdown/finding.h"

#include <QString>
#include <optional>

namespace vigil::lockdown {

// Under Wayland the kiosk cannot hold the keyboard itself: the compositor is the lock. That
// holds only for the kiosk session's own cage: a Wayland socket owned by this user in a folder
// no one else can enter, served by a process named cage, of this user, that started this kiosk
// (an ancestor of `selfPid`). Any other compositor (a desktop session's, one a candidate started
// with the kiosk inside it) may show other windows, capture the screen or switch VTs.
//
// Returns a Compositor finding ("compositor") saying why not, or nothing when it is the
// session's cage. It connects to the socket once to learn the serving process (SO_PEERCRED).
[[nodiscard]] std::optional<Finding>
checkWaylandCompositor(const QString& socketPath, qint64 selfPid,
                       const QString& procRoot = QStringLiteral("/proc"));

// For this process: nothing unless Qt runs on the wayland platform; the socket from
// WAYLAND_DISPLAY (absolute, or under XDG_RUNTIME_DIR; "wayland-0" when unset).
[[nodiscard]] std::optional<Finding> checkThisWaylandCompositor();

} // namespace vigil::lockdown
