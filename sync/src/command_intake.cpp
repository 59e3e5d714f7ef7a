#include "vigil/sync/command_intake.h"

#include "vigil/crypto/hash.h"

#include <QDateTime>

namespace vigil::sync {
namespace {

std::string clockText(std::int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
        .toStdString();
}

// To the nearest minute: "12 min".
std::string minutesText(std::int64_t ms) {
    return std::to_string((ms + 30'000) / 60'000) + " min";
}

} // namespace

std::optional<std::string> commandAgeRefusal(std::int64_t issuedAtMs, std::int64_t nowMs) {
    const auto limit = kMaxCommandAge.count();
    const auto limitText = std::to_string(limit / 60'000) + " minutes";
    if (nowMs - issuedAtMs > limit) {
        return "the command was issued at " + clockText(issuedAtMs) + " by the console's clock, " +
               minutesText(nowMs - issuedAtMs) + " before this PC's clock (" + clockText(nowMs) +
               "); a command older than " + limitText +
               " is not applied (it was held back, or the two clocks differ): nothing was "
               "applied; send a new one if it is still meant";
    }
    if (issuedAtMs - nowMs > limit) {
        return "the command was issued at " + clockText(issuedAtMs) + " by the console's clock, " +
               minutesText(issuedAtMs - nowMs) + " ahead of this PC's clock (" + clockText(nowMs) +
               "); the console's and this PC's clocks differ by more than " + limitText +
               ": nothing was applied; set both clocks right";
    }
    return std::nullopt;
}

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
    if (auto stale = commandAgeRefusal(command.issuedAtMs, nowMs)) {
        return refused(std::move(*stale));
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
