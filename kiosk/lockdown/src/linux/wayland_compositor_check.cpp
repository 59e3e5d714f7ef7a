#include "../log.h"
#include "vigil/lockdown/compositor_check.h"

#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace vigil::lockdown {
namespace {

QString errnoText() {
    return QString::fromUtf8(std::strerror(errno));
}

QString readFirstLine(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

// The parent of `pid` from <proc>/<pid>/stat ("pid (comm) state ppid ..."), or 0.
qint64 parentOf(const QString& procRoot, qint64 pid) {
    const QString stat = readFirstLine(QStringLiteral("%1/%2/stat").arg(procRoot).arg(pid));
    const qsizetype afterName = stat.lastIndexOf(QLatin1Char(')'));
    if (afterName < 0)
        return 0;
    return stat.mid(afterName + 1).simplified().section(QLatin1Char(' '), 1, 1).toLongLong();
}

bool isAncestor(const QString& procRoot, qint64 ancestor, qint64 pid) {
    for (int depth = 0; depth < 64 && pid > 1; ++depth) {
        pid = parentOf(procRoot, pid);
        if (pid == ancestor)
            return true;
    }
    return false;
}

// Why the socket at `path` is not the session's cage, or empty.
QString whyNotTheSessionsCage(const QString& path, qint64 selfPid, const QString& procRoot) {
    const uid_t self = ::getuid();
    struct stat socketInfo {};
    if (::lstat(QFile::encodeName(path).constData(), &socketInfo) != 0)
        return QStringLiteral("its socket %1 cannot be read: %2").arg(path, errnoText());
    if (!S_ISSOCK(socketInfo.st_mode))
        return QStringLiteral("%1 is not a socket").arg(path);
    if (socketInfo.st_uid != self)
        return QStringLiteral("its socket %1 belongs to user id %2, not to the kiosk's (%3)")
            .arg(path)
            .arg(socketInfo.st_uid)
            .arg(self);
    const QString folder = QFileInfo(path).absolutePath();
    struct stat folderInfo {};
    if (::stat(QFile::encodeName(folder).constData(), &folderInfo) != 0)
        return QStringLiteral("its folder %1 cannot be read: %2").arg(folder, errnoText());
    if (folderInfo.st_uid != self || (folderInfo.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return QStringLiteral("other users can reach its folder %1 (owner %2, mode %3)")
            .arg(folder)
            .arg(folderInfo.st_uid)
            .arg(folderInfo.st_mode & 07777, 4, 8, QLatin1Char('0'));

    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    if (native.size() >= qsizetype(sizeof(address.sun_path)))
        return QStringLiteral("its socket path %1 is too long").arg(path);
    std::memcpy(address.sun_path, native.constData(), native.size());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return QStringLiteral("no socket: %1").arg(errnoText());
    ucred peer{};
    socklen_t length = sizeof(peer);
    const bool connected =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0 &&
        ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) == 0;
    const QString connectError = errnoText();
    ::close(fd);
    if (!connected)
        return QStringLiteral("its socket %1 does not answer: %2").arg(path, connectError);
    const QString name = readFirstLine(QStringLiteral("%1/%2/comm").arg(procRoot).arg(peer.pid));
    if (peer.uid != self)
        return QStringLiteral("it runs as user id %1, not as the kiosk's (%2)")
            .arg(peer.uid)
            .arg(self);
    if (name != QLatin1String("cage"))
        return QStringLiteral("it is %1 (pid %2), not cage").arg(name).arg(peer.pid);
    if (!isAncestor(procRoot, peer.pid, selfPid))
        return QStringLiteral("cage (pid %1) did not start this kiosk").arg(peer.pid);
    return {};
}

} // namespace

std::optional<Finding> checkWaylandCompositor(const QString& socketPath, qint64 selfPid,
                                              const QString& procRoot) {
    const QString why = whyNotTheSessionsCage(socketPath, selfPid, procRoot);
    if (why.isEmpty()) {
        qCInfo(lcLockdown).noquote()
            << "the Wayland compositor is the kiosk session's own cage:" << socketPath;
        return std::nullopt;
    }
    qCWarning(lcLockdown).noquote() << "the Wayland compositor is not the kiosk's lock:" << why;
    return Finding{FindingKind::Compositor, QStringLiteral("compositor"), why,
                   QStringLiteral("The screen is not held by the kiosk session's own compositor "
                                  "(%1), so other windows, screen capture or another console may "
                                  "be reachable. Start the kiosk only through its session.")
                       .arg(why)};
}

std::optional<Finding> checkThisWaylandCompositor() {
    if (QGuiApplication::platformName() != QLatin1String("wayland"))
        return std::nullopt;
    QString socket = qEnvironmentVariable("WAYLAND_DISPLAY", QStringLiteral("wayland-0"));
    if (!socket.startsWith(QLatin1Char('/')))
        socket = qEnvironmentVariable("XDG_RUNTIME_DIR") + QLatin1Char('/') + socket;
    return checkWaylandCompositor(socket, qint64(::getpid()));
}

} // namespace vigil::lockdown
