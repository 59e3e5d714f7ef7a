// The README's demo, end to end with the real binaries only (issue 12): what
// `scripts/setup.sh run` lays out and starts, walked through by the steps it prints, as a newcomer
// walks them, from enrolment to the exported invigilation record.
//
// `scripts/run-vigil.sh BUILD --lay-out DIR PORT` lays the demo out as `setup.sh run` does (the
// console's demo centre by `vigil-console init-demo`, today's session S-0001 with Jordan Ellis
// at PC07 and Priya Shah at PC08, the data folders of their kiosks and of the spare PC09); its
// printed credentials are the ones used here. Then the real `vigil-console` and three real
// `vigil-kiosk` binaries each run on a
// desktop of their own (pc_desktop.h: Xvfb, a session bus, the accessibility bus), and every
// step is taken from outside, through what their screens expose to a screen reader
// (atspi_probe.py): buttons pressed, fields typed into with the keyboard, screens read.
// Nothing of Vigil is built into this test; it links no Vigil library.
//   1. The coordinator signs in to the console, opens Kiosks and enrols PC07, PC08 and PC09 by
//      the fingerprints their screens show.
//   2. The invigilator signs in, opens today's session and its live room, delivers and
//      launches the whole room.
//   3. At each kiosk the invigilator logs in (PIN on the on-screen keys, password on the
//      keyboard); the candidate answers two questions, which the console's live room shows;
//      the invigilator logs the room's fire alarm on the console's Incidents screen; PC08 is
//      switched off (SIGKILL) and started again, and after the invigilator's login the
//      candidate is back at the question left; the invigilator moves Jordan Ellis's sitting from
//      PC07 to the spare PC09 on the live room, PC07 says where it went, and after the login at
//      PC09 he carries on at his question; both submit early.
//   4. The invigilator closes the session; the coordinator exports the record from the
//      session's screen: the PDF names both candidates, their registration numbers, the fire
//      alarm and the early submissions; the CSV's outcomes are what the candidates' result
//      screens said, at the PCs they ended on; `vigil-console verify-record` accepts the record
//      with the console's key.
#include "../console/record_reading.h"
#include "kiosk_steps.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace vigil::kiosk::testing;
using namespace vigil::console::reading;

namespace {

// What `vigil-console init-demo` printed for one person: "user X, PIN Y, password Z".
struct Person {
    QString user;
    QString pin;
    QString password;
};

// The demo's two PCs and who sits at each (init-demo's session).
struct DemoSeat {
    const char* seat;
    const char* candidate;
    const char* registration;
};
constexpr const char* kFireAlarm = "Fire alarm test at 10:05, room left for 4 minutes";

constexpr DemoSeat kSeats[] = {{"PC07", "Jordan Ellis", "AB123456"},
                               {"PC08", "Priya Shah", "CD234567"}};
// The room's spare PC, on no place of the plan: Jordan Ellis's sitting moves to it.
constexpr const char* kSpare = "PC09";
constexpr const char* kPcs[] = {"PC07", "PC08", kSpare};

std::string readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

// A port on loopback that nothing listens on now (the kiosks' seat.conf names it before the
// console starts).
quint16 freePort() {
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class DemoOfBinariesTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString consoleBinary_;
    quint16 port_ = 0;
    Person coordinator_;
    Person invigilator_;
    QString sessionId_;
    QString consoleKey_; // the console's public signing key, for verify-record
    std::unique_ptr<PcDesktop> console_;
    std::map<std::string, std::unique_ptr<PcDesktop>> kiosks_;
    std::map<std::string, QString> resultShown_; // seat planned -> the result screen's verdict
    bool enrolled_ = false;                      // step one done: later steps need it
    bool launched_ = false;                      // step two done

    PcDesktop& kiosk(const char* seat) { return *kiosks_.at(seat); }
    // How the PC starts its kiosk: on the data folder run-vigil.sh laid out for it.
    QStringList kioskArguments(const char* seat) const {
        return {QStringLiteral("--data-dir"),
                dir_.filePath(QStringLiteral("kiosk-run/") + QString::fromLatin1(seat).toLower())};
    }

    // Types `text` into the console's field named `field` (its label), as its user does.
    void typeInto(const QString& field, const QString& text) {
        DESKTOP_ACT(*console_, QStringLiteral("focus"), field);
        DESKTOP_ACT(*console_, QStringLiteral("type"), text);
        QTest::qWait(500); // XTest's keys reach the window on the X server's time
    }
    // The password fields have no name on the bus (Qt keeps a password field's name to itself):
    // the n-th one on the screen.
    void typeIntoPasswordField(int index, const QString& text) {
        DESKTOP_ACT(*console_, QStringLiteral("focus-role"), QStringLiteral("password text"),
                    QString::number(index));
        DESKTOP_ACT(*console_, QStringLiteral("type"), text);
        QTest::qWait(500);
    }
    void press(const QString& name) { DESKTOP_ACT(*console_, QStringLiteral("press"), name); }

    void signIn(const Person& person) {
        DESKTOP_SHOWN(screen, *console_, QStringLiteral("Sign in to the console"));
        STEP(typeInto(QStringLiteral("User id"), person.user));
        STEP(typeIntoPasswordField(0, person.pin));
        STEP(typeIntoPasswordField(1, person.password));
        STEP(press(QStringLiteral("Sign in")));
        DESKTOP_SHOWN(home, *console_, QStringLiteral("Signed in as *"));
    }
    void signOut() {
        STEP(press(QStringLiteral("Sign out")));
        DESKTOP_SHOWN(screen, *console_, QStringLiteral("Sign in to the console"));
    }
    // Sessions, then today's demo session: its screen.
    void openTheSession() {
        STEP(press(QStringLiteral("Sessions")));
        STEP(press(sessionId_ + QStringLiteral("  *")));
        DESKTOP_SHOWN(screen, *console_, QStringLiteral("Live room"));
    }
    // An action on the whole room from the live room, confirmed; each seat's outcome shown.
    void actOnTheRoom(const QString& action) {
        const auto tree = console_->tree();
        const auto wholeRoom = indexOf(tree, QStringLiteral("Whole room"));
        QVERIFY2(wholeRoom >= 0, qPrintable(describe(tree)));
        if (!tree[wholeRoom].has("checked")) {
            STEP(press(QStringLiteral("Whole room")));
        }
        STEP(press(action));
        DESKTOP_SHOWN(asked, *console_, action + QStringLiteral(" every seat of the room?"));
        STEP(press(QStringLiteral("Confirm")));
        for (const auto& seat : kSeats) {
            DESKTOP_SHOWN(applied, *console_,
                          QStringLiteral("%1 %2: applied").arg(action, QLatin1String(seat.seat)));
        }
    }
    // The live room's row of `seat` reads `pattern` after the seat and the candidate.
    void roomShows(const DemoSeat& seat, const QString& pattern) {
        STEP(roomShows(seat.seat, seat, pattern));
    }
    // ... the row of the PC `pc` (the sitting of `seat` moved there).
    void roomShows(const char* pc, const DemoSeat& seat, const QString& pattern) {
        DESKTOP_SHOWN(row, *console_,
                      QStringLiteral("%1  %2  ·  %3")
                          .arg(QLatin1String(pc), QLatin1String(seat.candidate), pattern));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString missing = (PcDesktop::missing() + u' ' + pdftotextMissing()).trimmed();
        QVERIFY2(missing.isEmpty(), qPrintable("missing: " + missing));
        consoleBinary_ = qEnvironmentVariable("VIGIL_CONSOLE_BINARY");
        QVERIFY(QFileInfo(consoleBinary_).isExecutable());
        QVERIFY(QFileInfo(qEnvironmentVariable("VIGIL_KIOSK_BINARY")).isExecutable());
        port_ = freePort();
        QVERIFY(port_ != 0);

        // The demo laid out by the script `setup.sh run` runs, in the build tree these
        // binaries are in.
        const QString build =
            QFileInfo(consoleBinary_).dir().absoluteFilePath(QStringLiteral(".."));
        QProcess layOut;
        layOut.setProcessChannelMode(QProcess::MergedChannels);
        layOut.start(QStringLiteral("bash"),
                     {QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../scripts/run-vigil.sh"), build,
                      QStringLiteral("--lay-out"), dir_.path(), QString::number(port_)});
        QVERIFY(layOut.waitForFinished(180'000));
        const QString printed = QString::fromUtf8(layOut.readAll());
        QVERIFY2(layOut.exitStatus() == QProcess::NormalExit && layOut.exitCode() == 0,
                 qPrintable(printed));
        const auto person = [&](const char* role) {
            const auto match =
                QRegularExpression(QStringLiteral("%1: +user (\\S+), PIN (\\S+), password (\\S+)")
                                       .arg(QLatin1String(role)))
                    .match(printed);
            return match.hasMatch()
                       ? Person{match.captured(1), match.captured(2), match.captured(3)}
                       : Person{};
        };
        coordinator_ = person("centre coordinator");
        invigilator_ = person("invigilator");
        sessionId_ = QRegularExpression(QStringLiteral("demo session (\\S+) today"))
                         .match(printed)
                         .captured(1);
        consoleKey_ = QRegularExpression(
                          QStringLiteral("console key \\(verify-record --console-key\\): (\\S+)"))
                          .match(printed)
                          .captured(1);
        QVERIFY2(!coordinator_.user.isEmpty() && !invigilator_.user.isEmpty() &&
                     !sessionId_.isEmpty() && !consoleKey_.isEmpty(),
                 qPrintable(printed));

        console_ =
            std::make_unique<PcDesktop>(QStringLiteral("console"), QStringLiteral("vigil-console"));
        QString failed = console_->start();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        console_->startApp(consoleBinary_,
                           {QStringLiteral("--data-dir"),
                            dir_.filePath(QStringLiteral("console-run/data")),
                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port_)});
        QVERIFY(console_->appRunning());
        for (const char* pc : kPcs) {
            auto desktop = std::make_unique<PcDesktop>(QLatin1String(pc));
            failed = desktop->start();
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
            desktop->startApp(qEnvironmentVariable("VIGIL_KIOSK_BINARY"), kioskArguments(pc));
            QVERIFY(desktop->appRunning());
            kiosks_.emplace(pc, std::move(desktop));
        }
    }

    void stepOneTheCoordinatorEnrolsEachPcByItsFingerprint() {
        STEP(signIn(coordinator_));
        STEP(press(QStringLiteral("Kiosks")));
        for (const char* pc : kPcs) {
            DESKTOP_SHOWN(screen, kiosk(pc), QStringLiteral("This PC: *"));
            const QString fingerprint =
                nameOf(*screen, QStringLiteral("This PC: *")).section(QStringLiteral(": "), 1);
            QCOMPARE(fingerprint.size(), 14); // three groups of four
            // The console lists the PC as waiting, with the same fingerprint.
            DESKTOP_SHOWN(
                waiting, *console_,
                QStringLiteral("%1  fingerprint %2  from *").arg(QLatin1String(pc), fingerprint));
            STEP(typeInto(QStringLiteral("Seat label"), QLatin1String(pc)));
            STEP(typeInto(QStringLiteral("Fingerprint shown on the kiosk"), fingerprint));
            STEP(press(QStringLiteral("Enrol")));
            DESKTOP_SHOWN(
                enrolled, *console_,
                QStringLiteral("%1  enrolled by %2").arg(QLatin1String(pc), coordinator_.user));
            // The Kiosks screen keeps what was typed: cleared for the next PC.
            for (const auto* field : {"Seat label", "Fingerprint shown on the kiosk"}) {
                const auto tree = console_->tree();
                const auto at = indexOf(tree, QLatin1String(field));
                QVERIFY(at >= 0);
                QCOMPARE(tree[at].textLength, 0);
            }
        }
        STEP(signOut());
        enrolled_ = true;
    }

    void stepTwoTheInvigilatorDeliversAndLaunches() {
        QVERIFY2(enrolled_, "the PCs were not enrolled");
        STEP(signIn(invigilator_));
        STEP(openTheSession());
        STEP(press(QStringLiteral("Live room")));
        for (const auto& seat : kSeats) {
            // Enrolled and connected, nothing delivered yet.
            STEP(roomShows(seat, QStringLiteral("Out of service*")));
        }
        STEP(actOnTheRoom(QStringLiteral("Deliver")));
        for (const auto& seat : kSeats) {
            STEP(roomShows(seat, QStringLiteral("Locked*")));
        }
        STEP(actOnTheRoom(QStringLiteral("Launch")));
        for (const auto& seat : kSeats) {
            DESKTOP_SHOWN(locked, kiosk(seat.seat), QStringLiteral("Invigilator login"));
        }
        launched_ = true;
    }

    void stepThreeEachCandidateSitsAndSubmits() {
        QVERIFY2(launched_, "the room was not launched");
        for (const auto& seat : kSeats) {
            auto& at = kiosk(seat.seat);
            STEP(logInAtKiosk(at, invigilator_.pin, invigilator_.password,
                              PasswordTyping::Keyboard));
            QString heading;
            STEP(onToAQuestion(at, heading));
            QVERIFY2(heading.startsWith(QStringLiteral("Question 1 of ")), qPrintable(heading));
            STEP(answerQuestion(at, QStringLiteral("A. *"), true));
            STEP(answerQuestion(at, QStringLiteral("B. *"), false));
            // The console's live room follows, pushed: question 2, the last answer's time.
            STEP(roomShows(seat, QStringLiteral("In progress: question 2 of *")));
        }

        // An incident at the console: the invigilator logs the room's fire alarm.
        STEP(press(QStringLiteral("Session ") + sessionId_));
        STEP(press(QStringLiteral("Incidents")));
        STEP(press(QStringLiteral("Fire alarm / evacuation")));
        STEP(typeInto(QStringLiteral("Description"), QLatin1String(kFireAlarm)));
        STEP(press(QStringLiteral("Record")));
        DESKTOP_SHOWN(recorded, *console_, QStringLiteral("Recorded"));
        STEP(press(QStringLiteral("Session ") + sessionId_));
        STEP(press(QStringLiteral("Live room")));

        // PC08 is switched off mid-sitting (SIGKILL) and started again: the live room shows it
        // gone, then waiting for the invigilator, whose login takes the candidate back to the
        // question they were on.
        auto& pc08 = kiosk("PC08");
        const QString before = questionHeading(pc08);
        QVERIFY2(before.startsWith(QStringLiteral("Question 2 of ")), qPrintable(before));
        pc08.killApp();
        STEP(roomShows(kSeats[1], QStringLiteral("Not connected since *")));
        pc08.startApp(qEnvironmentVariable("VIGIL_KIOSK_BINARY"), kioskArguments("PC08"));
        STEP(roomShows(kSeats[1], QStringLiteral("Waiting for login*")));
        STEP(logInAtKiosk(pc08, invigilator_.pin, invigilator_.password, PasswordTyping::Keyboard));
        QString resumed;
        STEP(onToAQuestion(pc08, resumed));
        QCOMPARE(resumed, before);

        // Jordan Ellis moves from PC07 to the spare PC09, chosen on the live room: PC07 hands
        // its sitting over and says where it went; PC09 waits for the invigilator, whose login
        // takes the candidate on from the question he was at.
        auto& pc07 = kiosk("PC07");
        auto& pc09 = kiosk(kSpare);
        const QString atPc07 = questionHeading(pc07);
        QVERIFY2(atPc07.startsWith(QStringLiteral("Question ")), qPrintable(atPc07));
        STEP(press(QStringLiteral("PC07  Jordan Ellis  ·  *")));
        STEP(typeInto(QStringLiteral("Spare PC"), QLatin1String(kSpare)));
        STEP(press(QStringLiteral("Move")));
        DESKTOP_SHOWN(asked, *console_, QStringLiteral("Move the sitting at PC07 to PC09?"));
        STEP(press(QStringLiteral("Confirm")));
        // Should PC07 not say so, what the console said of the move goes to the log with it.
        if (!pc07.waitForNode(QStringLiteral("*PC09*"))) {
            qWarning().noquote() << "the console:\n" << describe(console_->tree());
        }
        DESKTOP_SHOWN(gone, pc07, QStringLiteral("*PC09*"));
        QVERIFY2(indexOf(*gone, QStringLiteral("Invigilator login")) < 0,
                 qPrintable(describe(*gone)));
        DESKTOP_SHOWN(
            waiting, pc09,
            QStringLiteral("A sitting is in progress on this PC. Waiting for the invigilator."));
        STEP(roomShows(kSpare, kSeats[0], QStringLiteral("Waiting for login*")));
        STEP(logInAtKiosk(pc09, invigilator_.pin, invigilator_.password, PasswordTyping::Keyboard));
        QString carriedOn;
        STEP(onToAQuestion(pc09, carriedOn));
        QCOMPARE(carriedOn, atPc07);
        STEP(roomShows(kSpare, kSeats[0], QStringLiteral("In progress: question *")));
        // PC07 switched off and on again: it still says where the sitting went, offers no
        // login, and what it sends the console on connecting is no journal refused.
        pc07.killApp();
        pc07.startApp(qEnvironmentVariable("VIGIL_KIOSK_BINARY"), kioskArguments("PC07"));
        DESKTOP_SHOWN(stillGone, pc07, QStringLiteral("*PC09*"));
        QVERIFY2(indexOf(*stillGone, QStringLiteral("Invigilator login")) < 0,
                 qPrintable(describe(*stillGone)));
        STEP(roomShows(kSeats[0], QStringLiteral("Moved to PC09; *")));

        STEP(submitAtKiosk(pc09, resultShown_["PC07"]));
        STEP(roomShows(kSpare, kSeats[0], QStringLiteral("Result*")));
        STEP(submitAtKiosk(pc08, resultShown_["PC08"]));
        STEP(roomShows(kSeats[1], QStringLiteral("Result*")));
    }

    void stepFourTheSessionClosesAndTheCoordinatorExportsTheRecord() {
        QCOMPARE(resultShown_.size(), std::size(kSeats));
        const auto tree = console_->tree();
        const auto closeSession = indexOf(tree, QStringLiteral("Close session"));
        QVERIFY2(closeSession >= 0, qPrintable(describe(tree)));
        STEP(press(QStringLiteral("Close session")));
        STEP(press(QStringLiteral("Confirm")));
        DESKTOP_SHOWN(closed, *console_, QStringLiteral("This session is closed"));
        STEP(signOut());

        STEP(signIn(coordinator_));
        STEP(openTheSession());
        STEP(press(QStringLiteral("Export record")));
        const QString folder = dir_.filePath(QStringLiteral("record"));
        QVERIFY(QDir().mkpath(folder));
        STEP(typeInto(QStringLiteral("Folder to write to"), folder));
        STEP(press(QStringLiteral("Export")));
        DESKTOP_SHOWN(exported, *console_, QStringLiteral("Record: *"));
        // What the screen says it wrote: the record, the PDF, the CSV files, the digest.
        const QStringList lines = nameOf(*exported, QStringLiteral("Record: *")).split(u'\n');
        QCOMPARE(lines.size(), 4);
        const QString recordFile = lines[0].section(QStringLiteral(": "), 1);
        const QString pdfFile = lines[1].section(QStringLiteral(": "), 1);
        const QString csvFiles = lines[2].section(QStringLiteral(": "), 1);
        QVERIFY2(recordFile.startsWith(folder) && QFileInfo::exists(recordFile),
                 qPrintable(recordFile));
        QVERIFY2(csvFiles.endsWith(QStringLiteral("-*.csv")), qPrintable(csvFiles));

        const PdfReading pdf(pdfFile);
        QVERIFY2(!pdf.empty(), qPrintable("pdftotext read nothing of " + pdfFile));
        const auto expect = [&](const std::string& value) {
            QVERIFY2(pdf.lacks(value).isEmpty(), qPrintable(pdf.lacks(value)));
        };
        expect(invigilator_.user.toStdString());
        for (const auto& seat : kSeats) {
            expect(seat.candidate);
            expect(seat.registration);
        }
        expect("Early submission (kiosk)"); // the kiosks' incidents, arrived by themselves
        expect("Fire alarm / evacuation");  // and the console's
        expect(kFireAlarm);
        expect("PC07 to PC09"); // the move, on the record
        // A move that went as it should leaves no IT failure: PC07, connecting again after it,
        // sent nothing the console had to refuse.
        QVERIFY2(!pdf.lacks("was refused by the console").isEmpty(),
                 "the record logs a refused journal");
        const QString csvBase = csvFiles.chopped(int(std::strlen("-*.csv")));
        const auto rows = parseCsv(readFile(csvBase + QStringLiteral("-candidates.csv")));
        QCOMPARE(rows.size(), std::size(kSeats) + 1);
        for (const auto& seat : kSeats) {
            const auto row = std::find_if(rows.begin() + 1, rows.end(), [&](const auto& cells) {
                return cells.size() > 6 && cells[1] == seat.registration;
            });
            QVERIFY2(row != rows.end(), seat.registration);
            QCOMPARE(QString::fromStdString((*row)[0]), QLatin1String(seat.candidate));
            // The PC column says where the sitting went.
            const QString pcs = QLatin1String(seat.seat) == QLatin1String("PC07")
                                    ? QStringLiteral("PC07, moved to PC09")
                                    : QLatin1String(seat.seat);
            QCOMPARE(QString::fromStdString((*row)[3]), pcs);
            // The outcome on the record is what the candidate's result screen said.
            QCOMPARE(QString::fromStdString((*row)[6]),
                     QStringLiteral("Submitted: ") + resultShown_.at(seat.seat));
            expect((*row)[6]);
        }

        // The awarding body's check of the record, by the console's own command.
        QProcess verify;
        verify.setProcessChannelMode(QProcess::MergedChannels);
        verify.start(consoleBinary_, {QStringLiteral("verify-record"), recordFile,
                                      QStringLiteral("--console-key"), consoleKey_});
        QVERIFY(verify.waitForFinished(60'000));
        const QString said = QString::fromUtf8(verify.readAll());
        QVERIFY2(verify.exitCode() == 0, qPrintable(said));
    }

    void cleanupTestCase() {
        kiosks_.clear(); // each desktop ends its app, buses and X server
        console_.reset();
    }
};

QTEST_MAIN(DemoOfBinariesTest)
#include "tst_demo_of_binaries.moc"
