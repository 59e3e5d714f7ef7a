// The kiosk's side of the link as the kiosk app sets it up: the console's address from
// seat.conf (none: the kiosk stands alone; a malformed line is named), and the status a
// session's screens push (screen, sitting, question n of N, time left, the refusal).
#include "session_harness.h"
#include "vigil/kiosk/console_link.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;

namespace {

std::filesystem::path writeSeatConf(const QTemporaryDir& dir, const std::string& text) {
    const auto file = std::filesystem::path(dir.path().toStdString()) / "seat.conf";
    std::ofstream(file) << text;
    return file;
}

} // namespace

class ConsoleLinkTest : public QObject {
    Q_OBJECT

private slots:
    void aConsoleAddressIsHostAndPort() {
        QString error;
        QCOMPARE(parseConsoleAddress(QStringLiteral("192.168.10.2:7443"), &error),
                 (ConsoleAddress{"192.168.10.2", 7443}));
        QCOMPARE(parseConsoleAddress(QStringLiteral(" console-w2.local:9000 "), &error),
                 (ConsoleAddress{"console-w2.local", 9000}));
        QCOMPARE(parseConsoleAddress(QStringLiteral("[fd00::2]:7443"), &error),
                 (ConsoleAddress{"fd00::2", 7443}));
        QVERIFY(error.isEmpty());
        QCOMPARE(ConsoleAddress({"fd00::2", 7443}).text(), QStringLiteral("[fd00::2]:7443"));
    }

    void aMalformedConsoleAddressIsNamed() {
        for (const char* text : {"192.168.10.2", "192.168.10.2:", ":7443", "host:0", "host:65536",
                                 "host:74x3", "fd00::2:7443", "two words:7443", ""}) {
            QString error;
            QVERIFY2(!parseConsoleAddress(QString::fromLatin1(text), &error), text);
            QVERIFY2(error.contains(QStringLiteral("not host:port")), qPrintable(error));
        }
    }

    void seatConfNamesTheConsoleOrNot() {
        QTemporaryDir dir;
        QString error;
        auto file = writeSeatConf(dir, "centre=C0451\nroom=Workshop 2\nseat=PC07\n");
        QVERIFY(!readConsoleAddress(file, &error));
        QVERIFY(error.isEmpty()); // standalone, as before the link
        file =
            writeSeatConf(dir, "centre=C0451\n# console = 10.0.0.1:1\nconsole = 10.0.0.9:7443\n");
        QCOMPARE(readConsoleAddress(file, &error), (ConsoleAddress{"10.0.0.9", 7443}));
        QVERIFY(error.isEmpty());
        file = writeSeatConf(dir, "centre=C0451\nconsole = 10.0.0.9\n");
        QVERIFY(!readConsoleAddress(file, &error));
        QVERIFY(error.contains(QStringLiteral("console = 10.0.0.9")));
        QVERIFY(
            !readConsoleAddress(std::filesystem::path(dir.path().toStdString()) / "none", &error));
    }

    void seatConfMayAskForTheAnnouncedConsole() {
        QString error;
        auto address = parseConsoleAddress(QStringLiteral(" announced "), &error);
        QVERIFY(address && address->announced);
        QCOMPARE(address->announcementPort, sync::kDefaultAnnouncementPort);
        QCOMPARE(address->text(), QStringLiteral("announced"));
        address = parseConsoleAddress(QStringLiteral("announced:47111"), &error);
        QVERIFY(address && address->announced);
        QCOMPARE(address->announcementPort, std::uint16_t(47111));
        QCOMPARE(address->text(), QStringLiteral("announced:47111"));
        QVERIFY(error.isEmpty());
        for (const char* text : {"announced:", "announced:0", "announced:70000", "announced:x"}) {
            QVERIFY2(!parseConsoleAddress(QString::fromLatin1(text), &error), text);
            QVERIFY2(error.contains(QStringLiteral("not announced:<UDP port>")), qPrintable(error));
        }
    }

    void theStatusFollowsTheScreens() {
        SessionHarness harness;
        auto status = statusOf(harness.session());
        QCOMPARE(status.screen, std::string("Locked"));
        QVERIFY(status.sittingId.empty());
        QCOMPARE(status.position, 0);

        harness.startSitting();
        harness.session().next();
        waitForQuestion(harness.session());
        status = statusOf(harness.session());
        QCOMPARE(status.screen, std::string("Question"));
        QCOMPARE(status.sittingId, harness.session().sitting()->id());
        QCOMPARE(status.position, 2);
        QCOMPARE(status.questionCount, 5);
        QCOMPARE(status.secondsLeft, std::int64_t(harness.session().secondsLeft()));
        QVERIFY(status.secondsLeft > 0);

        harness.session().refuseSittings(QStringLiteral("This PC could not be locked down."));
        QCOMPARE(statusOf(harness.session()).problem,
                 std::string("This PC could not be locked down."));
    }

    void withoutAConsoleTheScreensSeeAnUnlinkedLink() {
        ConsoleLink link(nullptr);
        QVERIFY(!link.linked());
        QCOMPARE(link.standing(), QStringLiteral("standalone"));
        QVERIFY(link.standingText().isEmpty());
        QVERIFY(link.fingerprintText().isEmpty());
        QCOMPARE(link.statusLine(), QStringLiteral("link=standalone"));
    }
};

QTEST_MAIN(ConsoleLinkTest)
#include "tst_console_link.moc"
