#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/store/database.h"
#include "vigil/sync/command_ledger.h"
#include "vigil/sync/console_command.h"

#include <functional>
#include <string>

// The kiosk's door for console commands, apart from the network: every command is checked before
// anything is applied, and applied at most once.
//   1. signed by the console key this kiosk pinned (refused otherwise: "signed by another key");
//   2. for this seat (refused otherwise: "for PC08; this PC is PC07");
//   3. its id not yet in the ledger (a replay is answered with the recorded result, never
//      applied again; an id recorded without an outcome was interrupted and is not retried);
//   4. recorded as received, handed to the kiosk's handler, its outcome recorded.
// Refusals at 1 and 2 are not recorded: a forged command must not claim an id the console may
// still use. The handler runs on the caller's thread.
namespace vigil::sync {

// Applies one verified command for this seat; returns whether it did and, if not, why. Its
// commandId is filled in by the intake.
using CommandHandler = std::function<CommandResult(const ConsoleCommand&)>;

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
