// Every vigil-console screen, clicked through offscreen by the real QML over a real console:
// the first run on an empty data folder, then a prepared centre (coordinator, one invigilator,
// one imported package) for sign-in, home, users, kiosks, sessions and a session's set-up, and
// last the same data folder made unusable (the screen that says why).
// Each screen is rendered to $VIGIL_BUILD_DIR/screenshots/console-NN-name.png.
#include "../console/core_fixture.h"
#include "fixture/console_window.h"

#include <QAccessible>
#include <QDir>
#include <QFile>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <sys/stat.h>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)

using namespace vigil;
using namespace vigil::console;
using vigil::console::testing::ConsoleWindow;
using vigil::console::testing::valueOf;

class ConsoleScreensTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair awardingBody_ = crypto::generateSigningKeyPair();
    crypto::BoxKeyPair awardingBodyBox_ = crypto::generateBoxKeyPair();
    std::unique_ptr<ConsoleController> controller_;
    std::unique_ptr<ConsoleWindow> window_;
    QString outDir_;
    int shot_ = 0;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }

    void closeWindow() { window_.reset(); }

    void show(const std::string& dataFolder) {
        closeWindow();
        controller_ = std::make_unique<ConsoleController>(ConsoleDataDir(path(dataFolder)), clock_,
                                                          testing::loopbackLink());
        window_ = std::make_unique<ConsoleWindow>(*controller_, QSize(1200, 800));
    }

    QQuickItem* item(const char* name) { return window_->item(QLatin1String(name)); }
    // The form field `field` + "Field" ("userId": userIdField).
    void type(const char* field, const QString& text) {
        window_->type(QLatin1String(field) + QStringLiteral("Field"), text);
    }
    void click(const char* name) { window_->click(QLatin1String(name)); }
    // What a screen reader reads of an item, and its Press action (Orca's "activate").
    QString accessibleName(const char* name) {
        auto* accessible = QAccessible::queryAccessibleInterface(item(name));
        return accessible ? accessible->text(QAccessible::Name) : QString();
    }
    void pressAccessibly(const char* name) {
        auto* accessible = QAccessible::queryAccessibleInterface(item(name));
        QVERIFY2(accessible && accessible->actionInterface(), name);
        QVERIFY2(accessible->actionInterface()->actionNames().contains(
                     QAccessibleActionInterface::pressAction()),
                 name);
        accessible->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    }
    void drag(const QString& from, const QString& to) { window_->drag(from, to); }
    QString text(const char* name) { return window_->text(QLatin1String(name)); }

    void screenshot(const char* name) {
        QCOMPARE(window_->window()->size(), QSize(1200, 800));
        const auto file = QStringLiteral("console-%1-%2.png")
                              .arg(++shot_, 2, 10, QLatin1Char('0'))
                              .arg(QLatin1String(name));
        QVERIFY2(window_->screenshot(outDir_, file), qPrintable(file));
    }

private slots:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QVERIFY(dir_.isValid());
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub"), awardingBody_.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub"), awardingBodyBox_.publicKey));
        outDir_ = testing::screenshotFolder(dir_);
        QVERIFY(QDir(outDir_).exists());
        // Pictures of an earlier run whose numbering differs would be copied to the docs too
        // (the live room's own test writes console-live-room.png beside them).
        for (const auto& old :
             QDir(outDir_).entryList({QStringLiteral("console-[0-9][0-9]-*.png")})) {
            QVERIFY(QDir(outDir_).remove(old));
        }

        // The prepared centre: what a first run and the coordinator's morning leave behind.
        auto service = valueOf(ConsoleService::open(ConsoleDataDir(path("centre")), clock_));
        QVERIFY(service
                    ->createCentre({"C0451",
                                    "Northfield Motor Training",
                                    "Europe/London",
                                    path("ab-signing.pub"),
                                    path("ab-box.pub"),
                                    {"COORD-1", "Alex Morgan", "246810", "workshop-keys"}})
                    .ok());
        const auto coordinator = valueOf(service->signIn("COORD-1", "246810", "workshop-keys"));
        QVERIFY(
            service->users()
                .addInvigilator(coordinator, {"INV-0042", "Sam Carter", "1357", "sam-password", {}})
                .ok());
        auto built =
            exam::buildPackage(testing::smallAssessment("LV3-BRAKES-2026A", false), awardingBody_,
                               {{"C0451", service->centre().boxKeys().publicKey}});
        QVERIFY(built.ok());
        QVERIFY(exam::writePackageFile(path("brakes.vigil"), built.value()).ok());
        QVERIFY(service->packages().import(coordinator, path("brakes.vigil")).ok());
    }

    void theFirstRunCreatesTheCentreOrSaysWhyNot() {
        show("first-run");
        QCOMPARE(controller_->screen(), QStringLiteral("firstRun"));
        type("centreId", "C0451");
        type("centreName", "Northfield Motor Training");
        type("signingKey", QString::fromStdString(path("missing.pub").string()));
        type("boxKey", QString::fromStdString(path("ab-box.pub").string()));
        type("userId", "COORD-1");
        type("name", "Alex Morgan");
        type("pin", "246810");
        type("password", "workshop-keys");
        click("createCentre");
        QVERIFY2(text("refusal").contains("awarding body"), qPrintable(text("refusal")));
        screenshot("first-run-refused");
        type("signingKey", QString::fromStdString(path("ab-signing.pub").string()));
        click("createCentre");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("signIn"));
        QVERIFY(controller_->listeningPort() > 0);
    }

    void signInShowsTheRefusalsSentenceThenHome() {
        show("centre");
        QCOMPARE(controller_->screen(), QStringLiteral("signIn"));
        window_->signIn("COORD-1", "246810", "not-the-password");
        QCOMPARE(text("refusal"),
                 QString::fromStdString(std::string(describe(ConsoleError::WrongCredentials))));
        screenshot("sign-in-refused");
        window_->signIn("COORD-1", "246810", "workshop-keys");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        QVERIFY(text("welcome").contains("Alex Morgan (centre coordinator)"));
        screenshot("home-coordinator");
    }

    void theCoordinatorAddsAnInvigilator() {
        click("navUsers");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("users"));
        type("newUserId", "INV-0043");
        type("newName", "Priya Shah");
        type("newPin", "2468");
        type("newPassword", "priya-password");
        type("newQualification", "Light vehicle maintenance");
        click("addInvigilator");
        QCOMPARE(text("message"), QStringLiteral("Added Priya Shah"));
        QCOMPARE(controller_->users().size(), 3);
        type("newUserId", "INV-0044");
        type("newName", "Lee Brown");
        type("newPin", "12");
        type("newPassword", "lee-password");
        click("addInvigilator");
        QVERIFY2(text("message").contains("PIN"), qPrintable(text("message")));
        screenshot("users");
    }

    void kiosksListTheWaitingAndRefuseAWrongEnrolment() {
        click("navKiosks");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("kiosks"));
        type("seat", "PC07");
        type("fingerprint", "ABCD-1234");
        click("enrol");
        QVERIFY2(text("message").contains("not enrolled"), qPrintable(text("message")));
        screenshot("kiosks");
    }

    void theCoordinatorPlansASessionAndSetsItsCandidatesUp() {
        click("navSessions");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessions"));
        type("room", "Workshop 2");
        type("date", "2026-11-23");
        type("start", "09:30");
        item("invigilator_INV-0042")->setProperty("checked", true);
        item("assessment_LV3-BRAKES-2026A")->setProperty("checked", true);
        screenshot("sessions");
        click("createSession");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessionSetup"));
        QVERIFY(text("sessionTitle").contains("Workshop 2"));

        type("candidateName", "Jordan Ellis");
        type("registration", "AB123456");
        click("addCandidate");
        QCOMPARE(controller_->candidates().size(), 1);
        item("csv")->setProperty("text", "Name,Registration Number\nSam Patel,REG-40213\n"
                                         ",REG-40214\nJo Jones,REG-40213\n");
        click("importCsv");
        QVERIFY2(text("message").contains("line 3"), qPrintable(text("message")));
        QVERIFY(text("message").contains("line 4"));
        QCOMPARE(controller_->candidates().size(), 1); // nothing of a bad file
        screenshot("session-setup-csv-problems");
        item("csv")->setProperty("text", "Name,Registration Number\nSam Patel,REG-40213\n");
        click("importCsv");
        QCOMPARE(text("message"), QStringLiteral("Imported"));
        QCOMPARE(controller_->candidates().size(), 2);
        // Jordan Ellis's access arrangements: what no assignment carries is refused.
        type("arrangementRegistration", "AB123456");
        type("extraTimePercent", "150");
        click("saveArrangements");
        QCOMPARE(text("message"), QStringLiteral("extra time is 0 to 100%"));
        type("extraTimePercent", "25");
        click("computerReader");
        click("saveArrangements");
        QCOMPARE(text("message"), QStringLiteral("Saved"));
        QCOMPARE(controller_->candidates()[0].toMap().value("arrangements").toString(),
                 QStringLiteral("extra time 25%, computer reader"));
        screenshot("session-setup");
    }

    void theSeatingPlanTakesAPcAndACandidate() {
        click("openPlan");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("seatingPlan"));
        type("rows", "2");
        type("columns", "3");
        click("createPlan");
        QTRY_COMPARE(controller_->plan().value("cells").toList().size(), 6);
        type("pcName", "PC01");
        click("place_0_0");
        // A screen reader's user does the same with its Press action on the same places.
        QCOMPARE(accessibleName("place_0_1"), QStringLiteral("Empty place, row 1, column 2"));
        type("pcName", "PC02");
        pressAccessibly("place_0_1");
        pressAccessibly("candidate_AB123456");
        pressAccessibly("place_0_0");
        QCOMPARE(accessibleName("place_0_0"),
                 QStringLiteral("PC01, row 1, column 1, Jordan Ellis, LV3-BRAKES-2026A, "
                                "expected, not connected"));
        const auto cells = controller_->plan().value("cells").toList();
        const auto first = cells[0].toMap();
        QCOMPARE(first.value("seat").toString(), QStringLiteral("PC01"));
        QCOMPARE(first.value("candidate").toString(), QStringLiteral("Jordan Ellis"));
        QCOMPARE(first.value("assessmentId").toString(), QStringLiteral("LV3-BRAKES-2026A"));
        // No kiosk is connected: the seat with a candidate is expected, the other only absent.
        QCOMPARE(first.value("live").toString(), QStringLiteral("expected, not connected"));
        QCOMPARE(cells[1].toMap().value("live").toString(), QStringLiteral("not connected"));
        click("candidate_AB123456");
        click("place_0_1");
        QVERIFY2(!text("message").isEmpty(), "a candidate seated twice is refused");
        screenshot("seating-plan");
        // Print / PDF: the plan on one page.
        const auto pdf = dir_.filePath("seating-plan.pdf");
        type("planPdfPath", pdf);
        click("printPlan");
        QCOMPARE(text("message"), "The plan is in " + pdf);
        QFile printed(pdf);
        QVERIFY(printed.open(QIODevice::ReadOnly));
        QCOMPARE(printed.read(5), QByteArray("%PDF-"));
    }

    // Odd rooms: a PC dragged to a free place; a candidate dragged onto a seat; a PC dragged
    // onto a place that is taken is refused, and nothing moves.
    void pcsAndCandidatesAreDraggedOntoThePlan() {
        QTRY_COMPARE(controller_->screen(), QStringLiteral("seatingPlan"));
        const auto cell = [this](int index) {
            return controller_->plan().value("cells").toList()[index].toMap();
        };
        // 2 rows x 3 columns: PC01 at (0,0) with Jordan Ellis, PC02 at (0,1), the rest free.
        QCOMPARE(cell(1).value("seat").toString(), QStringLiteral("PC02"));
        drag(QStringLiteral("place_0_1"), QStringLiteral("place_1_2"));
        QTRY_COMPARE(cell(5).value("seat").toString(), QStringLiteral("PC02"));
        QCOMPARE(cell(1).value("seat").toString(), QString());

        drag(QStringLiteral("candidate_REG-40213"), QStringLiteral("place_1_2"));
        QTRY_COMPARE(cell(5).value("candidate").toString(), QStringLiteral("Sam Patel"));
        QCOMPARE(cell(5).value("assessmentId").toString(), QStringLiteral("LV3-BRAKES-2026A"));

        drag(QStringLiteral("place_1_2"), QStringLiteral("place_0_0"));
        QTRY_VERIFY2(!text("message").isEmpty(), "a PC dragged onto a taken place is refused");
        QCOMPARE(cell(0).value("seat").toString(), QStringLiteral("PC01"));
        QCOMPARE(cell(0).value("candidate").toString(), QStringLiteral("Jordan Ellis"));
        QCOMPARE(cell(5).value("seat").toString(), QStringLiteral("PC02"));
        QCOMPARE(cell(5).value("candidate").toString(), QStringLiteral("Sam Patel"));
        // The dragged place is back where the plan has it.
        const auto* home = window_->item(QStringLiteral("place_1_2"));
        const auto* neighbour = window_->item(QStringLiteral("place_1_1"));
        QCOMPARE(home->y(), neighbour->y());
        QVERIFY(home->x() > neighbour->x());
    }

    void incidentsAreRecordedForTheRoomOrASeat() {
        click("navSession");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessionSetup"));
        click("openIncidents");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("incidents"));
        click("recordIncident");
        QCOMPARE(text("message"), QStringLiteral("choose what happened"));
        const std::string fire = "kind_" + std::string(codeOf(IncidentKind::FireAlarmOrEvacuation));
        click(fire.c_str());
        type("description", "Fire alarm at 10:05; room evacuated for 12 minutes");
        click("recordIncident");
        QCOMPARE(text("message"), QStringLiteral("Recorded"));
        const std::string question =
            "kind_" + std::string(codeOf(IncidentKind::SuspectedQuestionProblem));
        click(question.c_str());
        type("incidentSeat", "PC01");
        type("description", "The diagram's labels are cut off");
        click("recordIncident");
        QVERIFY2(text("message") != QStringLiteral("Recorded"), "no question number given");
        type("questionNumber", "7");
        type("questionAssessment", "LV3-BRAKES-2026A");
        click("recordIncident");
        QCOMPARE(text("message"), QStringLiteral("Recorded"));
        const auto incidents = controller_->incidents();
        QCOMPARE(incidents.size(), 2);
        QCOMPARE(incidents[1].toMap().value("candidate").toString(),
                 QStringLiteral("Jordan Ellis"));
        QCOMPARE(incidents[1].toMap().value("recordedBy").toString(), QStringLiteral("COORD-1"));
        screenshot("incidents");
    }

    void theCoordinatorExportsTheRecord() {
        click("navSession");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessionSetup"));
        click("openExport");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("export"));
        type("folder", dir_.filePath("records"));
        click("export");
        QCOMPARE(text("message"), QStringLiteral("Exported"));
        const auto exported = controller_->lastExport();
        QVERIFY(QFile::exists(exported.value("recordFile").toString()));
        QVERIFY(QFile::exists(exported.value("pdf").toString()));
        QCOMPARE(exported.value("digest").toString().size(), 64);
        screenshot("export");
    }

    void anInvigilatorSeesTheirSessionsButNotUsersOrKiosks() {
        click("signOut");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("signIn"));
        window_->signIn("INV-0042", "1357", "sam-password");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        QVERIFY(!item("navUsers")->isVisible());
        QVERIFY(!item("navKiosks")->isVisible());
        controller_->show("users"); // what a hidden button would do: nothing
        QCOMPARE(controller_->screen(), QStringLiteral("home"));
        screenshot("home-invigilator");
        click("navSessions");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("sessions"));
        QCOMPARE(controller_->sessions().size(), 1);
        QVERIFY(!item("createSession")->isVisible());
        // Their own session opens; its record is not theirs to export.
        QVERIFY(controller_->openSession(controller_->sessions()[0].toMap().value("id").toString())
                    .isEmpty());
        QVERIFY(!item("openExport")->isVisible());
        controller_->show("export");
        QCOMPARE(controller_->screen(), QStringLiteral("sessionSetup"));
        QVERIFY(controller_->exportRecord(dir_.filePath("records-by-invigilator"))
                    .startsWith(QString::fromStdString(
                        std::string(describe(ConsoleError::CoordinatorOnly)))));
        QVERIFY(!QDir(dir_.filePath("records-by-invigilator")).exists());
    }

    void aLockedOutAccountIsToldWhoCanHelp() {
        click("signOut");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("signIn"));
        QString refusal;
        for (int attempt = 0; attempt < 12 && !refusal.contains("coordinator"); ++attempt) {
            window_->signIn("INV-0042", "1357", "wrong-password");
            refusal = text("refusal");
            clock_.advance(std::chrono::hours(2)); // past every wait
        }
        QVERIFY2(refusal.startsWith(
                     QString::fromStdString(std::string(describe(ConsoleError::AccountLocked)))),
                 qPrintable(refusal));
        screenshot("sign-in-locked-out");
    }

    void theCoordinatorUnlocksIt() {
        window_->signIn("COORD-1", "246810", "workshop-keys");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("home"));
        click("navUsers");
        QTRY_COMPARE(controller_->screen(), QStringLiteral("users"));
        const auto users = controller_->users();
        int locked = -1;
        for (int i = 0; i < users.size(); ++i) {
            if (users[i].toMap().value("userId") == QLatin1String("INV-0042")) {
                locked = i;
                QVERIFY(users[i].toMap().value("locked").toBool());
            }
        }
        QVERIFY(locked >= 0);
        item("userList")->setProperty("currentIndex", locked);
        click("unlock");
        QVERIFY2(text("message").contains("reason"), qPrintable(text("message")));
        type("reason", "Sam forgot the new password; identity checked in person");
        screenshot("users-locked");
        click("unlock");
        QCOMPARE(text("message"), QStringLiteral("Unlocked"));
        QVERIFY(!controller_->users()[locked].toMap().value("locked").toBool());
    }

    // A data folder the console cannot use (its store key readable by others) shows only what
    // is wrong, and nothing opens until it is put right.
    void aDataFolderThatCannotBeOpenedSaysWhy() {
        closeWindow();
        controller_.reset();
        const auto key = ConsoleDataDir(path("centre")).keyFile();
        QVERIFY(::chmod(key.c_str(), 0644) == 0);
        show("centre");
        QCOMPARE(controller_->screen(), QStringLiteral("unavailable"));
        QVERIFY2(text("problem").contains("must be mode 0600"), qPrintable(text("problem")));
        QVERIFY(!testing::findItem(window_->window()->contentItem(), QStringLiteral("signIn")));
        screenshot("unavailable");
        closeWindow();
        controller_.reset();
        QVERIFY(::chmod(key.c_str(), 0600) == 0);
        show("centre");
        QCOMPARE(controller_->screen(), QStringLiteral("signIn"));
    }

    void cleanupTestCase() { closeWindow(); }
};

QTEST_MAIN(ConsoleScreensTest)
#include "tst_console_screens.moc"
