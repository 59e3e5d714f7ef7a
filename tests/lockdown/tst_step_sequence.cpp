#include "vigil/lockdown/step_sequence.h"

#include <QTest>
#include <stdexcept>

using namespace vigil::lockdown;

namespace {

// A step that writes what happens to it into a shared log.
class RecordingStep final : public LockdownStep {
public:
    RecordingStep(QString name, QStringList& log, StepResult performResult = StepResult::Success,
                  StepResult revertResult = StepResult::Success)
        : name_(std::move(name))
        , log_(log)
        , performResult_(performResult)
        , revertResult_(revertResult) {}
    bool throwOnPerform = false;
    bool throwOnRevert = false;

    QString name() const override { return name_; }
    StepResult perform() override {
        log_.append(QStringLiteral("perform ") + name_);
        if (throwOnPerform)
            throw std::runtime_error("perform blew up");
        return performResult_;
    }
    StepResult revert() override {
        log_.append(QStringLiteral("revert ") + name_);
        if (throwOnRevert)
            throw std::runtime_error("revert blew up");
        return revertResult_;
    }

private:
    QString name_;
    QStringList& log_;
    StepResult performResult_;
    StepResult revertResult_;
};

} // namespace

class TestStepSequence : public QObject {
    Q_OBJECT
private slots:
    void performsInOrderAndRevertsInReverseOrder() {
        QStringList log;
        StepSequence sequence;
        sequence.append(std::make_unique<RecordingStep>("a", log));
        sequence.append(std::make_unique<RecordingStep>("b", log));
        sequence.append(std::make_unique<RecordingStep>("c", log));

        QCOMPARE(sequence.perform(), StepResult::Success);
        QCOMPARE(sequence.performedCount(), 3);
        QCOMPARE(sequence.revert(), StepResult::Success);
        QCOMPARE(log, QStringList({"perform a", "perform b", "perform c", "revert c", "revert b",
                                   "revert a"}));
        QCOMPARE(sequence.performedCount(), 0);
    }

    void mustOnlyRevertPerformedStepsAndTheFailingOneToo() {
        QStringList log;
        StepSequence sequence;
        sequence.append(std::make_unique<RecordingStep>("a", log));
        sequence.append(std::make_unique<RecordingStep>("b", log, StepResult::Failed));
        sequence.append(std::make_unique<RecordingStep>("c", log));

        QCOMPARE(sequence.perform(), StepResult::Failed);
        QCOMPARE(log, QStringList({"perform a", "perform b", "revert b", "revert a"}));
        QCOMPARE(sequence.performedCount(), 0);
        // Already reverted: a later revert has nothing left to undo.
        QCOMPARE(sequence.revert(), StepResult::Success);
        QCOMPARE(log.size(), 4);
    }

    void abortedStepStopsAndRevertsAndReportsAborted() {
        QStringList log;
        StepSequence sequence;
        sequence.append(std::make_unique<RecordingStep>("a", log, StepResult::Aborted));
        sequence.append(std::make_unique<RecordingStep>("b", log));

        QCOMPARE(sequence.perform(), StepResult::Aborted);
        QCOMPARE(log, QStringList({"perform a", "revert a"}));
    }

    void failedRevertContinuesAndReportsFailed() {
        QStringList log;
        StepSequence sequence;
        sequence.append(std::make_unique<RecordingStep>("a", log));
        sequence.append(
            std::make_unique<RecordingStep>("b", log, StepResult::Success, StepResult::Failed));
        sequence.append(std::make_unique<RecordingStep>("c", log));
        QCOMPARE(sequence.perform(), StepResult::Success);

        QTest::ignoreMessage(QtWarningMsg, "step b revert result failed");
        QCOMPARE(sequence.revert(), StepResult::Failed);
        QCOMPARE(log, QStringList({"perform a", "perform b", "perform c", "revert c", "revert b",
                                   "revert a"}));
    }

    void exceptionsAreCaughtPerStepAndRecorded() {
        QStringList log;
        StepSequence sequence;
        auto first = std::make_unique<RecordingStep>("a", log);
        first->throwOnRevert = true;
        auto second = std::make_unique<RecordingStep>("b", log);
        second->throwOnPerform = true;
        sequence.append(std::move(first));
        sequence.append(std::move(second));
        sequence.append(std::make_unique<RecordingStep>("c", log));

        QTest::ignoreMessage(QtCriticalMsg, "step b perform threw: perform blew up");
        QTest::ignoreMessage(QtCriticalMsg, "step a revert threw: revert blew up");
        QCOMPARE(sequence.perform(), StepResult::Failed);
        QCOMPARE(log, QStringList({"perform a", "perform b", "revert b", "revert a"}));

        const QList<StepRecord>& history = sequence.history();
        QCOMPARE(history.size(), 4);
        QCOMPARE(history[1].step, QStringLiteral("b"));
        QCOMPARE(history[1].phase, StepRecord::Phase::Perform);
        QCOMPARE(history[1].result, StepResult::Failed);
        QCOMPARE(history[1].error, QStringLiteral("perform blew up"));
        QCOMPARE(history[2].step, QStringLiteral("b"));
        QCOMPARE(history[2].result, StepResult::Success);
        QCOMPARE(history[3].step, QStringLiteral("a"));
        QCOMPARE(history[3].phase, StepRecord::Phase::Revert);
        QCOMPARE(history[3].result, StepResult::Failed);
        QCOMPARE(history[3].error, QStringLiteral("revert blew up"));
    }

    void delegateStepRunsItsCallables() {
        int performed = 0;
        int reverted = 0;
        StepSequence sequence;
        sequence.append(std::make_unique<DelegateStep>(
            "delegate",
            [&] {
                ++performed;
                return StepResult::Success;
            },
            [&] {
                ++reverted;
                return StepResult::Success;
            }));
        QCOMPARE(sequence.perform(), StepResult::Success);
        QCOMPARE(sequence.revert(), StepResult::Success);
        QCOMPARE(performed, 1);
        QCOMPARE(reverted, 1);
    }
};

QTEST_GUILESS_MAIN(TestStepSequence)
#include "tst_step_sequence.moc"
