#pragma once

#include <QString>
#include <functional>

namespace vigil::lockdown {

// Aborted is an expected stop (the invigilator chose to cancel); Failed is an error.
enum class StepResult { Success, Failed, Aborted };

QString label(StepResult result);

// One change the kiosk makes before a sitting and undoes after it. perform() and revert() may
// throw; StepSequence turns an exception into Failed and logs it.
//
// A step that changes anything outside the process (a system setting, a file another program
// reads) must journal its undo before changing it: derive from JournaledStep.
class LockdownStep {
public:
    virtual ~LockdownStep() = default;
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual StepResult perform() = 0;
    [[nodiscard]] virtual StepResult revert() = 0;
};

// A step from two callables, for changes that live inside the process.
class DelegateStep final : public LockdownStep {
public:
    using Action = std::function<StepResult()>;
    DelegateStep(QString name, Action perform, Action revert);

    [[nodiscard]] QString name() const override { return name_; }
    [[nodiscard]] StepResult perform() override;
    [[nodiscard]] StepResult revert() override;

private:
    QString name_;
    Action perform_;
    Action revert_;
};

} // namespace vigil::lockdown
