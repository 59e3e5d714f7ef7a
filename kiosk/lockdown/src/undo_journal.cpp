#include "vigil/lockdown/undo_journal.h"

#include "log.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <utility>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace vigil::lockdown {
namespace {

constexpr int kFormatVersion = 1;

// A rename or unlink is durable only once its directory is flushed too.
void syncDirectoryOf(const QString& filePath) {
#ifdef Q_OS_UNIX
    const QByteArray dir = QFile::encodeName(QFileInfo(filePath).absolutePath());
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(filePath);
#endif
}

// A name no earlier corrupt copy has: two copies moved aside within one millisecond must not
// collide, or the second rename fails and the journal stays unusable.
QString corruptName(const QString& filePath) {
    const QString stem =
        filePath + QStringLiteral(".corrupt-") +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    QString candidate = stem;
    for (int n = 1; QFile::exists(candidate); ++n) {
        candidate = stem + QLatin1Char('-') + QString::number(n);
    }
    return candidate;
}

} // namespace

UndoJournal::UndoJournal(QString filePath)
    : filePath_(std::move(filePath)) {}

bool UndoJournal::load(QList<UndoEntry>& out, QString& error) const {
    out.clear();
    QFile file(filePath_);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        error =
            QStringLiteral("cannot read undo journal %1: %2").arg(filePath_, file.errorString());
        return false;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = QStringLiteral("undo journal %1 is not valid JSON: %2")
                    .arg(filePath_, parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(QStringLiteral("version")).toInt() != kFormatVersion ||
        !root.value(QStringLiteral("entries")).isArray()) {
        error = QStringLiteral("undo journal %1 has an unknown format").arg(filePath_);
        return false;
    }
    for (const QJsonValue& value : root.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject object = value.toObject();
        UndoEntry entry{object.value(QStringLiteral("id")).toString(),
                        object.value(QStringLiteral("kind")).toString(),
                        object.value(QStringLiteral("state")).toObject()};
        if (entry.id.isEmpty() || entry.kind.isEmpty()) {
            error =
                QStringLiteral("undo journal %1 holds an entry without id or kind").arg(filePath_);
            out.clear();
            return false;
        }
        out.append(std::move(entry));
    }
    return true;
}

bool UndoJournal::save(const QList<UndoEntry>& entries) {
    if (entries.isEmpty()) {
        if (QFile::exists(filePath_) && !QFile::remove(filePath_)) {
            lastError_ = QStringLiteral("cannot remove undo journal %1").arg(filePath_);
            return false;
        }
        syncDirectoryOf(filePath_);
        return true;
    }
    QJsonArray array;
    for (const UndoEntry& entry : entries) {
        array.append(QJsonObject{{QStringLiteral("id"), entry.id},
                                 {QStringLiteral("kind"), entry.kind},
                                 {QStringLiteral("state"), entry.state}});
    }
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion},
                           {QStringLiteral("entries"), array}};
    QSaveFile file(filePath_);
    if (!file.open(QIODevice::WriteOnly)) {
        lastError_ =
            QStringLiteral("cannot write undo journal %1: %2").arg(filePath_, file.errorString());
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) { // flushes the data to disk, then renames over the old file
        lastError_ =
            QStringLiteral("cannot write undo journal %1: %2").arg(filePath_, file.errorString());
        return false;
    }
    syncDirectoryOf(filePath_);
    return true;
}

bool UndoJournal::record(const UndoEntry& entry) {
    if (entry.id.isEmpty() || entry.kind.isEmpty()) {
        lastError_ = QStringLiteral("an undo entry needs an id and a kind");
        return false;
    }
    QList<UndoEntry> entries;
    QString error;
    if (!load(entries, error)) {
        // Never overwrite what we cannot read: it may hold the undo of an earlier crash.
        const QString aside = corruptName(filePath_);
        if (!QFile::rename(filePath_, aside)) {
            lastError_ = error;
            return false;
        }
        qCCritical(lcLockdown).noquote() << error << "- moved aside to" << aside;
        entries.clear();
    }
    bool replaced = false;
    for (UndoEntry& existing : entries) {
        if (existing.id == entry.id) {
            existing = entry;
            replaced = true;
        }
    }
    if (!replaced)
        entries.append(entry);
    return save(entries);
}

bool UndoJournal::remove(const QString& id) {
    QList<UndoEntry> entries;
    QString error;
    if (!load(entries, error)) {
        lastError_ = error;
        return false;
    }
    const auto removed = entries.removeIf([&](const UndoEntry& entry) { return entry.id == id; });
    return removed == 0 || save(entries);
}

QList<UndoEntry> UndoJournal::entries() const {
    QList<UndoEntry> entries;
    QString error;
    load(entries, error);
    return entries;
}

void UndoJournal::registerRestorer(const QString& kind, Restorer restorer) {
    restorers_[kind] = std::move(restorer);
}

RecoveryReport UndoJournal::restoreLeftovers() {
    RecoveryReport report;
    QList<UndoEntry> entries;
    if (!load(entries, report.error)) {
        const QString aside = corruptName(filePath_);
        if (QFile::rename(filePath_, aside))
            report.error += QStringLiteral(" (kept as %1)").arg(aside);
        qCCritical(lcLockdown).noquote() << report.error;
        return report;
    }
    QList<UndoEntry> remaining;
    for (const UndoEntry& entry : std::as_const(entries)) {
        const auto restorer = restorers_.find(entry.kind);
        bool restored = false;
        if (restorer == restorers_.end()) {
            qCCritical(lcLockdown).noquote()
                << "undo entry" << entry.id << "has no restorer for kind" << entry.kind;
        } else {
            try {
                restored = restorer->second(entry.state);
            } catch (const std::exception& error) {
                qCCritical(lcLockdown).noquote()
                    << "restoring" << entry.id << "threw:" << QString::fromUtf8(error.what());
            }
        }
        if (restored) {
            qCInfo(lcLockdown).noquote() << "restored" << entry.id << "left by a crash";
            report.restored.append(entry.id);
        } else {
            report.failed.append(entry.id);
            remaining.append(entry);
        }
    }
    if (!report.restored.isEmpty() && !save(remaining))
        report.error = lastError_;
    return report;
}

} // namespace vigil::lockdown
