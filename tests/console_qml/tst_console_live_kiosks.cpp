// The live room's Deliver, Launch and Move clicked on the console's real screens (offscreen)
// against real kiosks on loopback, and what the invigilator and the candidate see.
//
// How it is driven: the console is the real ConsoleController over a real data folder (a
// centre, a session seating Jordan Ellis at PC01, its hub on 127.0.0.1) under the real QML,
// clicked as a person would. Each kiosk is a child process of this test running the same
// KioskRuntime that vigil-kiosk's main() runs, on a data folder whose seat.conf names the
// console (console_kiosk_folder.h), and driven through its own screens by clicks
// (screen_driver.h, sitting_script.h), since this test clicks the console's screens in its own
// window; the same room with the real vigil-kiosk binary at each seat, driven through the AT-SPI
// bus, is tests/e2e tst_room_of_kiosk_binaries. A child prints what its screen shows on stdout;
// it is killed with SIGKILL as a PC is switched off.
//   1. The coordinator enrols PC01 and the spare PC12 by the fingerprints their screens show,
//      and puts PC12 on the seating plan's free place.
//   2. The invigilator opens the live room, selects PC01, delivers and launches (each
//      confirmed): the session opens; the candidate is logged in at PC01, answers, flags; the
//      tile says "In progress: question 2 of 2".
//   3. PC01 is killed; the tile says not connected; the invigilator moves the sitting to PC12,
//      ticking that PC01 is dead, and confirms: PC12's Locked screen says a sitting is in
//      progress and after the login shows the same question, answers and flag; PC01's tile
//      says "Moved to PC12", PC12's "In progress: question 2 of 2".
//   4. PC01 comes back: its screen says the sitting moved to PC12, and offers no login.
// The live room is rendered with the moved sitting in progress to
// $VIGIL_BUILD_DIR/screenshots/console-live-room-moved.png.
#include "../console/live_fixture.h"
#include "console_kiosk_folder.h"
#include "fixture/console_window.h"
#include "sitting_script.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QProcess>
#include <QQuickStyle>
#include <QTimeZone>
#include <QtQml/qqmlextensionplugin.h>
#include <csignal>
#include <cstdio>
#include <poll.h>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)
Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;
namespace fs = std::filesystem;

namespace {

// The session's invigilator (LiveConsole): what they type at a kiosk's Login screen.
const QString kPin = QStringLiteral("1357");
const QString kPassword = QStringLiteral("INV-0042-password");

// ---- the child: one kiosk, driven through its screens

using namespace vigil::kiosk::testing;

void report(const QString& line) {
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString shownText(QQuickWindow* window, const QString& name) {
    auto* item = findVisibleItem(window->contentItem(), name);
    return item ? item->property("text").toString() : QString();
}

void waitFor(const std::function<bool()>& shown, const QString& what) {
    if (!QTest::qWaitFor(shown, 180'000)) {
        childDies(QStringLiteral("never shown: ") + what);
    }
}

void logIn(QQuickWindow* window) {
    clickItem(window, QStringLiteral("invigilatorLoginButton"));
    logInInvigilator(window, kPin, kPassword);
}

// The kiosk keeps running until the parent ends it (closes this child's stdin, or dies).
int runUntilTheParentEnds() {
    while (true) {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        if (::poll(&in, 1, 0) > 0) {
            char c = 0;
            if (::read(STDIN_FILENO, &c, 1) <= 0) {
                return 0;
            }
        }
        QTest::qWait(50);
    }
}

// `phase`: --sit (the candidate sits once the console launched), --spare (the sitting that
// moved here is resumed), --back (the PC the sitting left, started again).
int runChild(const QString& phase, const QString& data) {
    vigil::kiosk::KioskRuntime runtime(consoleKioskOptions(data.toStdString()));
    auto* window = showKioskWindow(runtime);
    auto* root = window->contentItem();
    if (phase == QLatin1String("--back")) {
        waitFor(
            [&] {
                return runtime.session() &&
                       shownText(window, QStringLiteral("lockedStatus")).contains("PC12");
            },
            QStringLiteral("the Locked screen saying where the sitting went"));
        report(QStringLiteral("LOCKED %1 login=%2")
                   .arg(shownText(window, QStringLiteral("lockedStatus")))
                   .arg(findVisibleItem(root, QStringLiteral("invigilatorLoginButton"))
                            ? QStringLiteral("shown")
                            : QStringLiteral("none")));
        return runUntilTheParentEnds();
    }
    // Out of service until enrolled and given the seat: the coordinator reads this.
    waitFor([&] { return !shownText(window, QStringLiteral("problemLinkFingerprint")).isEmpty(); },
            QStringLiteral("the fingerprint"));
    // "This PC: <fingerprint>"
    report(QStringLiteral("FINGERPRINT ") +
           shownText(window, QStringLiteral("problemLinkFingerprint"))
               .section(QStringLiteral(": "), 1));
    if (phase == QLatin1String("--spare")) {
        waitFor(
            [&] {
                return runtime.session() && runtime.session()->sittingInProgress() &&
                       findVisibleItem(root, QStringLiteral("invigilatorLoginButton"));
            },
            QStringLiteral("a sitting waiting on the Locked screen"));
        report(QStringLiteral("LOCKED ") + shownText(window, QStringLiteral("lockedStatus")));
        logIn(window);
    } else {
        waitFor(
            [&] {
                return runtime.session() &&
                       findVisibleItem(root, QStringLiteral("invigilatorLoginButton"));
            },
            QStringLiteral("the Locked screen after the launch"));
        logIn(window);
        waitFor(
            [&] {
                return findVisibleItem(root, QStringLiteral("confirmCandidateButton")) ||
                       findVisibleItem(root, QStringLiteral("machineContinueButton"));
            },
            QStringLiteral("the candidate's confirmation"));
        if (findVisibleItem(root, QStringLiteral("machineContinueButton"))) {
            clickItem(window, QStringLiteral("machineContinueButton"));
        }
        clickItem(window, QStringLiteral("confirmCandidateButton"));
        clickItem(window, QStringLiteral("startButton"));
        waitForItem(window, QStringLiteral("questionScreen"));
        clickItem(window, QStringLiteral("choice_0"));
        clickItem(window, QStringLiteral("nextButton"));
        clickItem(window, QStringLiteral("choice_1"));
        clickItem(window, QStringLiteral("flagButton"));
    }
    waitForItem(window, QStringLiteral("questionScreen"));
    QTest::qWait(500); // the answers are journalled and pushed
    report(QStringLiteral("STATE %1 shown=\"%2\"")
               .arg(describeSitting(*runtime.session()),
                    shownText(window, QStringLiteral("questionHeading"))));
    return runUntilTheParentEnds();
}

// ---- the parent

// One kiosk child and what it printed.
struct Kiosk {
    QString seat;
    fs::path data;
    std::unique_ptr<QProcess> process;
    QByteArray output;

    void start(const QString& phase) {
        process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        output.clear();
        process->start(QCoreApplication::applicationFilePath(),
                       {QStringLiteral("--kiosk"), phase, QString::fromStdString(data.string())});
    }
    // The rest of the first line the child printed starting with `tag`, or "" after the limit.
    QString line(const QString& tag, int limitMs = 240'000) {
        QString found;
        eventually(
            [&] {
                output += process->readAllStandardOutput();
                for (const auto& text : output.split('\n')) {
                    if (text.startsWith(tag.toUtf8() + ' ')) {
                        found = QString::fromUtf8(text.mid(tag.size() + 1));
                        return true;
                    }
                }
                return process->state() == QProcess::NotRunning;
            },
            limitMs);
        return found;
    }
    void switchOff() {
        if (process && process->state() != QProcess::NotRunning) {
            ::kill(pid_t(process->processId()), SIGKILL);
            process->waitForFinished();
        }
    }
    // Ends the child as its parent would: stdin closes, the kiosk quits.
    void end() {
        if (process && process->state() != QProcess::NotRunning) {
            process->closeWriteChannel();
            if (!process->waitForFinished(20'000)) {
                switchOff();
            }
        }
    }
};

} // namespace

class ConsoleLiveKiosksTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    // The kiosks judge a command's age and the session's date by their own clocks: the
    // console runs on the real one too.
    exam::SystemClock clock_;
    std::string sessionId_;
    std::unique_ptr<ConsoleController> controller_;
    std::unique_ptr<ConsoleWindow> window_;
    Kiosk pc01_;
    Kiosk pc12_;
    QString before_; // what PC01 showed when it was switched off

    [[nodiscard]] fs::path path(const std::string& name) const {
        return fs::path(dir_.path().toStdString()) / name;
    }
    QQuickItem* item(const QString& name) { return window_->item(name); }
    void click(const QString& name) { window_->click(name); }
    LiveRoomController& live() { return *controller_->liveRoom(); }
    QString tile(const QString& seat, const QByteArray& role) {
        return tileOf(live(), seat, role).toString();
    }
    // Whether the Kiosks screen lists `seat` as waiting to be enrolled.
    bool waiting(const QString& seat) {
        for (const auto& row : controller_->waitingKiosks()) {
            if (row.toMap().value("seat").toString() == seat) {
                return true;
            }
        }
        return false;
    }
    // From the Sessions screen: the session's own screen.
    void openTheSession() {
        click("navSessions");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessions"));
        click("session_" + QString::fromStdString(sessionId_));
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessionSetup"));
    }
    // The selected seat's history as listed: "<description> (<recorded by>)".
    QStringList history() {
        QStringList lines;
        for (const auto& row : live().seatHistory()) {
            lines << row.toMap().value("description").toString() + " (" +
                         row.toMap().value("recordedBy").toString() + ")";
        }
        return lines;
    }
    // Selects exactly `seat` on the grid by clicking tiles.
    void select(const QString& seat) {
        for (const auto& selected : live().selection()) {
            if (selected != seat) {
                click("seat_" + selected);
            }
        }
        if (!live().selection().contains(seat)) {
            click("seat_" + seat);
        }
        QCOMPARE(live().selection(), QStringList{seat});
    }
    void confirm(const QString& action) {
        click(action);
        QVERIFY(item("confirmBar")->isVisible());
        click("confirmAction");
        QCOMPARE(item("message")->property("text").toString(), QString());
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const auto today = QDateTime::currentDateTime()
                               .toTimeZone(QTimeZone(QByteArrayLiteral("Europe/London")))
                               .date()
                               .toString(Qt::ISODate)
                               .toStdString();
        crypto::SigningPublicKey consoleKey{};
        {
            exam::ManualClock setUpAt;
            setUpAt.setWall(QDateTime::currentMSecsSinceEpoch());
            LiveConsole prepared(path("centre"), setUpAt, today); // the session, plan, package
            consoleKey = prepared.service().centre().signingKeys().publicKey;
            sessionId_ = prepared.sessionId();
        }
        controller_ = std::make_unique<ConsoleController>(
            ConsoleDataDir(path("centre") / "console"), clock_, loopbackLink());
        QVERIFY(controller_->listeningPort() > 0);
        const auto port = static_cast<std::uint16_t>(controller_->listeningPort());
        pc01_ = {QStringLiteral("PC01"), path("pc01"), {}, {}};
        pc12_ = {QStringLiteral("PC12"), path("pc12"), {}, {}};
        for (auto* kiosk : {&pc01_, &pc12_}) {
            layOutConsoleKiosk(path("centre"), consoleKey, kiosk->data, kCentreId,
                               kiosk->seat.toStdString(), port);
        }
        pc01_.start(QStringLiteral("--sit"));
        pc12_.start(QStringLiteral("--spare"));
        window_ = std::make_unique<ConsoleWindow>(*controller_, QSize(1400, 900));
    }

    void theCoordinatorEnrolsBothPcsAndPlacesTheSpare() {
        window_->signIn(QString::fromStdString(kCoordinatorId),
                        QString::fromStdString(kCoordinatorPin),
                        QString::fromStdString(kCoordinatorPassword));
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        click("navKiosks");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("kiosks"));
        for (auto* kiosk : {&pc01_, &pc12_}) {
            const QString fingerprint = kiosk->line(QStringLiteral("FINGERPRINT"));
            QVERIFY2(!fingerprint.isEmpty(), qPrintable(kiosk->seat + " showed no fingerprint"));
            QVERIFY(eventually([&] { return waiting(kiosk->seat); }));
            window_->type("seatField", kiosk->seat);
            window_->type("fingerprintField", fingerprint);
            click("enrol");
            QCOMPARE(window_->text("message"), "Enrolled " + kiosk->seat);
        }
        // The spare goes on the plan's free place, so the live room shows it.
        openTheSession();
        click("openPlan");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("seatingPlan"));
        window_->type("pcNameField", QStringLiteral("PC12"));
        click("place_1_0");
        QCOMPARE(controller_->plan().value("cells").toList().at(3).toMap().value("seat").toString(),
                 QStringLiteral("PC12"));
        click("signOut");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("signIn"));
    }

    void theInvigilatorDeliversAndLaunchesAndTheCandidateSits() {
        window_->signIn("INV-0042", kPin, kPassword);
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        openTheSession();
        click("openLive");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("liveRoom"));
        QCOMPARE(live().sessionState(), QStringLiteral("planned"));
        // Enrolled, nothing delivered: the kiosk waits for its seat.
        QVERIFY(eventually([&] { return tile("PC01", "state") == "out-of-service"; }));

        select(QStringLiteral("PC01"));
        confirm(QStringLiteral("actDeliver"));
        QTRY_VERIFY_WITH_TIMEOUT(live().results().contains("Deliver PC01: applied"), 60'000);
        QVERIFY(eventually([&] { return tile("PC01", "state") == "locked"; }));
        confirm(QStringLiteral("actLaunch"));
        QTRY_VERIFY_WITH_TIMEOUT(live().results().contains("Launch PC01: applied"), 60'000);
        // The seat's history: each action with its outcome and who gave it.
        const QStringList given = history();
        QVERIFY2(given.size() >= 2, qPrintable(given.join(" | ")));
        QCOMPARE(given.mid(0, 2),
                 (QStringList{"From the console: Deliver PC01: applied (INV-0042)",
                              "From the console: Launch PC01: applied (INV-0042)"}));
        QVERIFY(item("history_1")->isVisible());
        // The first launch opened the session.
        QCOMPARE(live().sessionState(), QStringLiteral("open"));
        QCOMPARE(item("sessionState")->property("text").toString(),
                 QStringLiteral("This session is open"));

        // At PC01 the invigilator logs Jordan Ellis in; they answer 1, answer and flag 2.
        before_ = pc01_.line(QStringLiteral("STATE"));
        QVERIFY2(before_.contains(QStringLiteral("heading=\"Question 2 of 2\" flagged=1")) &&
                     before_.endsWith(QStringLiteral("shown=\"Question 2 of 2\"")),
                 qPrintable(before_));
        QVERIFY(eventually([&] {
            return tile("PC01", "stateText").startsWith("In progress: question 2 of 2, ");
        }));
        QCOMPARE(tile("PC01", "candidate"), QStringLiteral("Jordan Ellis"));
        QVERIFY(eventually([&] { return !tile("PC01", "lastAnswer").isEmpty(); }));
    }

    void theKilledPcsSittingMovesToTheSpare() {
        pc01_.switchOff();
        QVERIFY(eventually([&] { return tile("PC01", "state") == "not-connected"; }));
        QVERIFY(tile("PC01", "stateText").startsWith("Not connected"));

        QCOMPARE(live().selection(), QStringList{"PC01"});
        window_->type("moveToSeat", QStringLiteral("PC12"));
        click("oldPcDead");
        click("actMove");
        QVERIFY(item("confirmBar")->isVisible());
        click("confirmAction");
        QCOMPARE(item("message")->property("text").toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(live().results().contains("Move PC01 to PC12: moved"), 60'000);
        const QStringList moved = history();
        QVERIFY2(moved.contains("From the console: move of the sitting from PC01 to PC12 (the old "
                                "PC confirmed dead) started (INV-0042)") &&
                     moved.contains("From the console: move of the sitting from PC01 to PC12: "
                                    "moved (INV-0042)"),
                 qPrintable(moved.join(" | ")));

        // PC12: the sitting waits for the invigilator, then the candidate sees what they left.
        const QString locked = pc12_.line(QStringLiteral("LOCKED"));
        QCOMPARE(locked, QStringLiteral(
                             "A sitting is in progress on this PC. Waiting for the invigilator."));
        const QString after = pc12_.line(QStringLiteral("STATE"));
        QVERIFY2(!after.isEmpty(), "PC12 showed no question");
        qInfo("PC01 before: %s\nPC12 after:  %s", qPrintable(before_), qPrintable(after));
        QCOMPARE(withoutSeconds(after), withoutSeconds(before_));
        QVERIFY(after.endsWith(QStringLiteral("shown=\"Question 2 of 2\"")));

        // The tiles: PC01 says where its sitting went, PC12 carries it on.
        QVERIFY(
            eventually([&] { return tile("PC01", "stateText").startsWith("Moved to PC12; "); }));
        QVERIFY(eventually([&] {
            return tile("PC12", "stateText").startsWith("In progress: question 2 of 2, ");
        }));
    }

    void theOldPcBackSaysWhereTheSittingWent() {
        pc01_.start(QStringLiteral("--back"));
        const QString shown = pc01_.line(QStringLiteral("LOCKED"));
        QVERIFY2(shown.contains(QStringLiteral("PC12")) && shown.endsWith(" login=none"),
                 qPrintable(shown));
        QVERIFY(eventually([&] { return tile("PC01", "state") != "not-connected"; }));
        QVERIFY(tile("PC01", "stateText").startsWith("Moved to PC12; "));
        QVERIFY(tile("PC12", "stateText").startsWith("In progress: question 2 of 2, "));
        QVERIFY(window_->screenshot(screenshotFolder(dir_), "console-live-room-moved.png"));
    }

    void cleanupTestCase() {
        pc01_.end();
        pc12_.end();
        if (controller_) {
            controller_->signOut(); // the live room's screen goes before its window
        }
        QTest::qWait(100);
        window_.reset();
        controller_.reset();
    }
};

int main(int argc, char* argv[]) {
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 4 && args.at(1) == QLatin1String("--kiosk")) {
        return runChild(args.at(2), args.at(3));
    }
    ConsoleLiveKiosksTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_console_live_kiosks.moc"
