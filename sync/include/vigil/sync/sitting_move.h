#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/checked.h"
#include "vigil/sync/console_command.h"
#include "vigil/sync/console_hub.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// Moving a sitting to a spare PC, on the console (docs/link-protocol.md, "Moving a sitting").
// The console holds each sitting's journal as the kiosk wrote it (the replica, chained and with
// the kiosk's signed head), so it can carry a sitting to another PC without the one it leaves:
//   1. the old PC, if connected, is told (`sitting-moved`): it journals SittingMoved, shows
//      "moved to PC12" and changes that sitting no more; the console waits until that event is
//      in its replica. A dead old PC is passed over only when the invigilator confirmed it is
//      dead; it is told when it comes back (remindMovedAway);
//   2. the hand-over is recorded in the replica (the new PC's events extend the chain from here;
//      the old PC's later ones are refused);
//   3. the new PC gets `move-sitting-here`: the journal as the replica holds it, the key that
//      signed its head (the old PC's, which the console vouches for by signing the command), the
//      assignment for its seat and the content key sealed to it. It verifies, stores, journals
//      SittingMovedHere, and the candidate resumes after an invigilator's login.
namespace vigil::sync {

// --- the command bodies

struct SittingMovedOrder {
    std::string sittingId;
    std::string toSeat;
};
[[nodiscard]] std::string sittingMovedBody(const SittingMovedOrder& order);
[[nodiscard]] exam::Checked<SittingMovedOrder, std::string>
readSittingMovedBody(const std::string& body);

struct MoveHereOrder {
    std::string sittingId;
    std::string fromSeat;
    crypto::SigningPublicKey fromKioskKey{};    // signed the journal's head
    std::vector<std::uint8_t> journal;          // exam::journalDocument
    std::vector<std::uint8_t> assignment;       // signed, for the new seat, naming its PC's key
    std::vector<std::uint8_t> sealedContentKey; // sealed to the new PC's key
};
[[nodiscard]] std::string moveHereBody(const MoveHereOrder& order);
[[nodiscard]] exam::Checked<MoveHereOrder, std::string> readMoveHereBody(const std::string& body);

// --- the console's side

struct MoveRequest {
    std::string sittingId;
    std::string toSeat;
    std::vector<std::uint8_t> assignment;       // the new seat's signed assignment
    std::vector<std::uint8_t> sealedContentKey; // the package's content key sealed to its PC
    // The invigilator confirmed the old PC is dead: the move goes on without telling it.
    bool oldPcConfirmedDead = false;
    // How long the old PC's SittingMoved may take to reach the replica.
    std::chrono::milliseconds journalWait{10'000};
};

enum class MoveStage {
    TellingOldPc,         // sitting-moved sent, its answer awaited
    WaitingForOldJournal, // the old PC applied it; its SittingMoved has not reached the replica
    SendingToNewPc,       // move-sitting-here sent, its answer awaited
    Moved,
    Refused, // reason() says why; the sitting stays where it was
};

// One move in progress, advanced by step() (from a timer of the console's, or a test's loop):
// nothing here blocks, so the hub's thread and the kiosks' never wait on the console's.
class SittingMove {
public:
    SittingMove(ConsoleHub& hub, MoveRequest request);

    MoveStage step();
    [[nodiscard]] MoveStage stage() const;
    [[nodiscard]] std::string reason() const;
    [[nodiscard]] bool oldPcTold() const;
    // The command sent to the new PC (to send again with the same id after a lost answer).
    [[nodiscard]] std::optional<ConsoleCommand> moveHereCommand() const;

private:
    void start();
    void sendToNewPc();
    void refuse(std::string reason);

    ConsoleHub& hub_;
    MoveRequest request_;
    std::string fromSeat_;
    crypto::SigningPublicKey toKey_{};
    std::chrono::steady_clock::time_point waitingSince_{};
    mutable std::mutex mutex_;
    MoveStage stage_ = MoveStage::TellingOldPc;
    bool started_ = false;
    bool oldPcTold_ = false;
    // The PCs' answers, written by the hub's callbacks on its network thread. The callbacks
    // share the box, not the move: a move dropped while a command is in flight (the live room
    // closed) leaves them nothing dangling to write to.
    struct Answers {
        std::mutex mutex;
        std::optional<CommandResult> oldPc;
        std::optional<CommandResult> newPc;
    };
    std::shared_ptr<Answers> answers_ = std::make_shared<Answers>();
    std::optional<ConsoleCommand> moveHere_;
    std::string reason_;
};

// Tells every old PC that was dead when its sitting moved, once it is connected again, that the
// sitting has moved (step() from a timer of the console's). A PC that applies it is not told
// again; the kiosk applies a repeat as already done.
class MovedAwayReminder {
public:
    explicit MovedAwayReminder(ConsoleHub& hub);
    // Sends to each untold old PC that is connected (one command in flight per sitting) and
    // records those that answered; the number of commands sent now.
    int step();

private:
    ConsoleHub& hub_;
    // Shared with the hub's callbacks (its network thread), which may answer after the
    // reminder is gone.
    struct Sent {
        std::mutex mutex;
        // Sitting ids sent to and when: one whose answer never came (the PC went away again)
        // is sent again after a while.
        std::vector<std::pair<std::string, std::chrono::steady_clock::time_point>> inFlight;
        std::vector<std::string> told; // answered applied, not yet recorded
    };
    std::shared_ptr<Sent> sent_ = std::make_shared<Sent>();
};

} // namespace vigil::sync
