// Issue 11, "Move a sitting from a killed kiosk to a spare one", driven by the console's own call:
// the console's service (a centre, a session seating a candidate at PC01, its hub on loopback)
// and two real kiosks (KioskRuntime, offscreen, each running its own link from seat.conf as
// vigil-kiosk does). PC01 is delivered and launched from the live room, the candidate answers
// and flags; PC01 is killed mid-sitting; the invigilator moves the sitting to the spare PC12
// with LiveSession::moveSitting, confirming PC01 is dead. PC12 continues after the
// invigilator's login with the same question, answers, order and time left. PC01 back is told
// by the live room, writes nothing more to the sitting and, restarted again, opens no sitting.
#include "../console/live_fixture.h"
#include "console_kiosk_folder.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/seat_setup.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::console::testing;
using vigil::kiosk::testing::consoleKioskOptions;
using vigil::kiosk::testing::layOutConsoleKiosk;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const char* const kInvigilator = "INV-0042";
const char* const kPin = "1357";
const char* const kPassword = "INV-0042-password";

// The events the kiosk's store holds of one sitting (0 when none).
std::size_t storedEvents(const fs::path& data, const std::string& sittingId) {
    const kiosk::DataDir dataDir(data);
    const auto migrations = kiosk::kioskMigrations();
    auto db = store::Database::open(dataDir.storeFile(), dataDir.openStoreKey().key, migrations);
    for (const auto& summary : exam::SittingJournal::list(db)) {
        if (summary.sittingId == sittingId) {
            return std::size_t(summary.eventCount);
        }
    }
    return 0;
}

bool logIn(kiosk::SessionController& session) {
    session.beginLogin();
    return session.submitLogin(QString::fromLatin1(kPin), QString::fromLatin1(kPassword));
}

} // namespace

class TestConsoleMove : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;
    exam::ManualClock clock_;

    void enrol(LiveConsole& console, const fs::path& data, const std::string& seat) {
        QVERIFY(eventually([&] {
            for (const auto& waiting : console.service().hub()->waiting()) {
                if (waiting.seat == seat) {
                    return true;
                }
            }
            return false;
        }));
        const auto trust = kiosk::TrustMaterial::load(data);
        QVERIFY(console.service()
                    .enrolKiosk(console.coordinator(), seat,
                                sync::shortFingerprint(trust.kioskKeys.publicKey))
                    .ok());
    }

    static void applied(console::LiveSession& live, const std::string& seat) {
        QVERIFY(eventually(
            [&] { return live.outcomes().at(seat).outcome != console::ActionOutcome::Sent; }));
        QVERIFY2(live.outcomes().at(seat).outcome == console::ActionOutcome::Applied,
                 live.outcomes().at(seat).reason.c_str());
    }

private slots:
    void aSittingMovesFromAKilledKioskToASpareThroughTheConsole() {
        const fs::path root = temp_.path().toStdString();
        // The kiosks judge commands and assignments by their own (real) clock: the console's
        // is set to now, and the session is today's at the centre.
        const auto now = QDateTime::currentDateTime();
        clock_.setWall(now.toMSecsSinceEpoch());
        const auto today = now.toTimeZone(QTimeZone(QByteArrayLiteral("Europe/London")))
                               .date()
                               .toString(Qt::ISODate)
                               .toStdString();
        LiveConsole console(root / "console", clock_, today);
        auto& service = console.service();
        const auto consoleKey = service.centre().signingKeys().publicKey;
        const auto pc01Data = root / "pc01";
        const auto pc12Data = root / "pc12";
        layOutConsoleKiosk(root / "console", consoleKey, pc01Data, kCentreId, "PC01",
                           console.port());
        layOutConsoleKiosk(root / "console", consoleKey, pc12Data, kCentreId, "PC12",
                           console.port());

        auto pc01 = std::make_unique<kiosk::KioskRuntime>(consoleKioskOptions(pc01Data));
        enrol(console, pc01Data, "PC01");
        auto pc12 = std::make_unique<kiosk::KioskRuntime>(consoleKioskOptions(pc12Data));
        enrol(console, pc12Data, "PC12");
        if (QTest::currentTestFailed()) {
            return;
        }
        auto live = valueOf(service.openLive(console.signIn(kInvigilator), console.sessionId()));

        // PC01 delivered and launched from the live room; the candidate answers question 1,
        // answers and flags question 2.
        QVERIFY(eventually([&] {
            const auto* seat = live->room().seat("PC01");
            return seat && seat->state == console::SeatState::OutOfService;
        }));
        QVERIFY(valueOf(live->act(console::SeatAction::Deliver, {"PC01"}, {})).size() == 1);
        applied(*live, "PC01");
        QVERIFY(eventually(
            [&] { return live->room().seat("PC01")->state == console::SeatState::Locked; }));
        QVERIFY(valueOf(live->act(console::SeatAction::Launch, {"PC01"}, {})).size() == 1);
        applied(*live, "PC01");
        // The first launch applied opens the planned session: the room runs from now.
        QCOMPARE(valueOf(service.sessions().open(console.coordinator(), console.sessionId())).state,
                 console::SessionState::Open);
        QVERIFY(eventually([&] { return !pc01->outOfService() && pc01->session(); }));
        auto* session = pc01->session();
        QVERIFY(logIn(*session));
        if (session->screen() == kiosk::SessionController::Screen::MachineCheck) {
            session->continueAfterMachineCheck();
        }
        session->confirmCandidate();
        session->start();
        QCOMPARE(session->screen(), kiosk::SessionController::Screen::Question);
        session->setChoice(QStringLiteral("A"), true);
        session->next();
        QTRY_VERIFY(!session->questionPending()); // the move is presented on the next turn
        session->setChoice(QStringLiteral("B"), true);
        session->toggleFlag();
        const auto* sitting = session->sitting();
        const auto sittingId = sitting->id();
        const auto order = sitting->presentationOrder();
        const auto position = sitting->position();
        const auto answers = sitting->snapshot().answers;
        const auto flagged = sitting->snapshot().flagged;
        QCOMPARE(position, 1);
        QCOMPARE(answers.size(), std::size_t{2});
        QCOMPARE(flagged.size(), std::size_t{1});
        // Everything PC01 wrote is in the console's replica, and the live room shows it sitting.
        QVERIFY(eventually(
            [&] { return service.hub()->journal(sittingId).size() == sitting->events().size(); }));
        QVERIFY(eventually([&] {
            const auto* seat = live->room().seat("PC01");
            return seat->state == console::SeatState::InProgress && seat->sittingId == sittingId;
        }));
        const auto timeLeft =
            sitting->timeAllowed() - std::chrono::milliseconds(sitting->events().back().timeUsedMs);

        // PC01 is killed mid-sitting: its runtime and link end; nothing more is written.
        pc01.reset();
        const auto pc01Events = storedEvents(pc01Data, sittingId);
        QVERIFY(eventually([&] {
            for (const auto& seat : service.hub()->room()) {
                if (seat.seat == "PC01") {
                    return !seat.connected;
                }
            }
            return false;
        }));

        // The invigilator moves the sitting to the spare, confirming PC01 is dead.
        auto started = live->moveSitting("PC01", "PC12", true);
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().detail.c_str());
        QVERIFY(eventually([&] { return live->moves().at("PC01").finished; }));
        QVERIFY2(live->moves().at("PC01").stage == "moved",
                 (live->moves().at("PC01").stage + ": " + live->moves().at("PC01").reason).c_str());
        // The dead PC's seat says where its sitting went.
        QCOMPARE(live->room().seat("PC01")->progress, console::SittingProgress::MovedAway);
        QVERIFY(console::describeState(*live->room().seat("PC01"), "UTC")
                    .starts_with("Moved to PC12; Not connected"));

        // PC12 opens the seat with the sitting waiting for an invigilator, and continues it.
        QVERIFY(eventually([&] { return !pc12->outOfService() && pc12->session(); }));
        auto* spare = pc12->session();
        QVERIFY(eventually([&] { return spare->sittingInProgress(); }));
        QVERIFY(logIn(*spare));
        QCOMPARE(spare->screen(), kiosk::SessionController::Screen::Question);
        const auto* moved = spare->sitting();
        QCOMPARE(moved->id(), sittingId);
        QCOMPARE(moved->presentationOrder(), order);
        QCOMPARE(moved->position(), position);
        QCOMPARE(spare->position(), position);
        QCOMPARE(moved->snapshot().answers, answers);
        QCOMPARE(moved->snapshot().flagged, flagged);
        const auto drift = std::chrono::abs(moved->timeLeft() - timeLeft);
        QVERIFY2(drift <= 1s, std::to_string(drift.count()).c_str());
        QVERIFY(moved->events()[pc01Events].kind == exam::EventKind::SittingMovedHere);

        // PC01 comes back: the live room tells it the sitting moved; it says so and writes
        // nothing more to the sitting, also after another restart.
        pc01 = std::make_unique<kiosk::KioskRuntime>(consoleKioskOptions(pc01Data));
        QVERIFY(eventually([&] {
            auto* back = pc01->session();
            return back && back->setupError().contains(QStringLiteral("PC12"));
        }));
        QVERIFY(pc01->session()->sitting() == nullptr);
        const auto toldAt = storedEvents(pc01Data, sittingId);
        QVERIFY(toldAt >= pc01Events);
        pc01->session()->beginLogin();
        QCOMPARE(pc01->session()->screen(), kiosk::SessionController::Screen::Locked);
        pc01.reset();
        pc01 = std::make_unique<kiosk::KioskRuntime>(consoleKioskOptions(pc01Data));
        // The content key went with the sitting: PC01 waits for a launch, or says where the
        // sitting went; either way no sitting opens there.
        QVERIFY(eventually([&] {
            return pc01->outOfService() ||
                   (pc01->session() &&
                    pc01->session()->setupError().contains(QStringLiteral("PC12")));
        }));
        QVERIFY(!pc01->session() || pc01->session()->sitting() == nullptr);
        QTest::qWait(500);
        QCOMPARE(storedEvents(pc01Data, sittingId), toldAt);
        // The console's journal of the sitting is PC12's: PC01's own events after the move are
        // not in it.
        std::vector<std::string> canonical;
        for (const auto& event : spare->sitting()->events()) {
            canonical.push_back(exam::canonicalEventJson(event));
        }
        QVERIFY(eventually([&] { return service.hub()->journal(sittingId) == canonical; }));
        live.reset();
        pc01.reset();
        pc12.reset();
        service.stopLink();
    }
};

QTEST_MAIN(TestConsoleMove)
#include "tst_console_move.moc"
