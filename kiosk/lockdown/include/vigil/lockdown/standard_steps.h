#pragma once

#include "vigil/lockdown/step.h"

#include <memory>

namespace vigil::lockdown {

class ClipboardGuard;
class InputLockdown;
class SittingMonitor;

// Ready-made steps over the lockdown services, for the kiosk's start-up sequence. Each holds a
// reference: the service must outlive the step.

// "clipboard": ClipboardGuard::start / stop.
std::unique_ptr<LockdownStep> makeClipboardStep(ClipboardGuard& guard);

// "input lockdown": InputLockdown::engage / release. With requireKeyboardLock, perform() fails
// when neither the application nor the compositor holds the keyboard (KeyboardLock::None).
std::unique_ptr<LockdownStep> makeInputLockdownStep(InputLockdown& input, bool requireKeyboardLock);

// "sitting monitor": SittingMonitor::start / stop.
std::unique_ptr<LockdownStep> makeMonitorStep(SittingMonitor& monitor);

} // namespace vigil::lockdown
