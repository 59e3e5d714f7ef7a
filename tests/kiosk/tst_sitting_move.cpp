// Issue 11, "Moving a sitting to a spare PC", end to end in one process: the console's hub and
// two kiosks (KioskRuntime, offscreen), each with its link agent over loopback TLS and its own
// store. A candidate sits on PC07; PC07 stops; the console moves the sitting to the spare PC12,
// which resumes it after an invigilator's login with the same question, answers, order and time
// left. PC07, back, is told and writes nothing more to the sitting.
#include "sample_seat.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/command_handler.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/sync/sitting_move.h"
#include "vigil/testing/command_answers.h"
#include "vigil/testing/eventually.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>
#include <memory>
#include <mutex>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using vigil::testing::CommandAnswers;
using vigil::testing::eventually;

const std::vector<std::uint8_t> kIssuerSeed(32, 0x5a);

// A kiosk of the room: its runtime and its link agent to the console.
struct Pc {
    BuiltSeat seat;
    std::unique_ptr<KioskRuntime> runtime;
    std::unique_ptr<sync::KioskLink> link;
    std::unique_ptr<QTimer> journalTicks;

    void start(std::uint16_t port) {
        runtime = std::make_unique<KioskRuntime>(seat.kioskOptions());
        const auto trust = TrustMaterial::load(seat.dataDir);
        sync::KioskLinkOptions options;
        options.port = port;
        options.centreId = seat.assignment.centreId;
        options.seat = seat.assignment.seatLabel;
        options.heartbeat = 200ms;
        options.firstRetry = 50ms;
        options.retryCap = 200ms;
        const DataDir dataDir(seat.dataDir);
        link = std::make_unique<sync::KioskLink>(dataDir.storeFile(), dataDir.openStoreKey().key,
                                                 trust.kioskKeys, trust.assignmentIssuer, options);
        // As the kiosk app's ConsoleLink does on every journal append: the agent reads what
        // is new at once.
        journalTicks = std::make_unique<QTimer>();
        QObject::connect(journalTicks.get(), &QTimer::timeout,
                         [linkPtr = link.get()] { linkPtr->journalChanged(); });
        journalTicks->start(50);
        auto* runtimePtr = runtime.get();
        link->setCommandHandler(
            onThreadOf(&runtime->engine(), [runtimePtr](const sync::ConsoleCommand& c) {
                return runtimePtr->applyCommand(c);
            }));
        link->start();
    }
    // The PC goes dead: its link and its process end, nothing more is written.
    void stop() {
        journalTicks.reset();
        if (link) {
            link->stop();
        }
        link.reset();
        runtime.reset();
    }
    [[nodiscard]] SessionController* session() { return runtime ? runtime->session() : nullptr; }
};

// The events a kiosk's store holds of one sitting (0 when none).
std::size_t storedEvents(const BuiltSeat& seat, const std::string& sittingId) {
    const DataDir dataDir(seat.dataDir);
    const auto migrations = kioskMigrations();
    auto db = store::Database::open(dataDir.storeFile(), dataDir.openStoreKey().key, migrations);
    for (const auto& summary : exam::SittingJournal::list(db)) {
        if (summary.sittingId == sittingId) {
            return std::size_t(summary.eventCount);
        }
    }
    return 0;
}

void logIn(SessionController& session) {
    session.beginLogin();
    QVERIFY(
        session.submitLogin(QString::fromLatin1(kSamplePin), QString::fromLatin1(kSamplePassword)));
}

// The console, PC07 (the candidate's seat) and PC12 (a spare, waiting for an assignment, in the
// same room, trusting the same console and awarding body).
struct Room {
    QTemporaryDir temp;
    fs::path root = temp.path().toStdString();
    crypto::SecureBuffer consoleStoreKey = crypto::SecureBuffer::random(32);
    std::optional<store::Database> consoleDb;
    std::unique_ptr<sync::ConsoleHub> hub;
    std::uint16_t port = 0;
    Pc pc07;
    Pc pc12;
    // What the console refused of the kiosks' journals (the hub's words, from its thread).
    struct Refusals {
        std::mutex mutex;
        std::vector<std::string> said;
        void add(std::string reason) {
            std::lock_guard lock(mutex);
            said.push_back(std::move(reason));
        }
        [[nodiscard]] std::string first() {
            std::lock_guard lock(mutex);
            return said.empty() ? std::string() : said.front();
        }
    };
    std::shared_ptr<Refusals> refused = std::make_shared<Refusals>();

    Room() {
        auto options = sampleSeatOptions({});
        options.issuerSeed = kIssuerSeed;
        const auto assessment = makeSampleAssessment({});
        pc07.seat = buildSeat(assessment, root / "pc07", options);
        options.seatLabel = "PC12";
        pc12.seat = buildSeat(assessment, root / "pc12", options);
        // The spare holds the room's package and trusts the same awarding body; it has no
        // assignment yet.
        for (const char* key : {"awarding-body-signing.pub", "awarding-body-box.pub"}) {
            fs::copy_file(pc07.seat.dataDir / "trust" / key, pc12.seat.dataDir / "trust" / key,
                          fs::copy_options::overwrite_existing);
        }
        fs::copy_file(pc07.seat.packageFile, pc12.seat.packageFile,
                      fs::copy_options::overwrite_existing);
        fs::remove(pc12.seat.assignmentFile);

        const store::Migration migrations[] = {{1, sync::EnrolmentRegistry::schemaSql()},
                                               {2, sync::JournalReplica::schemaSql()},
                                               {3, sync::JournalReplica::handoverSchemaSql()}};
        consoleDb.emplace(store::Database::open(root / "console.db", consoleStoreKey, migrations));
        sync::ConsoleHubOptions hubOptions;
        hubOptions.centreId = pc07.seat.assignment.centreId;
        hubOptions.consoleName = "Workshop 2 console";
        hubOptions.heartbeat = 200ms; // the kiosks keep to the console's
        hubOptions.onJournalRefused = [refused = refused](const std::string& seat,
                                                          const std::string&,
                                                          const std::string& reason) {
            refused->add(seat + ": " + reason);
        };
        hub = std::make_unique<sync::ConsoleHub>(*consoleDb, pc07.seat.issuer, hubOptions);
        port = hub->listen("127.0.0.1", 0).value();
    }
    ~Room() {
        pc07.stop();
        pc12.stop();
        hub->stop();
    }

    void enrol(Pc& pc) {
        pc.start(port);
        QVERIFY(eventually([&] {
            for (const auto& waiting : hub->waiting()) {
                if (waiting.seat == pc.seat.assignment.seatLabel) {
                    return true;
                }
            }
            return false;
        }));
        QVERIFY(hub->enrol(pc.seat.assignment.seatLabel, sync::shortFingerprint(pc.seat.kioskKey),
                           "coord-1")
                    .ok());
        QVERIFY(
            eventually([&] { return pc.link->standing() == sync::KioskLink::Standing::Enrolled; }));
    }

    // What the console sends the spare: an assignment for its seat naming its key, and the
    // package's content key sealed to that key (as format 3 and the launch do).
    sync::MoveRequest moveRequest(const std::string& sittingId, bool confirmedDead) const {
        auto assignment = pc07.seat.assignment;
        assignment.seatLabel = "PC12";
        assignment.kioskKey = pc12.seat.kioskKey;
        assignment.sealedContentKey.clear();
        sync::MoveRequest request;
        request.sittingId = sittingId;
        request.toSeat = "PC12";
        request.assignment = exam::signSeatAssignment(assignment, pc07.seat.issuer).value();
        const auto package = exam::readPackageFile(pc07.seat.packageFile).value();
        const auto trust = TrustMaterial::load(pc07.seat.dataDir);
        const auto contentKey =
            exam::unsealContentKey(package, trust.packageSigner, pc07.seat.assignment.centreId,
                                   pc07.seat.centreBox)
                .value();
        request.sealedContentKey =
            exam::sealContentKeyToKiosk(contentKey, pc12.seat.kioskKey).value();
        request.oldPcConfirmedDead = confirmedDead;
        return request;
    }

    sync::MoveStage move(sync::SittingMove& move) {
        eventually([&] {
            const auto stage = move.step();
            return stage == sync::MoveStage::Moved || stage == sync::MoveStage::Refused;
        });
        return move.stage();
    }

    // Both PCs enrolled, then sitOnPc07(); empty when either failed.
    std::string enrolBothAndSitOnPc07() {
        enrol(pc07);
        enrol(pc12);
        return QTest::currentTestFailed() ? std::string() : sitOnPc07();
    }

    // The candidate sits on PC07: answers questions 1 and 2, flags 2, stops on question 3.
    std::string sitOnPc07() {
        auto* session = pc07.session();
        if (!session) {
            return {};
        }
        logIn(*session);
        if (session->screen() == SessionController::Screen::MachineCheck) {
            session->continueAfterMachineCheck();
        }
        session->confirmCandidate();
        session->start();
        session->setChoice(QStringLiteral("A"), true);
        session->next();
        // The move is presented on the next turn; the answer is for the question shown.
        eventually([&] { return !session->questionPending(); });
        session->setChoice(QStringLiteral("A"), true);
        session->toggleFlag();
        session->next();
        const auto id = session->sitting()->id();
        // Everything PC07 wrote is in the console's replica before it goes dead.
        eventually([&] { return hub->journal(id).size() == session->sitting()->events().size(); });
        return id;
    }
};

} // namespace

class TestSittingMove : public QObject {
    Q_OBJECT

private slots:
    void aSittingMovesFromADeadPcToASpareAndTheOldPcIsToldWhenItReturns() {
        Room room;
        room.enrol(room.pc07);
        room.enrol(room.pc12);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(room.pc07.session());
        QVERIFY(room.pc12.runtime->outOfService()); // the spare waits for an assignment

        const auto sittingId = room.sitOnPc07();
        QVERIFY(!sittingId.empty());
        const auto* sitting = room.pc07.session()->sitting();
        QCOMPARE(room.hub->journal(sittingId).size(), sitting->events().size());
        const auto order = sitting->presentationOrder();
        const auto position = sitting->position();
        const auto answers = sitting->snapshot().answers;
        const auto flagged = sitting->snapshot().flagged;
        QCOMPARE(position, 2);
        QCOMPARE(answers.size(), std::size_t{2});
        // What PC07's journal holds when it dies: the time left at its last event.
        const auto timeLeft =
            sitting->timeAllowed() - std::chrono::milliseconds(sitting->events().back().timeUsedMs);

        // PC07 dies.
        room.pc07.stop();
        const auto pc07Events = storedEvents(room.pc07.seat, sittingId);
        QCOMPARE(room.hub->journal(sittingId).size(), pc07Events);

        // Without the invigilator's confirmation that PC07 is dead, nothing moves.
        sync::SittingMove unconfirmed(*room.hub, room.moveRequest(sittingId, false));
        QVERIFY(room.move(unconfirmed) == sync::MoveStage::Refused);
        QVERIFY2(unconfirmed.reason().find("PC07 is not connected") != std::string::npos,
                 unconfirmed.reason().c_str());
        QVERIFY(room.pc12.runtime->outOfService());

        sync::SittingMove move(*room.hub, room.moveRequest(sittingId, true));
        QVERIFY2(room.move(move) == sync::MoveStage::Moved, move.reason().c_str());
        QVERIFY(!move.oldPcTold());

        // PC12 opens its seat with the sitting waiting for an invigilator.
        QVERIFY(eventually([&] { return room.pc12.session() != nullptr; }));
        auto* spare = room.pc12.session();
        QCOMPARE(spare->seatLabel(), QStringLiteral("PC12"));
        QVERIFY(spare->sittingInProgress());
        logIn(*spare);
        QCOMPARE(spare->screen(), SessionController::Screen::Question);
        const auto* moved = spare->sitting();
        QCOMPARE(moved->id(), sittingId);
        QCOMPARE(moved->presentationOrder(), order);
        QCOMPARE(moved->position(), position);
        QCOMPARE(spare->position(), position);
        QCOMPARE(moved->snapshot().answers, answers);
        QCOMPARE(moved->snapshot().flagged, flagged);
        const auto drift = std::chrono::abs(moved->timeLeft() - timeLeft);
        QVERIFY2(drift <= 1s, std::to_string(drift.count()).c_str());
        // Both the imported events and PC12's own: SittingMovedHere names the command.
        const auto& events = moved->events();
        QVERIFY(events[pc07Events].kind == exam::EventKind::SittingMovedHere);
        QCOMPARE(events[pc07Events].text, std::string("PC12"));

        // The console's replica follows PC12 now: the same bytes as its journal.
        QVERIFY(eventually([&] { return room.hub->journal(sittingId).size() == events.size(); }));
        std::vector<std::string> canonical;
        for (const auto& event : events) {
            canonical.push_back(exam::canonicalEventJson(event));
        }
        QCOMPARE(room.hub->journal(sittingId), canonical);
        for (const auto& held : room.hub->sittings()) {
            if (held.sittingId == sittingId) {
                QCOMPARE(held.seat, std::string("PC12"));
                QVERIFY(held.kiosk == room.pc12.seat.kioskKey);
            }
        }

        // The move command sent again (a lost answer, a replay) is not applied twice.
        const auto spareEvents = moved->events().size();
        CommandAnswers answered;
        QVERIFY(
            room.hub->sendSignedCommand("PC12", *move.moveHereCommand(), answered.collect()).ok());
        QVERIFY(
            eventually([&] { return answered.of(move.moveHereCommand()->commandId).has_value(); }));
        QVERIFY(answered.of(move.moveHereCommand()->commandId)->repeated);
        QCOMPARE(spare->sitting()->events().size(), spareEvents);

        // PC07 comes back: it is told the sitting moved, says so and writes nothing more.
        room.pc07.start(room.port);
        sync::MovedAwayReminder reminder(*room.hub);
        QVERIFY(eventually([&] {
            (void)reminder.step();
            auto* session = room.pc07.session();
            return session && session->setupError().contains(QStringLiteral("PC12"));
        }));
        QVERIFY(room.pc07.session()->sitting() == nullptr);
        QCOMPARE(room.pc07.session()->screen(), SessionController::Screen::Locked);
        const auto toldAt = storedEvents(room.pc07.seat, sittingId);
        QVERIFY(eventually([&] { return reminder.step() == 0; })); // told once, recorded
        room.pc07.session()->beginLogin();
        QCOMPARE(room.pc07.session()->screen(), SessionController::Screen::Locked);

        // And after a restart: the same screen, nothing written.
        room.pc07.stop();
        room.pc07.start(room.port);
        QVERIFY(room.pc07.session());
        QVERIFY(room.pc07.session()->setupError().contains(QStringLiteral("PC12")));
        QVERIFY(room.pc07.session()->sitting() == nullptr);
        QTest::qWait(300);
        QCOMPARE(storedEvents(room.pc07.seat, sittingId), toldAt);
        // PC07's own events after the move never join the console's journal of the sitting,
        // and are no IT failure either: its Interrupted and SittingMoved are the move's own.
        QCOMPARE(room.hub->journal(sittingId), canonical);
        QVERIFY2(room.refused->first().empty(), room.refused->first().c_str());
    }

    // PC07 dies with an answer the console never had (its link was down): the sitting moves
    // on from what the console held, and PC07, back, sends that answer: refused and so logged,
    // for the invigilator to know what was given there after the console last heard from it.
    void anAnswerTheConsoleNeverHadIsRefusedWhenTheOldPcReturns() {
        Room room;
        const auto sittingId = room.enrolBothAndSitOnPc07();
        QVERIFY(!sittingId.empty());
        room.pc07.journalTicks.reset();
        room.pc07.link->stop();
        auto* session = room.pc07.session();
        session->setChoice(QStringLiteral("B"), true); // question 3, never sent
        QVERIFY(session->sitting()->events().back().kind == exam::EventKind::AnswerChanged);
        room.pc07.link.reset();
        room.pc07.stop();

        sync::SittingMove move(*room.hub, room.moveRequest(sittingId, true));
        QVERIFY2(room.move(move) == sync::MoveStage::Moved, move.reason().c_str());
        room.pc07.start(room.port);
        sync::MovedAwayReminder reminder(*room.hub);
        QVERIFY(eventually([&] {
            (void)reminder.step();
            return !room.refused->first().empty();
        }));
        const auto said = room.refused->first();
        QVERIFY2(said.find("PC07's events after the move are not part of it") != std::string::npos,
                 said.c_str());
        // The reminder goes (as with a live room closed) while PC07's answer to it may still be
        // on its way: the answer finds nothing freed (ASan saw it write to a freed reminder).
    }

    void aReachableOldPcGivesTheSittingUpFirstAndBothJournalsAreOneChain() {
        Room room;
        const auto sittingId = room.enrolBothAndSitOnPc07();
        QVERIFY(!sittingId.empty());
        const auto timeLeft = room.pc07.session()->sitting()->timeLeft();

        sync::SittingMove move(*room.hub, room.moveRequest(sittingId, false));
        QVERIFY2(room.move(move) == sync::MoveStage::Moved, move.reason().c_str());
        QVERIFY(move.oldPcTold());
        auto* old = room.pc07.session();
        QVERIFY(old->setupError().contains(QStringLiteral("moved to PC12")));
        QVERIFY(old->sitting() == nullptr);
        const auto oldEvents = storedEvents(room.pc07.seat, sittingId);

        QVERIFY(eventually([&] { return room.pc12.session() != nullptr; }));
        auto* spare = room.pc12.session();
        logIn(*spare);
        QCOMPARE(spare->screen(), SessionController::Screen::Question);
        const auto& events = spare->sitting()->events();
        QVERIFY(events[oldEvents - 1].kind == exam::EventKind::SittingMoved);
        QVERIFY(events[oldEvents].kind == exam::EventKind::SittingMovedHere);
        // The time left when PC07 gave the sitting up, no more than it had before the move.
        const auto atMove = spare->sitting()->timeAllowed() -
                            std::chrono::milliseconds(events[oldEvents - 1].timeUsedMs);
        QVERIFY(atMove <= timeLeft);
        QVERIFY(std::chrono::abs(spare->sitting()->timeLeft() - atMove) <= 1s);
        QCOMPARE(spare->position(), 2);

        // PC07 connects again (a restart, a dropped cable) once the sitting goes on at PC12:
        // the console acknowledges what PC07 gave, up to its SittingMoved, so PC07 sends
        // nothing again and nothing of it is refused (no "IT failure" for a move that went
        // as it should).
        spare->next();
        QVERIFY(eventually([&] {
            return room.hub->journal(sittingId).size() == spare->sitting()->events().size();
        }));
        room.pc07.stop();
        room.pc07.start(room.port);
        QVERIFY(eventually([&] {
            return room.pc07.link->standing() == sync::KioskLink::Standing::Enrolled &&
                   room.pc07.link->acknowledged(sittingId) == std::int64_t(oldEvents) - 1;
        }));
        QTest::qWait(600); // three heartbeats: time for a resend to be refused
        QVERIFY2(room.refused->first().empty(), room.refused->first().c_str());
        QCOMPARE(room.pc07.link->acknowledged(sittingId), std::int64_t(oldEvents) - 1);
        QCOMPARE(storedEvents(room.pc07.seat, sittingId), oldEvents);
    }

    void aForgedJournalAJournalOfAnotherKeyAndABusySpareAreRefused() {
        Room room;
        const auto sittingId = room.enrolBothAndSitOnPc07();
        QVERIFY(!sittingId.empty());
        room.pc07.stop();

        std::vector<std::string> events = room.hub->journal(sittingId);
        std::optional<exam::SignedJournalHead> head;
        room.hub->withReplica(
            [&](sync::JournalReplica& replica) { head = replica.signedHead(sittingId); });
        QVERIFY(head);
        auto request = room.moveRequest(sittingId, true);
        auto bodyWith = [&](std::vector<std::string> journal,
                            const crypto::SigningPublicKey& signer) {
            return sync::moveHereBody({sittingId, "PC07", signer,
                                       exam::journalDocument(journal, *head), request.assignment,
                                       request.sealedContentKey});
        };
        CommandAnswers answers;
        auto sendToSpare = [&](const std::string& body) {
            // Sent once the spare is connected (a reconnect may be under way).
            std::optional<sync::ConsoleCommand> sent;
            eventually([&] {
                auto attempt = room.hub->sendCommand("PC12", sync::CommandKind::MoveSittingHere,
                                                     body, answers.collect());
                if (attempt.ok()) {
                    sent = attempt.value();
                }
                return sent.has_value();
            });
            if (!sent || !eventually([&] { return answers.of(sent->commandId).has_value(); })) {
                return sync::CommandResult{"", false, "no answer from PC12", false};
            }
            return *answers.of(sent->commandId);
        };
        // One answer edited in the journal: its chain no longer holds.
        auto forged = events;
        bool edited = false;
        for (auto& event : forged) {
            const auto at = event.find("\"choices\":[\"A\"]");
            if (!edited && at != std::string::npos) {
                event.replace(at, 15, "\"choices\":[\"B\"]");
                edited = true;
            }
        }
        QVERIFY(edited);
        auto result = sendToSpare(bodyWith(forged, room.pc07.seat.kioskKey));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("journal is refused") != std::string::npos,
                 result.reason.c_str());
        QVERIFY(result.reason.find("nothing was applied") != std::string::npos);

        // The true journal, but said to be signed by another key.
        const auto other = crypto::generateSigningKeyPair();
        result = sendToSpare(bodyWith(events, other.publicKey));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("journal is refused") != std::string::npos,
                 result.reason.c_str());

        // Nothing landed on the spare: no sitting, no assignment, still waiting.
        QCOMPARE(storedEvents(room.pc12.seat, sittingId), std::size_t{0});
        QVERIFY(!fs::exists(room.pc12.seat.assignmentFile));
        QVERIFY(room.pc12.runtime->outOfService());

        // A spare mid-sitting of its own refuses the move.
        room.pc12.stop();
        room.pc12.seat = buildSeat(makeSampleAssessment({}), room.root / "pc12-busy", [] {
            auto options = sampleSeatOptions({});
            options.issuerSeed = kIssuerSeed;
            options.seatLabel = "PC12";
            options.registrationNumber = "CD654321";
            return options;
        }());
        QVERIFY(room.hub->unenrol("PC12", "coord-1", "replaced by another PC").ok());
        room.enrol(room.pc12);
        auto* busy = room.pc12.session();
        QVERIFY(busy);
        logIn(*busy);
        if (busy->screen() == SessionController::Screen::MachineCheck) {
            busy->continueAfterMachineCheck();
        }
        busy->confirmCandidate();
        busy->start();
        QCOMPARE(busy->screen(), SessionController::Screen::Question);
        const auto ownEvents = busy->sitting()->events().size();
        result = sendToSpare(bodyWith(events, room.pc07.seat.kioskKey));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("a sitting is under way at this PC") != std::string::npos,
                 result.reason.c_str());
        QCOMPARE(busy->screen(), SessionController::Screen::Question);
        QCOMPARE(busy->sitting()->events().size(), ownEvents);
        QCOMPARE(storedEvents(room.pc12.seat, sittingId), std::size_t{0});
    }
};

QTEST_MAIN(TestSittingMove)
#include "tst_sitting_move.moc"
