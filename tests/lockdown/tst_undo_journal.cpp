#include "vigil/lockdown/journaled_step.h"
#include "vigil/lockdown/step_sequence.h"
#include "vigil/lockdown/undo_journal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace vigil::lockdown;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

// A change outside the process: replaces a file's content (as a step changing another
// program's setting would), and puts the old content back on revert.
class FileContentStep final : public JournaledStep {
public:
    FileContentStep(UndoJournal& journal, QString target, QByteArray lockedContent)
        : JournaledStep(journal, QStringLiteral("file ") + target, QStringLiteral("file-content"))
        , target_(std::move(target))
        , lockedContent_(std::move(lockedContent)) {}
    int applied = 0;

protected:
    QJsonObject capture() override {
        return {{"path", target_}, {"content", QString::fromUtf8(readAll(target_))}};
    }
    StepResult apply() override {
        ++applied;
        return writeAll(target_, lockedContent_) ? StepResult::Success : StepResult::Failed;
    }
    bool restore(const QJsonObject& state) const override {
        return writeAll(state["path"].toString(), state["content"].toString().toUtf8());
    }

private:
    QString target_;
    QByteArray lockedContent_;
};

} // namespace

class TestUndoJournal : public QObject {
    Q_OBJECT
private slots:
    void init() {
        tempDir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(tempDir_->isValid());
    }

    void recordAndRemoveLeaveNoFileBehind() {
        UndoJournal journal(dir().filePath("undo.json"));
        QVERIFY(journal.record({"one", "kind", {{"v", 1}}}));
        QVERIFY(journal.record({"two", "kind", {{"v", 2}}}));
        QVERIFY(journal.record({"one", "kind", {{"v", 3}}})); // replaces, not duplicates
        const QList<UndoEntry> entries = UndoJournal(journal.filePath()).entries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].state["v"].toInt(), 3);
        QVERIFY(journal.remove("one"));
        QVERIFY(journal.remove("two"));
        QVERIFY(!QFile::exists(journal.filePath()));
    }

    void stepJournalsBeforeChangingAndDropsEntryOnRevert() {
        const QString target = dir().filePath("setting.conf");
        QVERIFY(writeAll(target, "screenshots=on\n"));
        UndoJournal journal(dir().filePath("undo.json"));
        StepSequence sequence;
        sequence.append(std::make_unique<FileContentStep>(journal, target, "screenshots=off\n"));

        QCOMPARE(sequence.perform(), StepResult::Success);
        QCOMPARE(readAll(target), QByteArray("screenshots=off\n"));
        QCOMPARE(journal.entries().size(), 1);
        QCOMPARE(journal.entries()[0].state["content"].toString(), "screenshots=on\n");

        QCOMPARE(sequence.revert(), StepResult::Success);
        QCOMPARE(readAll(target), QByteArray("screenshots=on\n"));
        QVERIFY(journal.entries().isEmpty());
        QVERIFY(!QFile::exists(journal.filePath()));
    }

    void killedProcessLeavesUndoThatNextStartReplays() {
        const QString target = dir().filePath("setting.conf");
        const QString journalPath = dir().filePath("undo.json");
        QVERIFY(writeAll(target, "screenshots=on\n"));

        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            UndoJournal journal(journalPath);
            FileContentStep step(journal, target, "screenshots=off\n");
            const bool ok = step.perform() == StepResult::Success;
            raise(SIGKILL); // a crash mid-sitting: nothing reverts
            _exit(ok ? 0 : 1);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGKILL);
        QCOMPARE(readAll(target), QByteArray("screenshots=off\n"));

        // The next start: register the restorers, then replay what the crash left.
        UndoJournal journal(journalPath);
        FileContentStep step(journal, target, "screenshots=off\n");
        step.registerRestorerIn(journal);
        const RecoveryReport report = journal.restoreLeftovers();
        QVERIFY2(report.ok(), qPrintable(report.error));
        QCOMPARE(report.restored, QStringList{"file " + target});
        QCOMPARE(readAll(target), QByteArray("screenshots=on\n"));
        QVERIFY(!QFile::exists(journalPath));
        QCOMPARE(step.applied, 0);
    }

    void entryWhoseRestoreFailsStaysForTheNextStart() {
        const QString journalPath = dir().filePath("undo.json");
        {
            UndoJournal journal(journalPath);
            QVERIFY(journal.record({"stubborn", "flaky", {}}));
            QVERIFY(journal.record({"orphan", "nobody-knows-me", {}}));
            QVERIFY(journal.record({"fine", "works", {}}));
        }
        UndoJournal journal(journalPath);
        journal.registerRestorer("flaky", [](const QJsonObject&) { return false; });
        journal.registerRestorer("works", [](const QJsonObject&) { return true; });
        QTest::ignoreMessage(QtCriticalMsg,
                             "undo entry orphan has no restorer for kind nobody-knows-me");
        const RecoveryReport report = journal.restoreLeftovers();
        QVERIFY(!report.ok());
        QCOMPARE(report.restored, QStringList{"fine"});
        QCOMPARE(report.failed, QStringList({"stubborn", "orphan"}));
        const QList<UndoEntry> left = journal.entries();
        QCOMPARE(left.size(), 2);
        QCOMPARE(left[0].id, QStringLiteral("stubborn"));
        QCOMPARE(left[1].id, QStringLiteral("orphan"));
    }

    void corruptJournalIsMovedAsideNeverOverwritten() {
        const QString journalPath = dir().filePath("undo.json");
        QVERIFY(writeAll(journalPath, "{ half a jour"));
        UndoJournal journal(journalPath);
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression("not valid JSON"));
        const RecoveryReport report = journal.restoreLeftovers();
        QVERIFY(!report.ok());
        QVERIFY(report.error.contains("not valid JSON"));
        QVERIFY(!QFile::exists(journalPath));
        const QStringList aside = QDir(dir().path()).entryList({"undo.json.corrupt-*"});
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readAll(dir().filePath(aside[0])), QByteArray("{ half a jour"));

        // Corrupted again while running: recording moves it aside too and keeps working.
        QVERIFY(writeAll(journalPath, "[]"));
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression("unknown format"));
        QVERIFY(journal.record({"one", "kind", {}}));
        QCOMPARE(QDir(dir().path()).entryList({"undo.json.corrupt-*"}).size(), 2);
        QCOMPARE(journal.entries().size(), 1);
    }

    void stepIsNotPerformedWhenItsUndoCannotBeJournaled() {
        const QString target = dir().filePath("setting.conf");
        QVERIFY(writeAll(target, "screenshots=on\n"));
        UndoJournal journal(dir().filePath("missing-folder/undo.json"));
        auto step = std::make_unique<FileContentStep>(journal, target, "screenshots=off\n");
        FileContentStep* raw = step.get();
        StepSequence sequence;
        sequence.append(std::move(step));

        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression("not performed: cannot write"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("perform result failed"));
        QCOMPARE(sequence.perform(), StepResult::Failed);
        QCOMPARE(raw->applied, 0);
        QCOMPARE(readAll(target), QByteArray("screenshots=on\n"));
        QVERIFY(journal.lastError().contains("missing-folder"));
    }

private:
    std::unique_ptr<QTemporaryDir> tempDir_;
    QTemporaryDir& dir() { return *tempDir_; }
};

QTEST_GUILESS_MAIN(TestUndoJournal)
#include "tst_undo_journal.moc"
