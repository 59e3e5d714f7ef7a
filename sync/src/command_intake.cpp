#include "vigil/sync/command_intake.h"

#include "vigil/crypto/hash.h"

namespace vigil::sync {

CommandIntake::CommandIntake(crypto::SigningPublicKey consoleKey, std::string seat)
    : consoleKey_(consoleKey)
    , seat_(std::move(seat)) {}

void CommandIntake::setHandler(CommandHandler handler) {
    handler_ = std::move(handler);
}

CommandResult CommandIntake::take(const ConsoleCommand& command, store::Database& db,
                                  std::int64_t nowMs) {
    const auto refused = [&](std::string reason) {
        return CommandResult{command.commandId, false, std::move(reason), false};
    };
    if (!verifyCommand(command, consoleKey_)) {
        return refused("the command is not signed by the console this PC trusts (console key " +
                       crypto::toHex(crypto::keyIdOf(consoleKey_)) +
                       "): another console or an altered command; nothing was applied");
    }
    if (command.seat != seat_) {
        return refused("the command is for " + command.seat + "; this PC is " + seat_ +
                       ": nothing was applied");
    }
    CommandLedger ledger(db);
    if (const auto earlier = ledger.find(command.commandId)) {
        if (earlier->result) {
            auto answer = *earlier->result; // a replay: the same answer, nothing applied again
            answer.repeated = true;
            return answer;
        }
        return refused("this command was interrupted while it was being applied (the kiosk "
                       "stopped); it is not applied again: check the seat and send a new one");
    }
    if (!handler_) {
        return refused("this PC does not take commands yet: nothing was applied");
    }
    if (!ledger.recordReceived(command, nowMs)) {
        return refused("this command id is already recorded: nothing was applied");
    }
    CommandResult result;
    try {
        result = handler_(command);
    } catch (const std::exception& error) {
        // Recorded as refused: a replay must not try again what failed half-way.
        result = refused(std::string("the kiosk could not apply it: ") + error.what());
    }
    result.commandId = command.commandId;
    ledger.recordResult(result);
    return result;
}

} // namespace vigil::sync
