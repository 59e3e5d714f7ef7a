#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/store/database.h"
#include "vigil/sync/console_command.h"
#include "vigil/sync/enrolment.h"
#include "vigil/sync/journal_replica.h"
#include "vigil/sync/link.h"
#include "vigil/sync/room_status.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

// The console's side of the LAN link, without any GUI: the server, who may connect
// (enrolment), what the room looks like now, and the verified replica of every sitting's
// journal (acknowledged batch by batch; a refused batch is a notice for the coordinator). The
// console app and the tests' headless driver both sit on it. Safe to call from any thread; its
// store is used under its own lock.
namespace vigil::sync {

struct ConsoleHubOptions {
    std::string centreId;
    std::string consoleName;
    LinkLimits limits;
    // The centre's heartbeat setting: told to every kiosk as it is welcomed (it repeats its
    // status that often) and, with missedHeartbeats, how long a seat may be silent before it
    // is "not connected since". Kept within kMinHeartbeatMs..kMaxHeartbeatMs.
    std::chrono::milliseconds heartbeat{1'000};
    int missedHeartbeats = 5;
    // How long a command sent waits for the kiosk's answer. After it, its callback hears "no
    // answer from PC07 within 30 s" (not applied as far as the console knows; the kiosk may still
    // take it up, so it is sent again with the same id, never as a new one).
    std::chrono::milliseconds commandDeadline{30'000};
    // The console's clock in ms since the epoch; injectable for tests.
    std::function<std::int64_t()> nowMs;
    // Told of every status an enrolled seat pushes, on the network thread under the hub's lock
    // (keep it short: hand it to the UI's thread). For the live room and the link benchmark.
    std::function<void(const std::string& seat, const KioskStatus& status)> onStatus;
    // Told of every batch of journal events the replica has verified and stored, and of an
    // enrolled seat whose connection closed; the same thread and lock as onStatus. For the
    // live room (last answer saved, incidents raised at the kiosk, a seat gone).
    std::function<void(const std::string& seat, const JournalEvents& batch)> onJournalEvents;
    std::function<void(const std::string& seat)> onSeatLost;
    // Told of every batch the replica refused (a gap, a fork, a bad signature, another PC's
    // sitting): the seat, the sitting and the replica's reason; the same thread and lock as
    // onStatus. For the session's incident log.
    std::function<void(const std::string& seat, const std::string& sittingId,
                       const std::string& reason)>
        onJournalRefused;
    // Keeps a sitting's sealed result record that its kiosk sent (SittingResult), for the
    // awarding body: the console app queues it in its outbox. Called only for a sitting whose
    // journal the replica holds from this kiosk's key, on the network thread under the hub's
    // lock (it may use the hub's store). Returns the item's id as hex (ResultAck tells the
    // kiosk), or nullopt when it could not be kept (no ack: the kiosk sends it again later).
    // Unset: result records are not acknowledged.
    std::function<std::optional<std::string>(const std::string& seat, const std::string& sittingId,
                                             std::span<const std::uint8_t> sealed)>
        onResultRecord;
};

// One entry of the console's link log: what the coordinator should know happened on the link.
struct LinkNotice {
    std::int64_t atMs = 0;
    std::string seat;    // empty before a kiosk said which seat it is
    std::string address; // the peer
    std::string text;    // "PC07 presented a different key (…): re-enrol or investigate"
};

class ConsoleHub {
public:
    // The store must hold EnrolmentRegistry::schemaSql() and JournalReplica::schemaSql() in its
    // migrations.
    ConsoleHub(store::Database& db, const crypto::SigningKeyPair& consoleKeys,
               ConsoleHubOptions options);
    ~ConsoleHub();
    ConsoleHub(const ConsoleHub&) = delete;
    ConsoleHub& operator=(const ConsoleHub&) = delete;

    [[nodiscard]] LinkResult<std::uint16_t> listen(const std::string& address, std::uint16_t port);
    void stop();

    // The coordinator's decisions. Enrolling a kiosk that is connected and waiting tells it at
    // once; unenrolling a connected one closes its connection.
    [[nodiscard]] EnrolmentResult<EnrolledKiosk> enrol(const std::string& seat,
                                                       std::string_view typedFingerprint,
                                                       const std::string& coordinatorId);
    [[nodiscard]] EnrolmentResult<crypto::Done>
    unenrol(const std::string& seat, const std::string& coordinatorId, const std::string& reason);

    // Signs a command for an enrolled seat that is connected now (NotConnected otherwise:
    // ConnectFailed with the seat named) and sends it; `onResult` is called exactly once: on the
    // network thread with the kiosk's answer, or, when none came within
    // ConsoleHubOptions::commandDeadline (the kiosk went away, or is slow), on the hub's own
    // thread with a refusal "no answer from PC07 within 30 s" (a late answer then goes to the
    // notices). The command comes back so that it can be sent again with the same id
    // (sendSignedCommand): the kiosk applies an id at most once, so sending again after a lost
    // answer is safe.
    using CommandCallback = std::function<void(const CommandResult&)>;
    [[nodiscard]] LinkResult<ConsoleCommand> sendCommand(const std::string& seat, CommandKind kind,
                                                         std::string body,
                                                         CommandCallback onResult = {});
    // Sends a command as it is, to `seat`'s connection (again, or one signed elsewhere).
    [[nodiscard]] LinkResult<crypto::Done> sendSignedCommand(const std::string& seat,
                                                             const ConsoleCommand& command,
                                                             CommandCallback onResult = {});

    [[nodiscard]] std::vector<WaitingKiosk> waiting() const;
    [[nodiscard]] std::vector<EnrolledKiosk> enrolled() const;
    [[nodiscard]] std::vector<EnrolmentRecord> enrolmentHistory() const;
    [[nodiscard]] std::vector<SeatLiveStatus> room() const;
    [[nodiscard]] std::vector<LinkNotice> notices() const;
    // The replica of every sitting's journal received so far (see journal_replica.h).
    [[nodiscard]] std::vector<ReplicaSitting> sittings() const;
    [[nodiscard]] std::vector<std::string> journal(const std::string& sittingId) const;
    // Runs `use` on the replica under the hub's lock (keep it short): moving a sitting reads its
    // signed head and records the hand-over there (sitting_move.h).
    void withReplica(const std::function<void(JournalReplica&)>& use) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vigil::sync
