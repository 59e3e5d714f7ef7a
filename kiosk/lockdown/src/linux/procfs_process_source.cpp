#include "vigil/lockdown/process_source.h"

#include <QDir>
#include <QFile>
#include <utility>

namespace vigil::lockdown {
namespace {

// Small pseudo-files: read() until EOF, since their size() is 0.
std::optional<QByteArray> readSmallFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace

ProcFsProcessSource::ProcFsProcessSource(QString procRoot)
    : procRoot_(std::move(procRoot)) {}

QList<ProcessInfo> ProcFsProcessSource::processes() const {
    QList<ProcessInfo> result;
    const QDir root(procRoot_);
    const QStringList entries = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid <= 0)
            continue;
        const QString dir = root.filePath(entry);
        const auto comm = readSmallFile(dir + QStringLiteral("/comm"));
        if (!comm)
            continue; // exited meanwhile, or not ours to read
        ProcessInfo info;
        info.pid = pid;
        info.name = QString::fromUtf8(comm->trimmed());
        if (const auto cmdline = readSmallFile(dir + QStringLiteral("/cmdline"))) {
            QByteArray arguments = *cmdline;
            while (arguments.endsWith('\0'))
                arguments.chop(1);
            arguments.replace('\0', ' ');
            info.commandLine = QString::fromUtf8(arguments);
        }
        result.append(std::move(info));
    }
    return result;
}

std::unique_ptr<ProcessSource> makeSystemProcessSource() {
    return std::make_unique<ProcFsProcessSource>();
}

} // namespace vigil::lockdown
