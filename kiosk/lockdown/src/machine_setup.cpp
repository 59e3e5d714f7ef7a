#include "vigil/lockdown/machine_setup.h"

#include "log.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::lockdown {
namespace {

MachineSetup& installed() {
    static MachineSetup setup;
    return setup;
}

// Why a file or folder could have been written by someone other than root, or empty.
QString notRootOnly(const struct stat& info, const QString& what) {
    if (info.st_uid != 0)
        return QStringLiteral("%1 belongs to user id %2, not root").arg(what).arg(info.st_uid);
    if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return QStringLiteral("%1 can be written by users other than root (mode %2)")
            .arg(what)
            .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
    return {};
}

MachineSetup refused(const QString& path, const QString& why) {
    qCWarning(lcLockdown).noquote()
        << "the centre's denied-programs list is not used:" << path << "-" << why;
    return MachineSetup{
        ProcessDenyList::builtIn(),
        {Finding{FindingKind::Configuration, QStringLiteral("config:denied-processes"),
                 path + QStringLiteral(": ") + why,
                 QStringLiteral("The centre's list of programs not allowed during an assessment "
                                "(%1) cannot be trusted and is not used: %2. Only the built-in "
                                "list is checked; the centre's IT support must correct the file.")
                     .arg(path, why)}}};
}

} // namespace

void installMachineSetup(MachineSetup setup) {
    installed() = std::move(setup);
}

const MachineSetup& installedMachineSetup() {
    return installed();
}

ProcessDenyList ProcessDenyList::defaults() {
    return installed().deniedProcesses;
}

MachineSetup loadCentreDenyList(const QString& path) {
    const QByteArray native = QFile::encodeName(path);
    // Checked on the open descriptor, so what is checked is what is read.
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return {}; // a centre need not have one
        if (errno == ELOOP)
            return refused(path, QStringLiteral("it is a symbolic link"));
        return refused(path, QString::fromUtf8(std::strerror(errno)));
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly | QIODevice::Text, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return refused(path, file.errorString());
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return refused(path, QString::fromUtf8(std::strerror(errno)));
    if (!S_ISREG(info.st_mode))
        return refused(path, QStringLiteral("it is not a regular file"));
    if (QString why = notRootOnly(info, QStringLiteral("the file")); !why.isEmpty())
        return refused(path, why);
    // Whoever may write the folder may put another file in its place.
    struct stat folder {};
    const QByteArray folderPath = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::stat(folderPath.constData(), &folder) != 0)
        return refused(path, QString::fromUtf8(std::strerror(errno)));
    if (QString why = notRootOnly(folder, QStringLiteral("its folder")); !why.isEmpty())
        return refused(path, why);

    DenyListParseResult parsed =
        ProcessDenyList::parse(QString::fromUtf8(file.readAll()), ProcessDenyList::builtIn());
    if (!parsed.list)
        return refused(path, parsed.error);
    qCInfo(lcLockdown).noquote() << "denied programs: the built-in list with" << path;
    return MachineSetup{std::move(*parsed.list), {}};
}

QString describe(const MachineSetup& setup) {
    QStringList keys;
    for (const Finding& finding : setup.findings)
        keys.append(finding.key);
    return QStringLiteral("denied-programs=%1 findings=%2")
        .arg(setup.deniedProcesses.names().size())
        .arg(keys.isEmpty() ? QStringLiteral("none") : keys.join(QLatin1Char(',')));
}

} // namespace vigil::lockdown
