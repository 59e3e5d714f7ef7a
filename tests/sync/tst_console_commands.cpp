// The console's signed commands to a kiosk, both sides real over loopback TLS, the kiosk's
// ledger in a real kiosk store: a command is applied once and answered; a replay, a command
// signed by another key and one for another seat are each refused with its reason (or answered
// from the ledger) and nothing is applied; an id is applied at most once across reconnects and
// a kiosk restart.
#include "engine_fixture.h"
#include "vigil/sync/command_ledger.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/sync/result_acks.h"
#include "vigil/testing/command_answers.h"
#include "vigil/testing/eventually.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace vigil;
using namespace vigil::exam::testing;
using namespace vigil::sync;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using vigil::testing::CommandAnswers;
using vigil::testing::eventually;

// The kiosk app's side: counts what it was asked to apply, taking `slowness` over each.
class Applied {
public:
    explicit Applied(std::chrono::milliseconds slowness = {})
        : slowness_(slowness) {}
    CommandHandler handler() {
        return [this](const ConsoleCommand& command) {
            std::this_thread::sleep_for(slowness_);
            std::lock_guard lock(mutex_);
            commands_.push_back(command);
            return CommandResult{command.commandId, true, {}, false};
        };
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return commands_.size();
    }

private:
    std::chrono::milliseconds slowness_;
    mutable std::mutex mutex_;
    std::vector<ConsoleCommand> commands_;
};

} // namespace

class ConsoleCommandsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer consoleStoreKey_ = crypto::SecureBuffer::random(32);
    crypto::SigningKeyPair consoleKeys_ = crypto::generateSigningKeyPair();
    std::optional<store::Database> consoleDb_;
    std::uint16_t port_ = 0;

    fs::path kioskStore() const { return fs::path(dir_.path().toStdString()) / "kiosk.db"; }

    std::unique_ptr<ConsoleHub> startConsole(std::chrono::milliseconds commandDeadline = 30s) {
        consoleDb_.reset();
        const store::Migration migrations[] = {{1, EnrolmentRegistry::schemaSql()},
                                               {2, JournalReplica::schemaSql()}};
        consoleDb_.emplace(store::Database::open(dir_.filePath("console.db").toStdString(),
                                                 consoleStoreKey_, migrations));
        ConsoleHubOptions options;
        options.centreId = "C-123";
        options.consoleName = "Workshop 2";
        options.commandDeadline = commandDeadline;
        auto hub = std::make_unique<ConsoleHub>(*consoleDb_, consoleKeys_, options);
        const auto bound = hub->listen("127.0.0.1", 0);
        port_ = bound.ok() ? bound.value() : 0;
        return hub;
    }

    // `kioskClock`: the kiosk's wall clock (ms since the epoch); empty: the real one.
    static bool seatConnected(const ConsoleHub& hub, const std::string& seat) {
        const auto room = hub.room();
        return std::any_of(room.begin(), room.end(), [&](const SeatLiveStatus& status) {
            return status.seat == seat && status.connected;
        });
    }

    std::unique_ptr<KioskLink> startKiosk(Applied& applied,
                                          std::function<std::int64_t()> kioskClock = {}) {
        KioskLinkOptions options;
        options.nowMs = std::move(kioskClock);
        options.port = port_;
        options.centreId = "C-123";
        options.seat = "PC-07";
        options.heartbeat = 200ms;
        options.firstRetry = 50ms;
        options.retryCap = 200ms;
        auto link = std::make_unique<KioskLink>(kioskStore(), storeKey(), kioskKeys(),
                                                consoleKeys_.publicKey, options);
        link->setCommandHandler(applied.handler());
        link->start();
        return link;
    }

    // The kiosk's store as the kiosk's migrations leave it: journals and the command ledger.
    void makeKioskStore() {
        const store::Migration migrations[] = {{1, exam::sittingSchemaSql()},
                                               {2, exam::sittingHeadSchemaSql()},
                                               {3, CommandLedger::schemaSql()},
                                               {4, ResultAcks::schemaSql()}};
        (void)store::Database::open(kioskStore(), storeKey(), migrations);
    }

    std::vector<LedgerEntry> ledger() {
        auto db = store::Database::open(kioskStore(), storeKey(), {}, store::OpenMode::MustExist);
        return CommandLedger(db).all();
    }

    void enrolled(ConsoleHub& hub) {
        QVERIFY(eventually([&] { return hub.waiting().size() == 1; }));
        QVERIFY(hub.enrol("PC-07", shortFingerprint(kioskKeys().publicKey), "coord-1").ok());
        QVERIFY(eventually([&] {
            return hub
                .sendSignedCommand("PC-07", signCommand("PC-07", CommandKind::Resume, 0, "{}",
                                                        crypto::generateSigningKeyPair()))
                .ok();
        }));
    }

private slots:
    void init() {
        consoleDb_.reset();
        for (const auto& entry : fs::directory_iterator(dir_.path().toStdString())) {
            fs::remove_all(entry.path());
        }
        makeKioskStore();
    }

    void aCommandIsAppliedOnceAndAnswered() {
        auto hub = startConsole();
        Applied applied;
        auto link = startKiosk(applied);
        enrolled(*hub);
        CommandAnswers answers;
        auto sent = hub->sendCommand("PC-07", CommandKind::Pause, R"({"reason":"fire alarm"})",
                                     answers.collect());
        QVERIFY(sent.ok());
        QVERIFY(isCommandId(sent.value().commandId));
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId).has_value(); }));
        const auto answer = *answers.of(sent.value().commandId);
        QVERIFY(answer.applied);
        QVERIFY(!answer.repeated);
        QCOMPARE(applied.count(), std::size_t{1});
        const auto entries = ledger();
        QCOMPARE(entries.size(), std::size_t{1});
        QCOMPARE(entries[0].commandId, sent.value().commandId);
        QCOMPARE(entries[0].kind, CommandKind::Pause);
        QVERIFY(entries[0].result && entries[0].result->applied);
    }

    void aReplayedCommandIsAnsweredFromTheLedgerAndNotAppliedAgain() {
        auto hub = startConsole();
        Applied applied;
        auto link = startKiosk(applied);
        enrolled(*hub);
        CommandAnswers answers;
        auto sent = hub->sendCommand("PC-07", CommandKind::GrantExtraTime,
                                     R"({"minutes":10,"reason":"fire alarm"})", answers.collect());
        QVERIFY(sent.ok());
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId).has_value(); }));
        QVERIFY(hub->sendSignedCommand("PC-07", sent.value(), answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId, 1).has_value(); }));
        const auto replay = *answers.of(sent.value().commandId, 1);
        QVERIFY(replay.repeated);
        QVERIFY(replay.applied); // what was recorded the first time
        QCOMPARE(applied.count(), std::size_t{1});
        QCOMPARE(ledger().size(), std::size_t{1});
    }

    void aCommandSignedByAnotherKeyIsRefused() {
        auto hub = startConsole();
        Applied applied;
        auto link = startKiosk(applied);
        enrolled(*hub);
        CommandAnswers answers;
        const auto otherConsole = crypto::generateSigningKeyPair();
        const auto forged =
            signCommand("PC-07", CommandKind::Void, 1, R"({"reason":"x"})", otherConsole);
        QVERIFY(hub->sendSignedCommand("PC-07", forged, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(forged.commandId).has_value(); }));
        const auto answer = *answers.of(forged.commandId);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("not signed by the console this PC trusts") !=
                     std::string::npos,
                 answer.reason.c_str());
        // An altered body under the console's own signature is refused the same way.
        auto altered = signCommand("PC-07", CommandKind::GrantExtraTime, 1,
                                   R"({"minutes":5,"reason":"x"})", consoleKeys_);
        altered.body = R"({"minutes":500,"reason":"x"})";
        QVERIFY(hub->sendSignedCommand("PC-07", altered, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(altered.commandId).has_value(); }));
        QVERIFY(!answers.of(altered.commandId)->applied);
        QCOMPARE(applied.count(), std::size_t{0});
        QVERIFY(ledger().empty()); // a forgery claims no id
        // The console's log shows the refusal.
        QVERIFY(eventually([&] {
            for (const auto& notice : hub->notices()) {
                if (notice.text.find("refused command " + forged.commandId) != std::string::npos) {
                    return true;
                }
            }
            return false;
        }));
    }

    void aCommandForAnotherSeatIsRefused() {
        auto hub = startConsole();
        Applied applied;
        auto link = startKiosk(applied);
        enrolled(*hub);
        CommandAnswers answers;
        const auto forPc08 =
            signCommand("PC-08", CommandKind::Pause, 1, R"({"reason":"x"})", consoleKeys_);
        QVERIFY(hub->sendSignedCommand("PC-07", forPc08, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(forPc08.commandId).has_value(); }));
        const auto answer = *answers.of(forPc08.commandId);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("the command is for PC-08; this PC is PC-07") !=
                     std::string::npos,
                 answer.reason.c_str());
        QCOMPARE(applied.count(), std::size_t{0});
        QVERIFY(ledger().empty());
    }

    void anIdIsAppliedOnceAcrossReconnectsAndARestart() {
        auto hub = startConsole();
        Applied firstRun;
        auto link = startKiosk(firstRun);
        enrolled(*hub);
        CommandAnswers answers;
        auto sent = hub->sendCommand("PC-07", CommandKind::Resume, "{}", answers.collect());
        QVERIFY(sent.ok());
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId).has_value(); }));
        QCOMPARE(firstRun.count(), std::size_t{1});

        // The kiosk is killed and starts again on its store; the console never saw the answer
        // (as far as it knows) and sends the same command again on the new connection (not on
        // the old one before the console has noticed it closed: that send would be lost, and
        // answered only by the deadline).
        QVERIFY(seatConnected(*hub, "PC-07"));
        link.reset();
        QVERIFY(eventually([&] { return !seatConnected(*hub, "PC-07"); }));
        Applied secondRun;
        link = startKiosk(secondRun);
        QVERIFY(eventually(
            [&] { return hub->sendSignedCommand("PC-07", sent.value(), answers.collect()).ok(); }));
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId, 1).has_value(); }));
        QVERIFY(answers.of(sent.value().commandId, 1)->repeated);
        QCOMPARE(secondRun.count(), std::size_t{0});

        // And after the console itself restarts.
        link.reset();
        hub.reset();
        hub = startConsole();
        Applied thirdRun;
        link = startKiosk(thirdRun);
        QVERIFY(eventually(
            [&] { return hub->sendSignedCommand("PC-07", sent.value(), answers.collect()).ok(); }));
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId, 2).has_value(); }));
        QVERIFY(answers.of(sent.value().commandId, 2)->repeated);
        QCOMPARE(thirdRun.count(), std::size_t{0});
        QCOMPARE(ledger().size(), std::size_t{1});
    }

    void aCommandInterruptedMidWayIsNeverAppliedAgain() {
        const auto command =
            signCommand("PC-07", CommandKind::Void, 1, R"({"reason":"x"})", consoleKeys_);
        {
            // The kiosk recorded it as received and stopped before its outcome was written.
            auto db =
                store::Database::open(kioskStore(), storeKey(), {}, store::OpenMode::MustExist);
            QVERIFY(CommandLedger(db).recordReceived(command, 1));
        }
        auto hub = startConsole();
        Applied applied;
        auto link = startKiosk(applied);
        enrolled(*hub);
        CommandAnswers answers;
        QVERIFY(hub->sendSignedCommand("PC-07", command, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(command.commandId).has_value(); }));
        QVERIFY(!answers.of(command.commandId)->applied);
        QVERIFY(answers.of(command.commandId)->reason.find("interrupted") != std::string::npos);
        QCOMPARE(applied.count(), std::size_t{0});
    }

    // A command's issue time is the console's clock; the kiosk refuses one more than 10 minutes
    // from its own clock either way (held back, or the clocks apart), recording nothing, and a
    // replay of a command it took up keeps its recorded answer however late it comes.
    void aCommandOlderThanItsAgeIsRefusedAndAReplayKeepsItsAnswer() {
        auto hub = startConsole();
        Applied applied;
        std::atomic<std::int64_t> kioskClockAhead{0};
        auto link = startKiosk(
            applied, [&] { return QDateTime::currentMSecsSinceEpoch() + kioskClockAhead.load(); });
        enrolled(*hub);
        CommandAnswers answers;
        const auto now = QDateTime::currentMSecsSinceEpoch();
        const std::int64_t minute = 60'000;

        const auto held = signCommand("PC-07", CommandKind::Pause, now - 11 * minute,
                                      R"({"reason":"fire alarm"})", consoleKeys_);
        QVERIFY(hub->sendSignedCommand("PC-07", held, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(held.commandId).has_value(); }));
        auto answer = *answers.of(held.commandId);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("11 min before this PC's clock") != std::string::npos &&
                     answer.reason.find("a command older than 10 minutes is not applied") !=
                         std::string::npos,
                 answer.reason.c_str());

        const auto ahead = signCommand("PC-07", CommandKind::Pause, now + 11 * minute,
                                       R"({"reason":"fire alarm"})", consoleKeys_);
        QVERIFY(hub->sendSignedCommand("PC-07", ahead, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(ahead.commandId).has_value(); }));
        answer = *answers.of(ahead.commandId);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("11 min ahead of this PC's clock") != std::string::npos &&
                     answer.reason.find("clocks differ by more than 10 minutes") !=
                         std::string::npos,
                 answer.reason.c_str());
        QCOMPARE(applied.count(), std::size_t{0});
        QVERIFY(ledger().empty()); // stale commands claim no id

        // Nine minutes old (or the clocks nine minutes apart): applied.
        const auto recent = signCommand("PC-07", CommandKind::Pause, now - 9 * minute,
                                        R"({"reason":"fire alarm"})", consoleKeys_);
        QVERIFY(hub->sendSignedCommand("PC-07", recent, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(recent.commandId).has_value(); }));
        QVERIFY2(answers.of(recent.commandId)->applied,
                 answers.of(recent.commandId)->reason.c_str());
        QCOMPARE(applied.count(), std::size_t{1});

        // The same command replayed twenty minutes later by the kiosk's clock: the answer
        // recorded then, nothing applied again.
        kioskClockAhead = 20 * minute;
        QVERIFY(hub->sendSignedCommand("PC-07", recent, answers.collect()).ok());
        QVERIFY(eventually([&] { return answers.of(recent.commandId, 1).has_value(); }));
        const auto replay = *answers.of(recent.commandId, 1);
        QVERIFY(replay.repeated);
        QVERIFY(replay.applied);
        QCOMPARE(applied.count(), std::size_t{1});
        QCOMPARE(ledger().size(), std::size_t{1});
    }

    // A kiosk that takes a command and goes away without answering: the console hears "no
    // answer from PC-07 within 1 s" at the deadline, once, instead of waiting for ever.
    void aKioskThatGoesAwayMidCommandIsNamedAtTheDeadline() {
        auto hub = startConsole(1'000ms);
        std::atomic<bool> tookIt{false};
        // The kiosk: it says Hello, and closes its connection on the first pause it is sent.
        LinkClient kiosk(
            kioskKeys(), consoleKeys_.publicKey, {},
            LinkHandlers{
                .onOpen =
                    [](const std::shared_ptr<Connection>& connection) {
                        connection->send(encodeMessage(
                            Hello{kProtocolVersion, "C-123", "PC-07", "a kiosk that goes away"}));
                    },
                .onFrame =
                    [&](const std::shared_ptr<Connection>& connection, Frame frame) {
                        auto message = decodeMessage(frame);
                        const auto* command =
                            message ? std::get_if<ConsoleCommand>(&message.value()) : nullptr;
                        if (command && command->kind == CommandKind::Pause) {
                            tookIt = true;
                            connection->close();
                        }
                    },
                .onClose = {},
            });
        kiosk.connect("127.0.0.1", port_);
        enrolled(*hub);
        CommandAnswers answers;
        QElapsedTimer sinceSent;
        sinceSent.start();
        auto sent = hub->sendCommand("PC-07", CommandKind::Pause, R"({"reason":"fire alarm"})",
                                     answers.collect());
        QVERIFY(sent.ok());
        QVERIFY(eventually([&] { return tookIt.load(); }));
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId).has_value(); }));
        QVERIFY(sinceSent.elapsed() >= 1'000);
        const auto answer = *answers.of(sent.value().commandId);
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("no answer from PC-07 within 1 s") != std::string::npos,
                 answer.reason.c_str());
        QTest::qWait(1'500);
        QVERIFY(!answers.of(sent.value().commandId, 1)); // once
        const auto notices = hub->notices();
        QVERIFY(std::any_of(notices.begin(), notices.end(), [&](const LinkNotice& n) {
            return n.seat == "PC-07" && n.text.find("no answer from PC-07 within 1 s to command " +
                                                    sent.value().commandId) != std::string::npos;
        }));
        kiosk.stop();
    }

    // A slow kiosk: the deadline answers the console; the kiosk's late answer is a notice, and
    // the callback is not called again.
    void aSlowKioskIsNamedAtTheDeadlineAndItsLateAnswerNoted() {
        auto hub = startConsole(500ms);
        Applied applied(1'500ms);
        auto link = startKiosk(applied);
        enrolled(*hub);
        CommandAnswers answers;
        auto sent = hub->sendCommand("PC-07", CommandKind::Pause, R"({"reason":"fire alarm"})",
                                     answers.collect());
        QVERIFY(sent.ok());
        QVERIFY(eventually([&] { return answers.of(sent.value().commandId).has_value(); }));
        QVERIFY2(
            answers.of(sent.value().commandId)->reason.find("no answer from PC-07 within 0.5 s") !=
                std::string::npos,
            answers.of(sent.value().commandId)->reason.c_str());
        QVERIFY(eventually([&] {
            const auto notices = hub->notices();
            return std::any_of(notices.begin(), notices.end(), [&](const LinkNotice& n) {
                return n.text.find("PC-07 answered command " + sent.value().commandId +
                                   " after its deadline: applied") != std::string::npos;
            });
        }));
        QCOMPARE(applied.count(), std::size_t{1});
        QVERIFY(!answers.of(sent.value().commandId, 1));
    }

    void aSeatThatIsNotConnectedIsNamed() {
        auto hub = startConsole();
        auto sent = hub->sendCommand("PC-09", CommandKind::Pause, "{}");
        QVERIFY(!sent.ok());
        QVERIFY(sent.error().detail.find("PC-09 is not connected") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(ConsoleCommandsTest)
#include "tst_console_commands.moc"
