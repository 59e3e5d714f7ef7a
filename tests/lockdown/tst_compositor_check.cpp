// Under Wayland the kiosk trusts its compositor as the lock only when it is the session's own
// cage. Here the test process plays the compositor: it listens on a real Wayland-like socket,
// and a real child process plays the kiosk it started.
#include "vigil/lockdown/compositor_check.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace vigil::lockdown;

namespace {

// A listening socket, as a compositor's wayland-0.
class ListeningSocket {
public:
    explicit ListeningSocket(const QString& path) {
        fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(path);
        std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
        listening_ =
            ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0 &&
            ::listen(fd_, 8) == 0;
    }
    ~ListeningSocket() { ::close(fd_); }
    [[nodiscard]] bool listening() const { return listening_; }

private:
    int fd_ = -1;
    bool listening_ = false;
};

// While it lives, this process is called `name` (what /proc/<pid>/comm shows).
class ProcessName {
public:
    explicit ProcessName(const char* name) {
        ::prctl(PR_GET_NAME, saved_, 0, 0, 0);
        ::prctl(PR_SET_NAME, name, 0, 0, 0);
    }
    ~ProcessName() { ::prctl(PR_SET_NAME, saved_, 0, 0, 0); }

private:
    char saved_[17] = {};
};

} // namespace

class TestCompositorCheck : public QObject {
    Q_OBJECT

    QTemporaryDir runtime_;
    QString socket_;
    QProcess kiosk_; // a child of this process: the kiosk "cage" started

private slots:
    void initTestCase() {
        QVERIFY(::chmod(QFile::encodeName(runtime_.path()).constData(), 0700) == 0);
        socket_ = runtime_.path() + "/wayland-0";
        kiosk_.start("sleep", {"60"});
        QVERIFY(kiosk_.waitForStarted());
    }
    void cleanupTestCase() {
        kiosk_.kill();
        kiosk_.waitForFinished();
    }
    void init() {
        QFile::remove(socket_);
        QVERIFY(::chmod(QFile::encodeName(runtime_.path()).constData(), 0700) == 0);
    }

    void theSessionsOwnCageIsTrusted() {
        ListeningSocket cage(socket_);
        QVERIFY(cage.listening());
        ProcessName name("cage");
        const auto finding = checkWaylandCompositor(socket_, kiosk_.processId());
        QVERIFY2(!finding, qPrintable(finding ? finding->detail : QString()));
    }

    void anotherCompositorIsNot() {
        ListeningSocket desktop(socket_);
        QVERIFY(desktop.listening());
        ProcessName name("gnome-shell");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not the kiosk's lock"));
        const auto finding = checkWaylandCompositor(socket_, kiosk_.processId());
        QVERIFY(finding);
        QCOMPARE(finding->kind, FindingKind::Compositor);
        QCOMPARE(finding->key, QStringLiteral("compositor"));
        QCOMPARE(finding->detail,
                 QStringLiteral("it is gnome-shell (pid %1), not cage").arg(::getpid()));
        QVERIFY(finding->message.startsWith("The screen is not held by the kiosk session's own "
                                            "compositor (it is gnome-shell"));
    }

    void aCageThatDidNotStartTheKioskIsNot() {
        ListeningSocket cage(socket_);
        QVERIFY(cage.listening());
        ProcessName name("cage");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not the kiosk's lock"));
        // The test's own parent was not started by this "cage".
        const auto finding = checkWaylandCompositor(socket_, qint64(::getppid()));
        QVERIFY(finding);
        QCOMPARE(finding->detail,
                 QStringLiteral("cage (pid %1) did not start this kiosk").arg(::getpid()));
    }

    void aSocketOthersCanReachIsNot() {
        ListeningSocket cage(socket_);
        QVERIFY(cage.listening());
        ProcessName name("cage");
        QVERIFY(::chmod(QFile::encodeName(runtime_.path()).constData(), 0755) == 0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not the kiosk's lock"));
        auto finding = checkWaylandCompositor(socket_, kiosk_.processId());
        QVERIFY(finding);
        QVERIFY2(finding->detail.contains("other users can reach its folder") &&
                     finding->detail.contains("mode 0755"),
                 qPrintable(finding->detail));

        if (::geteuid() == 0) {
            QVERIFY(::chmod(QFile::encodeName(runtime_.path()).constData(), 0700) == 0);
            QVERIFY(::chown(QFile::encodeName(socket_).constData(), 65534, 65534) == 0);
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not the kiosk's lock"));
            finding = checkWaylandCompositor(socket_, kiosk_.processId());
            QVERIFY(finding);
            QVERIFY2(finding->detail.contains("belongs to user id 65534"),
                     qPrintable(finding->detail));
        }
    }

    void noCompositorAtAllIsNot() {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("not the kiosk's lock"));
        const auto finding = checkWaylandCompositor(socket_, kiosk_.processId());
        QVERIFY(finding);
        QVERIFY2(finding->detail.contains("cannot be read"), qPrintable(finding->detail));
    }
};

QTEST_GUILESS_MAIN(TestCompositorCheck)
#include "tst_compositor_check.moc"
