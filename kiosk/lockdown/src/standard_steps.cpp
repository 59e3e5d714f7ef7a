#include "vigil/lockdown/standard_steps.h"

#include "vigil/lockdown/clipboard_guard.h"
#include "vigil/lockdown/input_lockdown.h"
#include "vigil/lockdown/sitting_monitor.h"

namespace vigil::lockdown {

std::unique_ptr<LockdownStep> makeClipboardStep(ClipboardGuard& guard) {
    return std::make_unique<DelegateStep>(
        QStringLiteral("clipboard"),
        [&guard] {
            guard.start();
            return StepResult::Success;
        },
        [&guard] {
            guard.stop();
            return StepResult::Success;
        });
}

std::unique_ptr<LockdownStep> makeInputLockdownStep(InputLockdown& input,
                                                    bool requireKeyboardLock) {
    return std::make_unique<DelegateStep>(
        QStringLiteral("input lockdown"),
        [&input, requireKeyboardLock] {
            input.engage();
            if (requireKeyboardLock && input.keyboardLock() == KeyboardLock::None)
                return StepResult::Failed;
            return StepResult::Success;
        },
        [&input] {
            input.release();
            return StepResult::Success;
        });
}

std::unique_ptr<LockdownStep> makeMonitorStep(SittingMonitor& monitor) {
    return std::make_unique<DelegateStep>(
        QStringLiteral("sitting monitor"),
        [&monitor] {
            monitor.start();
            return StepResult::Success;
        },
        [&monitor] {
            monitor.stop();
            return StepResult::Success;
        });
}

} // namespace vigil::lockdown
