#include "vigil/lockdown/step.h"

#include <utility>

namespace vigil::lockdown {

QString label(StepResult result) {
    switch (result) {
    case StepResult::Success:
        return QStringLiteral("success");
    case StepResult::Failed:
        return QStringLiteral("failed");
    case StepResult::Aborted:
        return QStringLiteral("aborted");
    }
    return QStringLiteral("unknown");
}

DelegateStep::DelegateStep(QString name, Action perform, Action revert)
    : name_(std::move(name))
    , perform_(std::move(perform))
    , revert_(std::move(revert)) {}

StepResult DelegateStep::perform() {
    return perform_ ? perform_() : StepResult::Success;
}

StepResult DelegateStep::revert() {
    return revert_ ? revert_() : StepResult::Success;
}

} // namespace vigil::lockdown
