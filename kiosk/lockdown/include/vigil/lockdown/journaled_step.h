#pragma once

#include "vigil/lockdown/step.h"
#include "vigil/lockdown/undo_journal.h"

#include <QJsonObject>

namespace vigil::lockdown {

// Base for a step that changes something outside the process. perform(): capture the prior
// state, journal it, then apply; revert(): restore from the captured state, then drop the
// journal entry. The same restore() is what UndoJournal::restoreLeftovers() runs after a crash:
// register it with registerRestorerIn() at start-up.
class JournaledStep : public LockdownStep {
public:
    JournaledStep(UndoJournal& journal, QString name, QString kind);

    [[nodiscard]] QString name() const override { return name_; }
    [[nodiscard]] StepResult perform() final;
    [[nodiscard]] StepResult revert() final;

    void registerRestorerIn(UndoJournal& journal) const;

protected:
    // The prior state, enough for restore(); an empty object means "nothing to capture".
    [[nodiscard]] virtual QJsonObject capture() = 0;
    [[nodiscard]] virtual StepResult apply() = 0;
    // Must be idempotent: after a crash it may run on a change that was never made.
    [[nodiscard]] virtual bool restore(const QJsonObject& state) const = 0;

private:
    UndoJournal& journal_;
    QString name_;
    QString kind_;
    QJsonObject captured_;
    bool journaled_ = false;
};

} // namespace vigil::lockdown
