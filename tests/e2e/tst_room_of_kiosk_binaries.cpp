// End to end with the real vigil-kiosk binary at every seat (issues 11 and 12): a centre's whole
// session, from enrolment to the invigilation record, with nothing of the kiosk built for the
// test.
//
// The console is headless: the real ConsoleService on a real data folder in this process (the
// calls the console's screens make), its hub on 127.0.0.1 with TLS 1.3, on the system clock.
// Each of PC01-PC04 is the vigil-kiosk binary on a desktop of its own (pc_desktop.h: Xvfb,
// a session bus and the accessibility bus), started as a centre PC starts it (`--data-dir`, a
// seat.conf naming the console, no assignment), and driven only from outside: atspi_probe.py
// reads what its screen exposes to a screen reader and presses its buttons, the invigilator's
// PIN and password typed on the kiosk's own on-screen keys. The scenario:
//   1. each PC's Out of service screen shows its fingerprint; the coordinator types it in;
//   2. the invigilator delivers and launches PC01-PC03; at each, logs the candidate in; they
//      answer; the room shows question and time left; a fire alarm is logged at the console,
//      and at PC02 the candidate reports a problem with a question from the kiosk's screen;
//   3. the console stops mid-sitting and starts again; an answer given at PC02 meanwhile
//      arrives afterwards; then PC02's link, through a TCP proxy in this test (link_proxy.h),
//      is cut and refused for a while, and then held: answers changed meanwhile arrive after;
//   4. PC01 is switched off (SIGKILL) mid-sitting and started again: after the invigilator's
//      login the candidate is back at the question they left, their answer kept;
//   5. PC03 is switched off; the invigilator moves its sitting to the spare PC04 (on the plan's
//      free place, confirming PC03 is dead): PC04 says a sitting is in progress, and after the
//      login shows PC03's question with its answer; PC03, started again, says where its sitting
//      went and offers no login;
//   6. PC01's store is put back as the kill left it: behind the console's replica, PC01
//      stops, Out of service saying so, and the session's log records it; the right store put
//      back, PC01 resumes;
//   7. everyone submits at their screen; the invigilator closes the session; the coordinator
//      exports the record: pdftotext of the PDF names each candidate with registration number,
//      each incident of both sides; the CSV rows match the sittings ("PC03, moved to PC04");
//      the console's replica of each sitting is the kiosk's journal, byte for byte.
#include "../console/live_fixture.h"
#include "../console/record_reading.h"
#include "console_kiosk_folder.h"
#include "kiosk_steps.h"
#include "link_proxy.h"
#include "vigil/console/record_export.h"
#include "vigil/kiosk/data_dir.h"

#include <QDateTime>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <algorithm>
#include <functional>
#include <map>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;
using namespace vigil::console::reading;
using vigil::kiosk::testing::AccessibleTree;
using vigil::kiosk::testing::indexOf;
using vigil::kiosk::testing::LinkProxy;
using vigil::kiosk::testing::nameOf;
using vigil::kiosk::testing::PasswordTyping;
using vigil::kiosk::testing::PcDesktop;
namespace fs = std::filesystem;

#define SHOWN(tree, pc, name) DESKTOP_SHOWN(tree, *(pc).desktop, name)
#define ACT(pc, ...) DESKTOP_ACT(*(pc).desktop, __VA_ARGS__)

namespace {

// The session's invigilator, reset by the coordinator to what the kiosk's on-screen keys type
// (lower case and digits).
constexpr const char* kInvigilatorId = "INV-0042";
constexpr const char* kPin = "482916";
constexpr const char* kPassword = "brakefluid77";

std::string readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

// One PC of the room.
struct Pc {
    std::string seat;
    fs::path data;
    std::unique_ptr<PcDesktop> desktop;
};

} // namespace

class RoomOfKioskBinariesTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    // The kiosks judge a command's age and the session's date by their own clocks: the console
    // runs on the real one too.
    exam::SystemClock clock_;
    std::unique_ptr<ConsoleService> service_;
    std::uint16_t port_ = 0;
    std::optional<SignedIn> coordinator_;
    std::optional<SignedIn> invigilator_;
    std::unique_ptr<LiveSession> live_;
    std::unique_ptr<LinkProxy> proxy_; // PC02's link to the console goes through it
    std::string sessionId_;
    std::map<std::string, Pc> pcs_;
    std::map<std::string, std::string> sittingOf_; // seat -> sitting id, as the room saw it
    std::map<std::string, QString> resultShown_;   // seat -> the result screen's verdict

    Pc& pc(const std::string& seat) { return pcs_.at(seat); }

    // The console started on its data folder, listening on `port` (0: any), its users signed in.
    void openConsole(std::uint16_t port) {
        service_ = valueOf(ConsoleService::open(
            ConsoleDataDir(fs::path(dir_.path().toStdString()) / "centre" / "console"), clock_));
        LinkSettings link;
        link.address = "127.0.0.1";
        link.port = port;
        link.announce = false;
        port_ = valueOf(service_->startLink(link));
        coordinator_.emplace(
            valueOf(service_->signIn(kCoordinatorId, kCoordinatorPin, kCoordinatorPassword)));
        invigilator_.emplace(valueOf(service_->signIn(kInvigilatorId, kPin, kPassword)));
    }
    const LiveSeat& seat(const std::string& name) { return seatOf(*live_, name); }

    void startKiosk(Pc& pc) {
        pc.desktop->startApp(qEnvironmentVariable("VIGIL_KIOSK_BINARY"),
                             {QStringLiteral("--data-dir"), QString::fromStdString(pc.data)});
        QVERIFY2(pc.desktop->appRunning(), pc.seat.c_str());
    }

    // The invigilator's login at the kiosk's own screens, the password on its on-screen keys.
    void logIn(Pc& pc) {
        vigil::kiosk::testing::logInAtKiosk(*pc.desktop, QString::fromLatin1(kPin),
                                            QString::fromLatin1(kPassword),
                                            PasswordTyping::OnScreenKeys);
    }
    void onToAQuestion(Pc& pc, QString& heading) {
        vigil::kiosk::testing::onToAQuestion(*pc.desktop, heading);
    }
    void answerA(Pc& pc, bool thenNext) { answer(pc, QStringLiteral("A. *"), thenNext); }
    void answer(Pc& pc, const QString& choicePattern, bool thenNext) {
        vigil::kiosk::testing::answerQuestion(*pc.desktop, choicePattern, thenNext);
    }
    void submit(Pc& pc) {
        vigil::kiosk::testing::submitAtKiosk(*pc.desktop, resultShown_[pc.seat]);
    }
    QString heading(Pc& pc) { return vigil::kiosk::testing::questionHeading(*pc.desktop); }

    // The invigilator's action on the seats, each applied at its kiosk.
    void actOn(const std::vector<std::string>& seats, SeatAction action) {
        QCOMPARE(valueOf(live_->act(action, seats, {})).size(), seats.size());
        for (const auto& name : seats) {
            QVERIFY2(
                eventually(
                    [&] { return live_->outcomes().at(name).outcome == ActionOutcome::Applied; },
                    60'000),
                (name + ": " + live_->outcomes().at(name).reason).c_str());
        }
    }

    // The room's view of the seat reached `wanted`.
    void seatReaches(const std::string& name, SeatState wanted) {
        QVERIFY2(eventually([&] { return seat(name).state == wanted; }, 120'000),
                 (name + ": " + describeState(seat(name), "UTC")).c_str());
    }

    // While `down(true)` keeps PC02's link from carrying, its candidate changes the answer to
    // `choice`: nothing reaches the console for `forMs`; after `down(false)`, the change does.
    void answerWhileTheLinkCarriesNothing(const QString& choice,
                                          const std::function<void(bool)>& down, int forMs,
                                          const char* how) {
        const auto sittingId = sittingOf_.at("PC02");
        const auto received = [&] {
            return service_->hub()->journal(sittingId).size();
        };
        down(true);
        const auto before = received();
        STEP(answer(pc("PC02"), choice, false));
        QTest::qWait(forMs);
        QCOMPARE(received(), before);
        down(false);
        QVERIFY2(eventually([&] { return received() > before; }, 60'000),
                 qPrintable(QStringLiteral("PC02's answer given while its link was %1 never "
                                           "arrived")
                                .arg(QLatin1String(how))));
    }

    // The kiosk started again after a kill: the sitting waits for the invigilator, whose login
    // takes the candidate back to the question `before` (its heading).
    void startedAgainResumesAt(Pc& pc, const QString& before) {
        STEP(startKiosk(pc));
        STEP(seatReaches(pc.seat, SeatState::WaitingForLogin));
        STEP(logIn(pc));
        QString shown;
        STEP(onToAQuestion(pc, shown));
        QCOMPARE(shown, before);
    }

    // A kiosk's store, as it is on disk while the kiosk is not running, copied to `to`.
    static void copyStore(const fs::path& from, const fs::path& to) {
        fs::create_directories(to);
        for (const char* file : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
            fs::remove(to / file);
            if (fs::exists(from / file)) {
                std::error_code failed;
                fs::copy_file(from / file, to / file, failed);
                QVERIFY2(!failed, (from / file).c_str());
            }
        }
    }

    std::vector<std::string> logged() {
        auto desk = valueOf(service_->openSession(*invigilator_, sessionId_));
        std::vector<std::string> descriptions;
        for (const auto& entry : desk.incidents().entries()) {
            descriptions.push_back(entry.incident.description);
        }
        return descriptions;
    }

    // A sitting's events as the kiosk's store holds them (the bytes its chain hashes).
    static std::vector<std::string> kioskJournal(const fs::path& data,
                                                 const std::string& sittingId) {
        kiosk::DataDir dir(data);
        auto db = store::Database::open(dir.storeFile(), dir.openStoreKey().key, {},
                                        store::OpenMode::MustExist);
        std::vector<std::string> events;
        auto query = db.prepare("SELECT sequence, event FROM sitting_events WHERE sitting_id = ? "
                                "ORDER BY sequence");
        query.bind(1, sittingId);
        while (query.step()) {
            if (query.int64(0) != std::int64_t(events.size())) {
                return {}; // a gap: cannot happen to a kiosk's own journal
            }
            events.push_back(query.text(1));
        }
        return events;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString missing = (PcDesktop::missing() + u' ' + pdftotextMissing()).trimmed();
        QVERIFY2(missing.isEmpty(), qPrintable("missing: " + missing));
        QVERIFY(QFileInfo(qEnvironmentVariable("VIGIL_KIOSK_BINARY")).isExecutable());
        const fs::path root = dir_.path().toStdString();
        const auto today = QDateTime::currentDateTime()
                               .toTimeZone(QTimeZone(QByteArrayLiteral("Europe/London")))
                               .date()
                               .toString(Qt::ISODate)
                               .toStdString();
        {
            // The centre, today's session of three in Workshop 2, its package (live_fixture.h);
            // the spare PC04 on the plan's free place; the invigilator's new credentials.
            exam::ManualClock setUpAt;
            setUpAt.setWall(QDateTime::currentMSecsSinceEpoch());
            LiveConsole prepared(root / "centre", setUpAt, today);
            sessionId_ = prepared.sessionId();
            auto desk = valueOf(prepared.service().openSession(prepared.coordinator(), sessionId_));
            QVERIFY(desk.seating().addPc(sessionId_, "PC04", {1, 0}).ok());
            QVERIFY(prepared.service()
                        .users()
                        .resetCredentials(prepared.coordinator(), kInvigilatorId, kPin, kPassword,
                                          "typed on the kiosks' on-screen keys")
                        .ok());
        }
        STEP(openConsole(0));
        proxy_ = std::make_unique<LinkProxy>(port_);
        const auto consoleKey = service_->centre().signingKeys().publicKey;
        for (const char* seat : {"PC01", "PC02", "PC03", "PC04"}) {
            Pc pc{seat, root / seat, std::make_unique<PcDesktop>(QString::fromLatin1(seat))};
            kiosk::testing::layOutConsoleKiosk(
                root / "centre", consoleKey, pc.data, kCentreId, seat,
                std::string_view(seat) == "PC02" ? proxy_->port() : port_);
            const QString failed = pc.desktop->start();
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
            startKiosk(pc);
            pcs_.emplace(seat, std::move(pc));
        }
    }

    void theCoordinatorEnrolsEachPcByTheFingerprintItsScreenShows() {
        for (auto& [label, pc] : pcs_) {
            const std::string& name = label; // a lambda cannot capture a structured binding
            SHOWN(screen, pc, QStringLiteral("This PC: *"));
            const QString fingerprint =
                nameOf(*screen, QStringLiteral("This PC: *")).section(QStringLiteral(": "), 1);
            QCOMPARE(fingerprint.size(), 14); // three groups of four
            QVERIFY2(eventually([&] {
                         const auto waiting = service_->waitingKiosks(*coordinator_);
                         return waiting &&
                                std::any_of(waiting.value().begin(), waiting.value().end(),
                                            [&](const auto& w) { return w.seat == name; });
                     }),
                     name.c_str());
            const auto enrolled =
                service_->enrolKiosk(*coordinator_, name, fingerprint.toStdString());
            QVERIFY2(enrolled.ok(), enrolled ? name.c_str() : describe(enrolled.error()).c_str());
        }
        live_ = valueOf(service_->openLive(*invigilator_, sessionId_));
        for (const char* name : {"PC01", "PC02", "PC03", "PC04"}) {
            // Enrolled, nothing delivered: each waits for its seat.
            STEP(seatReaches(name, SeatState::OutOfService));
        }
    }

    void theInvigilatorLaunchesAndThreeCandidatesSit() {
        QVERIFY2(live_, "the room was not enrolled");
        const std::vector<std::string> room{"PC01", "PC02", "PC03"};
        STEP(actOn(room, SeatAction::Deliver));
        for (const auto& name : room) {
            STEP(seatReaches(name, SeatState::Locked));
        }
        STEP(actOn(room, SeatAction::Launch));
        // At each PC the invigilator logs the candidate in; they answer question 1 and go on.
        for (const auto& name : room) {
            auto& at = pc(name);
            STEP(logIn(at));
            QString shown;
            STEP(onToAQuestion(at, shown));
            QVERIFY2(shown.startsWith(QStringLiteral("Question 1 of 2")), qPrintable(shown));
            STEP(answerA(at, true));
            QVERIFY2(eventually([&] {
                         const auto& s = seat(name);
                         return s.state == SeatState::InProgress && s.position == 2 &&
                                s.questionCount == 2 && s.secondsLeft > 0 &&
                                s.lastAnswerSavedMs.has_value();
                     }),
                     (name + ": " + describeState(seat(name), "UTC")).c_str());
            sittingOf_[name] = seat(name).sittingId;
        }
        // Incidents from both sides: the whole room's fire alarm at the console, and a problem
        // the candidate at PC02 reports from the question's screen.
        auto desk = valueOf(service_->openSession(*invigilator_, sessionId_));
        QVERIFY(desk.incidents()
                    .record({IncidentKind::FireAlarmOrEvacuation,
                             IncidentScope::WholeRoom,
                             {},
                             clock_.wallNowMs(),
                             kInvigilatorId,
                             "Fire alarm test at 10:05, room left for 4 minutes",
                             {},
                             {}},
                            clock_.wallNowMs())
                    .ok());
        auto& pc02 = pc("PC02");
        ACT(pc02, QStringLiteral("press"), QStringLiteral("Report a problem with this question"));
        SHOWN(box, pc02, QStringLiteral("Problem description"));
        ACT(pc02, QStringLiteral("focus"), QStringLiteral("Problem description"));
        ACT(pc02, QStringLiteral("type"), QStringLiteral("the diagram is cut off"));
        QTest::qWait(1000);
        ACT(pc02, QStringLiteral("press"), QStringLiteral("Send to invigilator"));
        QVERIFY2(eventually(
                     [&] {
                         const auto all = logged();
                         return std::any_of(all.begin(), all.end(), [](const std::string& d) {
                             return d.find("the diagram is cut off") != std::string::npos;
                         });
                     },
                     60'000),
                 "PC02's problem report did not reach the console's log");
    }

    // The console stops mid-sitting; the candidate at PC02 changes an answer meanwhile; it
    // arrives once the console is back (the replicas are compared with the journals at the end).
    void theConsoleStopsAndTheAnswersGoOnMeanwhile() {
        QVERIFY2(live_, "the room was not enrolled");
        const auto sittingId = sittingOf_.at("PC02");
        const auto before = service_->hub()->journal(sittingId).size();
        const auto port = port_;
        live_.reset();
        service_.reset();
        STEP(answer(pc("PC02"), QStringLiteral("B. *"), false));
        QTest::qWait(1500);
        STEP(openConsole(port));
        QCOMPARE(port_, port);
        live_ = valueOf(service_->openLive(*invigilator_, sessionId_));
        QVERIFY2(eventually([&] { return service_->hub()->journal(sittingId).size() > before; },
                            120'000),
                 "PC02's answer given while the console was down never arrived");
        for (const char* name : {"PC01", "PC02", "PC03"}) {
            STEP(seatReaches(name, SeatState::InProgress));
        }
    }

    // PC02's link (through the proxy in this test) is cut and refused for a while, then held
    // for a while. Each time the candidate changes the answer at the kiosk's screen, which says
    // nothing of the link; nothing reaches the console meanwhile, and the change arrives once
    // the link carries again (and at the end the replica equals PC02's journal byte for byte).
    void aCutAndHeldLinkLosesNoAnswer() {
        QVERIFY2(live_, "the room was not enrolled");
        const int connectionsBefore = proxy_->connections();
        STEP(answerWhileTheLinkCarriesNothing(
            QStringLiteral("A. *"), [this](bool cut) { proxy_->dropAll(cut); }, 2000, "cut"));
        QVERIFY(proxy_->connections() > connectionsBefore); // it connected again
        STEP(answerWhileTheLinkCarriesNothing(
            QStringLiteral("B. *"), [this](bool held) { proxy_->delay(held); }, 3000, "held"));
        STEP(seatReaches("PC02", SeatState::InProgress));
    }

    void aKioskSwitchedOffResumesWhereTheCandidateLeft() {
        QVERIFY2(live_, "the room was not enrolled");
        auto& pc01 = pc("PC01");
        const QString before = heading(pc01); // what PC01 showed when it was switched off
        QVERIFY2(before.startsWith(QStringLiteral("Question 2 of 2")), qPrintable(before));
        pc01.desktop->killApp();
        // The store as the kill left it: put back later, when the console holds more.
        STEP(copyStore(pc01.data, fs::path(dir_.path().toStdString()) / "pc01-at-the-kill"));
        STEP(seatReaches("PC01", SeatState::NotConnected));
        STEP(startedAgainResumesAt(pc01, before));
        QCOMPARE(seat("PC01").sittingId, sittingOf_.at("PC01"));
        // Question 1's answer is kept: the palette says so.
        const auto tree = pc01.desktop->tree();
        QVERIFY2(indexOf(tree, QStringLiteral("Question 1, answered*")) >= 0,
                 qPrintable(vigil::kiosk::testing::describe(tree)));
    }

    void aDeadPcsSittingMovesToTheSpare() {
        QVERIFY2(live_, "the room was not enrolled");
        auto& pc03 = pc("PC03");
        auto& pc04 = pc("PC04");
        const QString before = heading(pc03);
        pc03.desktop->killApp();
        STEP(seatReaches("PC03", SeatState::NotConnected));
        const auto moving = live_->moveSitting("PC03", "PC04", true);
        QVERIFY2(moving.ok(), moving ? "" : describe(moving.error()).c_str());
        QVERIFY(eventually([&] { return live_->moves().at("PC03").finished; }, 60'000));
        QVERIFY2(
            live_->moves().at("PC03").stage == "moved",
            (live_->moves().at("PC03").stage + ": " + live_->moves().at("PC03").reason).c_str());
        // PC04 holds the sitting and waits for the invigilator; the candidate goes on there.
        SHOWN(waiting, pc04,
              QStringLiteral("A sitting is in progress on this PC. Waiting for the invigilator."));
        STEP(logIn(pc04));
        QString shown;
        STEP(onToAQuestion(pc04, shown));
        QCOMPARE(shown, before);
        QVERIFY(indexOf(pc04.desktop->tree(), QStringLiteral("Question 1, answered*")) >= 0);
        QVERIFY(eventually([&] {
            return seat("PC04").state == SeatState::InProgress &&
                   seat("PC04").sittingId == sittingOf_.at("PC03");
        }));
        // PC03 back: its screen says where the sitting went, and offers no login.
        STEP(startKiosk(pc03));
        SHOWN(moved, pc03, QStringLiteral("*PC04*"));
        QVERIFY2(indexOf(*moved, QStringLiteral("Invigilator login")) < 0,
                 qPrintable(vigil::kiosk::testing::describe(*moved)));
        QVERIFY(describeState(seat("PC03"), "UTC").starts_with("Moved to PC04"));
    }

    // The console is the witness: PC01's store put back as the kill left it (an older backup
    // restored by mistake) is behind the console's replica, which holds the login and answers
    // since. PC01 stops, Out of service, saying so; the session's incident log records it (and
    // so the record). The right store put back, PC01 resumes where the candidate was.
    void aStorePutBackBehindTheReplicaStopsThePcAndIsLogged() {
        QVERIFY2(live_, "the room was not enrolled");
        auto& pc01 = pc("PC01");
        const QString before = heading(pc01);
        pc01.desktop->killApp();
        const auto root = fs::path(dir_.path().toStdString());
        STEP(copyStore(pc01.data, root / "pc01-latest"));
        STEP(copyStore(root / "pc01-at-the-kill", pc01.data));
        STEP(startKiosk(pc01));
        SHOWN(stopped, pc01,
              QStringLiteral("This PC's store is behind the console's record of its sittings."));
        QVERIFY2(indexOf(*stopped, QStringLiteral("Invigilator login")) < 0,
                 qPrintable(vigil::kiosk::testing::describe(*stopped)));
        STEP(seatReaches("PC01", SeatState::OutOfService));
        const auto sittingId = sittingOf_.at("PC01");
        QVERIFY2(eventually([&] {
                     const auto all = logged();
                     return std::any_of(all.begin(), all.end(), [&](const std::string& d) {
                         return d.starts_with("PC01's store is behind the console's record of "
                                              "sitting " +
                                              sittingId + " (the console holds it up to event");
                     });
                 }),
                 "PC01's store behind the replica is not in the session's incident log");

        pc01.desktop->killApp();
        STEP(copyStore(root / "pc01-latest", pc01.data));
        STEP(startedAgainResumesAt(pc01, before));
    }

    void everyoneSubmitsAndTheRecordSaysWhatHappened() {
        QVERIFY2(live_, "the room was not enrolled");
        for (const char* name : {"PC01", "PC02", "PC04"}) {
            auto& at = pc(name);
            STEP(answerA(at, false));
            STEP(submit(at));
            QVERIFY2(eventually([&] { return seat(name).progress == SittingProgress::Submitted; },
                                60'000),
                     name);
        }
        const auto closed = valueOf(live_->closeSession({}));
        QCOMPARE(closed.state, SessionState::Closed);

        const auto folder = dir_.filePath(QStringLiteral("export"));
        const auto exported = service_->exportRecord(*coordinator_, sessionId_, folder);
        QVERIFY2(exported.ok(), exported ? "" : describe(exported.error()).c_str());
        const PdfReading pdf(exported.value().pdf);
        QVERIFY2(!pdf.empty(), "pdftotext read nothing");
        const auto expect = [&](const std::string& value) {
            QVERIFY2(pdf.lacks(value).isEmpty(), qPrintable(pdf.lacks(value)));
        };
        const std::map<std::string, std::pair<std::string, std::string>> seated{
            {"AB123456", {"Jordan Ellis", "PC01"}},
            {"REG-40213", {"Sam Patel", "PC02"}},
            {"REG-40214", {"Jo Jones", "PC03, moved to PC04"}}};
        const std::map<std::string, std::string> finishedAt{
            {"AB123456", "PC01"}, {"REG-40213", "PC02"}, {"REG-40214", "PC04"}};
        for (const auto& [registration, who] : seated) {
            expect(who.first);
            expect(registration);
        }
        const auto descriptions = logged();
        for (const auto& description : descriptions) {
            expect(description);
        }
        expect(std::string(labelOf(IncidentKind::FireAlarmOrEvacuation)));
        expect(std::string(labelOf(IncidentKind::KioskProblemReport)));
        expect("From the console: move of the sitting from PC03 to PC04 (the old PC confirmed "
               "dead) started");
        const auto candidates =
            parseCsv(readFile(exported.value().csvBase + QStringLiteral("-candidates.csv")));
        QCOMPARE(candidates.size(), seated.size() + 1);
        for (std::size_t row = 1; row < candidates.size(); ++row) {
            const auto& cells = candidates[row];
            const auto found = seated.find(cells.at(1));
            QVERIFY2(found != seated.end(), cells.at(1).c_str());
            QCOMPARE(cells.at(0), found->second.first);
            QCOMPARE(cells.at(3), found->second.second);
            // The outcome the candidate saw on the result screen.
            const auto shown =
                "Submitted: " + resultShown_.at(finishedAt.at(found->first)).toStdString();
            QVERIFY2(cells.at(6) == shown,
                     (cells.at(6) + " on the record, " + shown + " shown").c_str());
            expect(cells.at(6));
        }

        // The console's replica of each sitting is the journal of the PC that finished it,
        // byte for byte (the moved one: PC04's, which holds PC03's events and its own).
        for (auto& [name, pc] : pcs_) {
            pc.desktop->killApp();
        }
        for (const auto& [sittingSeat, finishedAt] :
             {std::pair{"PC01", "PC01"}, std::pair{"PC02", "PC02"}, std::pair{"PC03", "PC04"}}) {
            const auto& sittingId = sittingOf_.at(sittingSeat);
            const auto journal = kioskJournal(pc(finishedAt).data, sittingId);
            QVERIFY2(journal.size() > 8, finishedAt);
            QVERIFY2(service_->hub()->journal(sittingId) == journal, finishedAt);
        }
    }

    void cleanupTestCase() {
        live_.reset();
        pcs_.clear(); // each desktop ends its kiosk, buses and X server
        proxy_.reset();
        service_.reset();
    }
};

QTEST_MAIN(RoomOfKioskBinariesTest)
#include "tst_room_of_kiosk_binaries.moc"
