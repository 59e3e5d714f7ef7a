#include "vigil/lockdown/journaled_step.h"

#include "log.h"

#include <utility>

namespace vigil::lockdown {

JournaledStep::JournaledStep(UndoJournal& journal, QString name, QString kind)
    : journal_(journal)
    , name_(std::move(name))
    , kind_(std::move(kind)) {}

StepResult JournaledStep::perform() {
    captured_ = capture();
    // The undo reaches the disk before the change does; without it the change is not made.
    if (!journal_.record(UndoEntry{name_, kind_, captured_})) {
        qCCritical(lcLockdown).noquote()
            << "step" << name_ << "not performed:" << journal_.lastError();
        return StepResult::Failed;
    }
    journaled_ = true;
    return apply();
}

StepResult JournaledStep::revert() {
    if (!journaled_)
        return StepResult::Success; // nothing was changed
    if (!restore(captured_))
        return StepResult::Failed; // the entry stays for the next start to retry
    if (!journal_.remove(name_)) {
        qCWarning(lcLockdown).noquote()
            << "step" << name_ << "restored but its undo entry remains:" << journal_.lastError();
        return StepResult::Failed;
    }
    journaled_ = false;
    return StepResult::Success;
}

void JournaledStep::registerRestorerIn(UndoJournal& journal) const {
    journal.registerRestorer(kind_, [this](const QJsonObject& state) { return restore(state); });
}

} // namespace vigil::lockdown
