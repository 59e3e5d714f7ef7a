#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <map>

namespace vigil::lockdown {

// The undo of one change outside the process: `kind` names the restorer that knows how to put
// it back, `state` is what that restorer needs (the prior value).
struct UndoEntry {
    QString id;   // unique within the journal, e.g. the step's name
    QString kind; // e.g. "file-content"
    QJsonObject state;
};

// What restoreLeftovers() did with entries a crash left behind.
struct RecoveryReport {
    QStringList restored;
    QStringList failed; // kept in the journal for the next start
    QString error;      // the journal itself could not be read or written, else empty
    [[nodiscard]] bool ok() const { return failed.isEmpty() && error.isEmpty(); }
};

// A small file-backed journal of undo entries (JSON, replaced atomically and flushed to disk on
// every change). An entry is written before its change is made and removed only once the change
// has been undone, so a crash in between leaves it for restoreLeftovers() at the next start.
//
// A file that is not a valid journal is never overwritten: it is moved aside to
// "<file>.corrupt-<UTC time>" and reported in RecoveryReport::error.
class UndoJournal {
public:
    using Restorer = std::function<bool(const QJsonObject& state)>;

    explicit UndoJournal(QString filePath);

    [[nodiscard]] const QString& filePath() const noexcept { return filePath_; }

    // Both return false and set lastError() when the file cannot be written; the in-memory
    // entries are then left as they were.
    [[nodiscard]] bool record(const UndoEntry& entry); // replaces an entry with the same id
    [[nodiscard]] bool remove(const QString& id);

    // The entries on disk (empty when there is no file).
    [[nodiscard]] QList<UndoEntry> entries() const;
    [[nodiscard]] QString lastError() const { return lastError_; }

    void registerRestorer(const QString& kind, Restorer restorer);

    // Call once at start-up, before any step runs: restores each leftover entry with its kind's
    // restorer and drops those that were restored. An entry of an unknown kind counts as failed.
    [[nodiscard]] RecoveryReport restoreLeftovers();

private:
    bool load(QList<UndoEntry>& out, QString& error) const;
    bool save(const QList<UndoEntry>& entries);

    QString filePath_;
    QString lastError_;
    std::map<QString, Restorer> restorers_;
};

} // namespace vigil::lockdown
