#include "vigil/lockdown/step_sequence.h"

#include "log.h"

#include <algorithm>
#include <exception>

namespace vigil::lockdown {
namespace {

// Runs one phase of one step; an exception is the step's failure, never the sequence's.
StepRecord run(LockdownStep& step, StepRecord::Phase phase) {
    StepRecord record;
    record.phase = phase;
    try {
        record.step = step.name();
        record.result = phase == StepRecord::Phase::Perform ? step.perform() : step.revert();
    } catch (const std::exception& error) {
        record.result = StepResult::Failed;
        record.error = QString::fromUtf8(error.what());
    } catch (...) {
        record.result = StepResult::Failed;
        record.error = QStringLiteral("unknown exception");
    }
    const char* verb = phase == StepRecord::Phase::Perform ? "perform" : "revert";
    if (!record.error.isEmpty()) {
        qCCritical(lcLockdown).noquote()
            << "step" << record.step << verb << "threw:" << record.error;
    } else if (record.result != StepResult::Success) {
        qCWarning(lcLockdown).noquote()
            << "step" << record.step << verb << "result" << label(record.result);
    } else {
        qCInfo(lcLockdown).noquote() << "step" << record.step << verb << "succeeded";
    }
    return record;
}

} // namespace

void StepSequence::append(std::unique_ptr<LockdownStep> step) {
    if (step)
        steps_.push_back(std::move(step));
}

StepResult StepSequence::perform() {
    for (const auto& step : steps_) {
        if (std::find(stack_.begin(), stack_.end(), step.get()) != stack_.end())
            continue; // already performed by an earlier call
        // Pushed first: a step that fails half-way may have changed something.
        stack_.push_back(step.get());
        StepRecord record = run(*step, StepRecord::Phase::Perform);
        const StepResult result = record.result;
        history_.append(std::move(record));
        if (result != StepResult::Success) {
            revertStack();
            return result;
        }
    }
    return StepResult::Success;
}

StepResult StepSequence::revert() {
    return revertStack();
}

StepResult StepSequence::revertStack() {
    bool failed = false;
    while (!stack_.empty()) {
        LockdownStep* step = stack_.back();
        stack_.pop_back();
        StepRecord record = run(*step, StepRecord::Phase::Revert);
        failed = failed || record.result != StepResult::Success;
        history_.append(std::move(record));
    }
    return failed ? StepResult::Failed : StepResult::Success;
}

} // namespace vigil::lockdown
