// The live room screen, clicked through offscreen by the real QML over a real console (its
// data folder, store, hub on loopback) and real kiosk link endpoints holding real sittings:
// the invigilator opens the live room, selects two seats, pauses the whole room (one seat not
// connected), gives extra time and resumes the selection; every seat's outcome is shown, the
// selection survives the kiosks' pushes, and the unread seat sorts first; a seven-minute pause
// is offered as seven minutes of extra time; Close session is refused naming the seats in
// progress and the one not started, then closes once one is submitted, one voided and the
// last explained. The screen is
// rendered to $VIGIL_BUILD_DIR/screenshots/console-live-room.png.
#include "../console/live_fixture.h"
#include "fixture/console_window.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QPointer>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

class ConsoleLiveRoomTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningPublicKey consoleKey_{};
    std::string sessionId_;
    std::unique_ptr<ConsoleController> controller_;
    std::unique_ptr<ConsoleWindow> window_;
    std::vector<std::unique_ptr<TestKiosk>> kiosks_;
    // Both models are checked for consistency through every push, reset and change.
    std::unique_ptr<QAbstractItemModelTester> gridTester_;
    std::unique_ptr<QAbstractItemModelTester> listTester_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    QQuickItem* item(const QString& name) { return window_->item(name); }
    void click(const QString& name) { window_->click(name); }
    LiveRoomController& live() { return *controller_->liveRoom(); }
    QVariant tile(const QString& seat, const QByteArray& role) {
        return tileOf(live(), seat, role);
    }
    TestKiosk& kiosk(int i) { return *kiosks_.at(static_cast<std::size_t>(i)); }

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QVERIFY(dir_.isValid());
        {
            LiveConsole prepared(path("centre"), clock_); // the session, its plan, its package
            consoleKey_ = prepared.service().centre().signingKeys().publicKey;
            sessionId_ = prepared.sessionId();
        }
        controller_ = std::make_unique<ConsoleController>(
            ConsoleDataDir(path("centre") / "console"), clock_, loopbackLink());
        QVERIFY(controller_->listeningPort() > 0);
        QVERIFY(controller_
                    ->signIn(QString::fromStdString(kCoordinatorId),
                             QString::fromStdString(kCoordinatorPin),
                             QString::fromStdString(kCoordinatorPassword))
                    .isEmpty());
        for (const char* seat : {"PC01", "PC02"}) {
            kiosks_.push_back(std::make_unique<TestKiosk>(
                path(seat), seat, consoleKey_,
                static_cast<std::uint16_t>(controller_->listeningPort())));
            kiosks_.back()->start();
            QVERIFY(eventually([&] { return !controller_->waitingKiosks().isEmpty(); }));
            QCOMPARE(controller_->enrolKiosk(seat,
                                             QString::fromStdString(kiosks_.back()->fingerprint())),
                     QString());
            QVERIFY(eventually([&] { return kiosks_.back()->enrolled(); }));
        }
        controller_->signOut();
        window_ = std::make_unique<ConsoleWindow>(*controller_, QSize(1400, 900));
    }

    void theInvigilatorOpensTheLiveRoom() {
        window_->signIn("INV-0042", "1357", "INV-0042-password");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        QCOMPARE(controller_->openSession(QString::fromStdString(sessionId_)), QString());
        click("openLive");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("liveRoom"));
        QCOMPARE(live().grid()->rowCount(), 3);
        gridTester_ = std::make_unique<QAbstractItemModelTester>(
            live().grid(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        listTester_ = std::make_unique<QAbstractItemModelTester>(
            live().list(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        const auto assessment = smallAssessment(LiveConsole::kAssessment, false);
        kiosk(0).sit(sessionId_, "AB123456", assessment);
        kiosk(0).answer("q01", "A");
        kiosk(1).sit(sessionId_, "REG-40213", assessment);
        kiosk(1).noteIncident("problem reported with question 2: the diagram is cut off");
        QTRY_COMPARE(tile("PC01", "state").toString(), QStringLiteral("in-progress"));
        QTRY_COMPARE(tile("PC02", "unread").toInt(), 1);
        QCOMPARE(tile("PC01", "stateText").toString(),
                 QStringLiteral("In progress: question 1 of 2, 39:30 left"));
        QTRY_VERIFY(!tile("PC01", "lastAnswer").toString().isEmpty());
        QCOMPARE(tile("PC03", "state").toString(), QStringLiteral("not-connected"));
        // The list view: the seat with an unread incident first.
        QCOMPARE(live().list()->data(live().list()->index(0), LiveSeatsModel::SeatRole).toString(),
                 QStringLiteral("PC02"));
    }

    void selectedSeatsArePausedAndTheWholeRoomReportsEachSeat() {
        click("seat_PC01");
        // A screen reader reads a seat as one toggle button saying what its tile shows, and
        // selects it with its Press action.
        auto* pc02 = QAccessible::queryAccessibleInterface(item("seat_PC02"));
        QVERIFY(pc02 && pc02->actionInterface());
        QVERIFY2(pc02->text(QAccessible::Name).startsWith(QStringLiteral("PC02, Sam Patel, ")),
                 qPrintable(pc02->text(QAccessible::Name)));
        QVERIFY2(pc02->text(QAccessible::Name).contains(QStringLiteral("1 unread incidents")),
                 qPrintable(pc02->text(QAccessible::Name)));
        QVERIFY(pc02->state().checkable);
        QVERIFY(!pc02->state().checked);
        pc02->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
        QCOMPARE(live().selection(), (QStringList{"PC01", "PC02"}));
        // The count buttons stay while their counts change (one under the keyboard's or a
        // screen reader's focus must not vanish at a push).
        const QPointer<QQuickItem> pausedFilter = item("filter_paused");
        QVERIFY(pausedFilter);
        QCOMPARE(pausedFilter->property("text").toString(), QStringLiteral("Paused  0"));
        click("wholeRoom");
        click("actPause");
        QVERIFY(item("confirmBar")->isVisible());
        item("actionReason")->setProperty("text", "fire alarm");
        click("confirmAction");
        QTRY_VERIFY(live().results().contains("Pause PC01: applied"));
        QTRY_VERIFY(live().results().contains("Pause PC02: applied"));
        QVERIFY(live().results().contains("Pause PC03: not connected"));
        QTRY_COMPARE(tile("PC01", "state").toString(), QStringLiteral("paused"));
        QTRY_COMPARE(tile("PC02", "state").toString(), QStringLiteral("paused"));
        // The pushes redrew the seats; the selection is as it was.
        QCOMPARE(live().selection(), (QStringList{"PC01", "PC02"}));
        QVERIFY(tile("PC01", "selected").toBool());
        QTRY_COMPARE(window_->text("filter_paused"), QStringLiteral("Paused  2"));
        QCOMPARE(item("filter_paused"), pausedFilter.data());
        click("filter_paused");
        QCOMPARE(live().filter(), QStringLiteral("paused"));
        QTRY_COMPARE(live().list()->rowCount(), 2);
        QTest::qWait(100);
        QVERIFY(window_->screenshot(screenshotFolder(dir_), "console-live-room.png"));
        click("filter_all");
        QTRY_COMPARE(live().list()->rowCount(), 3);
    }

    void theSelectionGetsExtraTimeAndResumes() {
        click("wholeRoom"); // back to the selection
        item("extraMinutes")->setProperty("text", "15");
        click("actExtraTime");
        click("confirmAction");
        QTRY_VERIFY(live().results().contains("Extra time PC01: applied"));
        QTRY_VERIFY(live().results().contains("Extra time PC02: applied"));
        QCOMPARE(live().results().size(), 2); // the selection only
        QCOMPARE(kiosk(0).sitting()->snapshot().extraTimeSeconds, 15 * 60);
        QCOMPARE(kiosk(1).sitting()->snapshot().extraTimeSeconds, 15 * 60);
        click("actResume");
        click("confirmAction");
        QTRY_VERIFY(live().results().contains("Resume PC01: applied"));
        QTRY_VERIFY(live().results().contains("Resume PC02: applied"));
        QTRY_COMPARE(tile("PC01", "state").toString(), QStringLiteral("in-progress"));
        QTRY_COMPARE(tile("PC01", "stateText").toString(),
                     QStringLiteral("In progress: question 1 of 2, 54:30 left"));
        QCOMPARE(live().selection(), (QStringList{"PC01", "PC02"}));

        // The kiosk's incident is read from the live room.
        const auto unread = live().unreadIncidents();
        QCOMPARE(unread.size(), 1);
        click("markRead_" + unread[0].toMap().value("sequence").toString());
        QTRY_COMPARE(tile("PC02", "unread").toInt(), 0);
    }

    void aPauseIsOfferedAsExtraTime() {
        click("seat_PC02"); // the selection: PC01 alone
        QCOMPARE(live().selection(), (QStringList{"PC01"}));
        QVERIFY(live().extraTimeOffer().isEmpty()); // its pause's extra time was given during it
        item("actionReason")->setProperty("text", "candidate taken ill");
        click("actPause");
        click("confirmAction");
        QTRY_COMPARE(tile("PC01", "state").toString(), QStringLiteral("paused"));
        kiosk(0).clock().advance(std::chrono::minutes(7)); // seven minutes pass at the seat
        click("actResume");
        click("confirmAction");
        QTRY_COMPARE(tile("PC01", "state").toString(), QStringLiteral("in-progress"));
        QTRY_COMPARE(live().extraTimeOffer().value("minutes").toInt(), 7);
        const auto offered = item("extraTimeOffer")->property("text").toString();
        QVERIFY2(offered.startsWith("PC01 was paused ") &&
                     offered.endsWith(": 7 min for candidate taken ill"),
                 qPrintable(offered));
        // The screen follows the choice of seat: no seat chosen, no offer shown; chosen again,
        // shown again.
        click("seat_PC01");
        QTRY_COMPARE(item("extraTimeOffer")->property("text").toString(), QString());
        click("seat_PC01");
        QTRY_COMPARE(item("extraTimeOffer")->property("text").toString(), offered);
        click("useExtraTimeOffer");
        QCOMPARE(item("extraMinutes")->property("text").toString(), QStringLiteral("7"));
        QVERIFY(item("confirmBar")->isVisible());
        click("confirmAction");
        QTRY_VERIFY(live().results().contains("Extra time PC01: applied"));
        QCOMPARE(kiosk(0).sitting()->snapshot().extraTimeSeconds, (15 + 7) * 60);
        QTRY_VERIFY(live().extraTimeOffer().isEmpty()); // answered by the grant
    }

    void theSessionClosesOnceEverySeatIsSubmittedVoidedOrExplained() {
        click("actCloseSession");
        click("confirmAction");
        QTRY_COMPARE(item("message")->property("text").toString(),
                     QStringLiteral("the session cannot close while a seat is neither "
                                    "submitted, voided nor explained: PC01 (Jordan Ellis) is in "
                                    "progress; PC02 (Sam Patel) is in progress; PC03 (Jo Jones) "
                                    "is not started"));
        QCOMPARE(live().sessionState(), QStringLiteral("planned"));
        QVERIFY(item("actCloseSession")->isEnabled());

        // PC01 submits; PC02 is voided from the live room; PC03 never started: explained.
        kiosk(0).submit();
        QTRY_COMPARE(tile("PC01", "state").toString(), QStringLiteral("result"));
        click("seat_PC01");
        click("seat_PC02");
        QCOMPARE(live().selection(), (QStringList{"PC02"}));
        item("actionReason")->setProperty("text", "candidate taken ill");
        click("actVoid");
        click("confirmAction");
        QTRY_VERIFY(live().results().contains("Void PC02: applied"));
        QTRY_VERIFY(live().session()->room().seat("PC02")->progress == SittingProgress::Voided);
        click("seat_PC02");
        click("seat_PC03");
        QCOMPARE(live().selection(), (QStringList{"PC03"}));
        item("closeExplanation")->setProperty("text", "candidate absent");
        click("actCloseSession");
        click("confirmAction");
        QTRY_COMPARE(live().sessionState(), QStringLiteral("closed"));
        QCOMPARE(item("message")->property("text").toString(), QString());
        QCOMPARE(item("sessionState")->property("text").toString(),
                 QStringLiteral("This session is closed"));
        QVERIFY(!item("actCloseSession")->isEnabled());
    }

    void cleanupTestCase() {
        gridTester_.reset();
        listTester_.reset();
        controller_->signOut(); // the live room's screen goes before its window
        QTest::qWait(100);
        window_.reset();
        kiosks_.clear();
        controller_.reset();
    }
};

QTEST_MAIN(ConsoleLiveRoomTest)
#include "tst_console_live_room.moc"
