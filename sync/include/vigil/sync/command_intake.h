#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/store/database.h"
#include "vigil/sync/command_ledger.h"
#include "vigil/sync/console_command.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

// The kiosk's door for console commands, apart from the network: every command is checked before
// anything is applied, and applied at most once.
//   1. signed by the console key this kiosk pinned (refused otherwise: "signed by another key");
//   2. for this seat (refused otherwise: "for PC08; this PC is PC07");
//   3. its id not yet in the ledger (a replay is answered with the recorded result, never
//      applied again; an id recorded without an outcome was interrupted and is not retried);
//   4. issued within kMaxCommandAge of the kiosk's clock, either way (refused otherwise: "issued
//      … 12 min before this PC's clock; a command older than 10 minutes is not applied");
//   5. recorded as received, handed to the kiosk's handler, its outcome recorded.
// Refusals at 1, 2 and 4 are not recorded: a forged command must not claim an id the console
// may still use, and a stale one is stale again whenever it comes back. A replay (3) keeps its
// recorded answer however old it is. The handler runs on the caller's thread.
namespace vigil::sync {

// Applies one verified command for this seat; returns whether it did and, if not, why. Its
// commandId is filled in by the intake.
using CommandHandler = std::function<CommandResult(const ConsoleCommand&)>;

// How far a command's issue time (the console's clock) may be from the kiosk's clock when it is
// taken up: an invigilator's decision is meant for the moment it was made, so a command held
// back longer (a queue, a capture played back later) is refused and the console sends a new
// one. The same bound applies ahead of the kiosk's clock, so the check also tolerates up to 10
// minutes of disagreement between the two clocks and names the clocks when they differ by more
// (sync/README.md, "How old a command may be").
inline constexpr std::chrono::milliseconds kMaxCommandAge = std::chrono::minutes(10);

// Why a command issued at `issuedAtMs` (the console's clock) is too old, or too far ahead, to
// apply at `nowMs` (the kiosk's clock); nullopt within kMaxCommandAge either way.
[[nodiscard]] std::optional<std::string> commandAgeRefusal(std::int64_t issuedAtMs,
                                                           std::int64_t nowMs);

class CommandIntake {
public:
    CommandIntake(crypto::SigningPublicKey consoleKey, std::string seat);

    void setHandler(CommandHandler handler);
    [[nodiscard]] bool hasHandler() const { return static_cast<bool>(handler_); }

    // `db` is the kiosk's store, holding CommandLedger::schemaSql(). Throws store::StoreError
    // when the store cannot be written (nothing is applied then).
    [[nodiscard]] CommandResult take(const ConsoleCommand& command, store::Database& db,
                                     std::int64_t nowMs);

private:
    crypto::SigningPublicKey consoleKey_{};
    std::string seat_;
    CommandHandler handler_;
};

} // namespace vigil::sync
