#pragma once

#include "vigil/lockdown/step.h"

#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace vigil::lockdown {

// What happened to one step, in the order it happened; the kiosk journals these.
struct StepRecord {
    enum class Phase { Perform, Revert };
    QString step;
    Phase phase = Phase::Perform;
    StepResult result = StepResult::Success;
    QString error; // the exception's message when the step threw, else empty
};

// Runs lockdown steps in the order they were appended (the start-up order, written once).
//
// perform(): each step is pushed on the stack *before* it is performed, so a step that fails
// half-way is reverted too. On the first result other than Success, every step on the stack is
// reverted (last first) and that result is returned.
// revert(): reverts every performed step in reverse order; goes on past a failed revert and
// returns Failed if any revert failed. A second revert() does nothing.
// An exception from a step is caught, logged and counted as Failed.
class StepSequence {
public:
    StepSequence() = default;
    StepSequence(const StepSequence&) = delete;
    StepSequence& operator=(const StepSequence&) = delete;

    void append(std::unique_ptr<LockdownStep> step);

    [[nodiscard]] StepResult perform();
    [[nodiscard]] StepResult revert();

    [[nodiscard]] const QList<StepRecord>& history() const noexcept { return history_; }
    [[nodiscard]] qsizetype performedCount() const noexcept { return qsizetype(stack_.size()); }

private:
    StepResult revertStack();

    std::vector<std::unique_ptr<LockdownStep>> steps_;
    std::vector<LockdownStep*> stack_;
    QList<StepRecord> history_;
};

} // namespace vigil::lockdown
