#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/sitting_order.h"
#include "vigil/store/database.h"
#include "vigil/sync/console_command.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace vigil::kiosk {

// What the seat's commands act on: its files, the keys it trusts and holds, its store, and the
// session (through callbacks, so this stays plain C++ and testable without a window).
struct SeatCommandContext {
    std::filesystem::path assignmentFile;
    std::filesystem::path packageFile;
    exam::SeatIdentity seat;
    crypto::SigningPublicKey assignmentIssuer{};
    crypto::SigningPublicKey packageSigner{};
    const crypto::SigningKeyPair* kioskKeys = nullptr;
    store::Database* db = nullptr; // the kiosk's store (launch keys)
    std::function<std::int64_t()> nowMs;
    // true while the session has its seat open with a content key: a launch is not needed.
    std::function<bool()> seatOpen;
    // true while a sitting is under way at the seat (not Locked, or one waits to be resumed):
    // assignments are refused.
    std::function<bool()> sittingUnderWay;
    // The seat's files or launch key changed: the seat is opened again now (the start-up steps
    // when Out of service; the session takes it when Locked).
    std::function<void()> reloadSeat;
    // The open sitting applies an order (SessionController::applySittingOrder): empty when
    // applied, else why not.
    std::function<std::string(const SittingOrder&)> applyToSitting;
};

// The kiosk's side of the console's commands, once the link has verified them (signature,
// seat, at most once: sync/command_intake.h). Each is checked again for what it carries and
// applied, or refused with the reason the console shows; nothing is half-applied:
//   deliver-assignment  the signed assignment is opened as the kiosk opens its file (issuer,
//                       seat, this PC's key, validity) and written atomically over the seat's
//                       assignment file; refused while a sitting is under way
//   launch              the content key sealed to this PC is opened with this PC's key and
//                       must open the package the assignment names; kept (sealed) in the
//                       store for that assignment (LaunchKeys) until the sitting ends
//   pause, resume, extra-time, void, authorise-resume   the open sitting's own operations, each
//                       journalled with the command id as its actor
//   sitting-moved       the open sitting is given up (SittingMoved journalled, the seat says
//                       where it went, its launch key forgotten); a repeat for a sitting this PC
//                       already gave up is answered as applied, writing nothing
//   move-sitting-here   a spare PC takes a sitting on (seat_move_commands.cpp): refused while a
//                       sitting is under way here; the assignment, content key and journal are
//                       all checked (the journal's chain and its head signed by the key the
//                       console names) before anything is written
class SeatCommands {
public:
    explicit SeatCommands(SeatCommandContext context);

    [[nodiscard]] sync::CommandResult apply(const sync::ConsoleCommand& command);

private:
    sync::CommandResult deliverAssignment(const sync::ConsoleCommand& command);
    sync::CommandResult launch(const sync::ConsoleCommand& command);
    sync::CommandResult toSitting(const sync::ConsoleCommand& command);
    sync::CommandResult sittingMoved(const sync::ConsoleCommand& command);
    sync::CommandResult moveSittingHere(const sync::ConsoleCommand& command);

    SeatCommandContext context_;
};

} // namespace vigil::kiosk
