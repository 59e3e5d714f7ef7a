// The kiosk's side of moving a sitting to a spare PC (sync/sitting_move.h): the PC it leaves
// gives it up, the spare PC takes it on.
#include "vigil/crypto/hash.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/launch_keys.h"
#include "vigil/kiosk/seat_commands.h"
#include "vigil/sync/sitting_move.h"

#include <optional>

namespace vigil::kiosk {
namespace {

sync::CommandResult moveApplied(const sync::ConsoleCommand& command) {
    return {command.commandId, true, {}, false};
}

sync::CommandResult moveRefused(const sync::ConsoleCommand& command, std::string reason) {
    return {command.commandId, false, std::move(reason), false};
}

std::optional<exam::SittingSummary> storedSitting(store::Database& db,
                                                  const std::string& sittingId) {
    for (auto& summary : exam::SittingJournal::list(db)) {
        if (summary.sittingId == sittingId) {
            return summary;
        }
    }
    return std::nullopt;
}

bool isStarted(exam::SittingState state) {
    using S = exam::SittingState;
    return state == S::InProgress || state == S::Paused || state == S::Interrupted ||
           state == S::Moved;
}

} // namespace

sync::CommandResult SeatCommands::sittingMoved(const sync::ConsoleCommand& command) {
    auto order = sync::readSittingMovedBody(command.body);
    if (!order) {
        return moveRefused(command, order.error());
    }
    const auto& moved = order.value();
    const auto stored = storedSitting(*context_.db, moved.sittingId);
    if (!stored) {
        return moveRefused(command, "this PC holds no sitting " + moved.sittingId);
    }
    if (stored->state == exam::SittingState::Moved) {
        // Told again (it was dead when the sitting moved, or the answer was lost): it already
        // gave the sitting up and writes nothing now.
        return moveApplied(command);
    }
    SittingOrder sittingOrder;
    sittingOrder.kind = SittingOrder::Kind::MoveAway;
    sittingOrder.commandId = command.commandId;
    sittingOrder.toSeat = moved.toSeat;
    sittingOrder.sittingId = moved.sittingId;
    if (!context_.applyToSitting) {
        return moveRefused(command, "no sitting is open at this PC");
    }
    if (auto why = context_.applyToSitting(sittingOrder); !why.empty()) {
        return moveRefused(command, why);
    }
    // The sitting has left: the key launched for it goes with it.
    if (auto bytes = exam::readSeatAssignmentFile(context_.assignmentFile)) {
        LaunchKeys(*context_.db).forget(crypto::blake2b(bytes.value()));
    }
    return moveApplied(command);
}

sync::CommandResult SeatCommands::moveSittingHere(const sync::ConsoleCommand& command) {
    auto read = sync::readMoveHereBody(command.body);
    if (!read) {
        return moveRefused(command, read.error() + ": nothing was applied");
    }
    const auto& order = read.value();
    const auto nothing = std::string(": nothing was applied");
    if (context_.sittingUnderWay && context_.sittingUnderWay()) {
        return moveRefused(command, "a sitting is under way at this PC: it cannot take another "
                                    "one on" +
                                        nothing);
    }
    // The assignment for this seat, checked as the kiosk checks its file.
    auto assignment =
        exam::openSeatAssignment(order.assignment, context_.assignmentIssuer, context_.seat,
                                 context_.kioskKeys->publicKey, context_.nowMs());
    if (!assignment) {
        return moveRefused(command, exam::describe(assignment.error()) + nothing);
    }
    // The content key sealed to this PC must open the package that assignment names.
    if (order.sealedContentKey.size() != exam::kSealedContentKeyBytes) {
        return moveRefused(command, "the command carries no sealed content key of " +
                                        std::to_string(exam::kSealedContentKeyBytes) + " bytes" +
                                        nothing);
    }
    auto contentKey =
        exam::openContentKeySealedToKiosk(order.sealedContentKey, *context_.kioskKeys);
    if (!contentKey) {
        return moveRefused(command, exam::describe(contentKey.error()) + nothing);
    }
    auto package = exam::readPackageFile(context_.packageFile);
    if (!package) {
        return moveRefused(command, exam::describe(package.error()) + nothing);
    }
    if (auto matches = exam::checkPackageMatches(assignment.value(), package.value()); !matches) {
        return moveRefused(command, exam::describe(matches.error()) + nothing);
    }
    if (auto opens = exam::openPackageWithContentKey(package.value(), context_.packageSigner,
                                                     contentKey.value());
        !opens) {
        return moveRefused(command, exam::describe(opens.error()) + nothing);
    }
    // The journal: one chain whose head the PC it comes from signed (the console names that
    // key and signs for it), of this assignment's candidate, assessment and session.
    exam::SittingSnapshot journal;
    try {
        journal = exam::readJournalDocument(order.journal, order.fromKioskKey);
    } catch (const exam::SittingError& error) {
        return moveRefused(command, std::string("the sitting's journal is refused: ") +
                                        error.what() + nothing);
    }
    const auto& header = journal.header;
    const auto& seat = assignment.value();
    if (header.sittingId != order.sittingId ||
        header.candidateRegistration != seat.registrationNumber ||
        header.assessmentId != seat.assessmentId || header.sessionId != seat.sessionId ||
        header.packageDigest != exam::packageDigest(package.value())) {
        return moveRefused(command, "the journal is not of the candidate, assessment and session "
                                    "this seat's assignment names" +
                                        nothing);
    }
    if (!isStarted(journal.state)) {
        return moveRefused(command, "the sitting is " + std::string(exam::toString(journal.state)) +
                                        ": only a started sitting moves" + nothing);
    }

    try {
        exam::importMovedJournal(
            *context_.db, order.journal, order.fromKioskKey, *context_.kioskKeys,
            {context_.seat.seatLabel, "console command " + command.commandId, context_.nowMs()});
    } catch (const exam::SittingError& error) {
        return moveRefused(command, error.what() + nothing);
    }
    if (auto written = exam::writeSeatAssignmentFile(context_.assignmentFile, order.assignment);
        !written) {
        return moveRefused(command, exam::describe(written.error()));
    }
    const auto digest = crypto::blake2b(order.assignment);
    LaunchKeys keys(*context_.db);
    keys.forgetAllBut(digest);
    keys.remember(digest, order.sealedContentKey, command.commandId, context_.nowMs());
    if (context_.reloadSeat) {
        context_.reloadSeat(); // the session finds the sitting here, Interrupted
    }
    return moveApplied(command);
}

} // namespace vigil::kiosk
