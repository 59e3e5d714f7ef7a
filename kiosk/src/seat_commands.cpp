#include "vigil/kiosk/seat_commands.h"

#include "vigil/crypto/hash.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/launch_keys.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <optional>

namespace vigil::kiosk {
namespace {

constexpr int kMaxExtraMinutes = 600;

sync::CommandResult applied(const sync::ConsoleCommand& command) {
    return {command.commandId, true, {}, false};
}

sync::CommandResult refused(const sync::ConsoleCommand& command, std::string reason) {
    return {command.commandId, false, std::move(reason), false};
}

QJsonObject bodyOf(const sync::ConsoleCommand& command) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(command.body)).object();
}

// A text field of the body, or none when missing, not text or empty.
std::optional<std::string> textField(const QJsonObject& body, const char* name) {
    const auto value = body.value(QLatin1String(name));
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        return std::nullopt;
    }
    return value.toString().toStdString();
}

} // namespace

SeatCommands::SeatCommands(SeatCommandContext context)
    : context_(std::move(context)) {}

sync::CommandResult SeatCommands::apply(const sync::ConsoleCommand& command) {
    switch (command.kind) {
    case sync::CommandKind::DeliverAssignment:
        return deliverAssignment(command);
    case sync::CommandKind::Launch:
        return launch(command);
    case sync::CommandKind::SittingMoved:
        return sittingMoved(command);
    case sync::CommandKind::MoveSittingHere:
        return moveSittingHere(command);
    default:
        return toSitting(command);
    }
}

sync::CommandResult SeatCommands::deliverAssignment(const sync::ConsoleCommand& command) {
    const auto encoded = textField(bodyOf(command), "assignment");
    if (!encoded) {
        return refused(command, "the command carries no assignment");
    }
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(*encoded),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return refused(command, "the assignment is not base64");
    }
    const QByteArray& raw = decoded.decoded;
    const std::vector<std::uint8_t> bytes(raw.begin(), raw.end());
    // Checked exactly as the kiosk checks its file, before anything is written.
    auto opened = exam::openSeatAssignment(bytes, context_.assignmentIssuer, context_.seat,
                                           context_.kioskKeys->publicKey, context_.nowMs());
    if (!opened) {
        return refused(command, exam::describe(opened.error()) + ": nothing was written");
    }
    if (context_.sittingUnderWay && context_.sittingUnderWay()) {
        return refused(command, "a sitting is under way at this PC: its assignment is not "
                                "replaced mid-sitting; nothing was written");
    }
    if (auto written = exam::writeSeatAssignmentFile(context_.assignmentFile, bytes); !written) {
        return refused(command, exam::describe(written.error()));
    }
    // A key launched for the assignment this one replaces opens nothing for it any more.
    LaunchKeys(*context_.db).forgetAllBut(crypto::blake2b(bytes));
    if (context_.reloadSeat) {
        context_.reloadSeat();
    }
    return applied(command);
}

sync::CommandResult SeatCommands::launch(const sync::ConsoleCommand& command) {
    const auto hex = textField(bodyOf(command), "sealedContentKey");
    std::vector<std::uint8_t> sealed(exam::kSealedContentKeyBytes);
    if (!hex || hex->size() != 2 * sealed.size() || !crypto::fromHex(*hex, sealed)) {
        return refused(command, "the command carries no sealed content key of " +
                                    std::to_string(sealed.size()) + " bytes");
    }
    if (context_.seatOpen && context_.seatOpen()) {
        return refused(command, "this PC's seat is already open with its content key: it needs "
                                "no launch");
    }
    auto contentKey = exam::openContentKeySealedToKiosk(sealed, *context_.kioskKeys);
    if (!contentKey) {
        return refused(command, exam::describe(contentKey.error()));
    }
    // It must open the package the seat's assignment names, or it is kept for nothing.
    auto assignmentBytes = exam::readSeatAssignmentFile(context_.assignmentFile);
    if (!assignmentBytes) {
        return refused(command, "there is no seat assignment to launch: " +
                                    exam::describe(assignmentBytes.error()));
    }
    auto assignment =
        exam::openSeatAssignment(assignmentBytes.value(), context_.assignmentIssuer, context_.seat,
                                 context_.kioskKeys->publicKey, context_.nowMs());
    if (!assignment) {
        return refused(command, exam::describe(assignment.error()));
    }
    auto package = exam::readPackageFile(context_.packageFile);
    if (!package) {
        return refused(command, exam::describe(package.error()));
    }
    if (auto matches = exam::checkPackageMatches(assignment.value(), package.value()); !matches) {
        return refused(command, exam::describe(matches.error()));
    }
    if (auto opens = exam::openPackageWithContentKey(package.value(), context_.packageSigner,
                                                     contentKey.value());
        !opens) {
        return refused(command, exam::describe(opens.error()));
    }
    LaunchKeys(*context_.db)
        .remember(crypto::blake2b(assignmentBytes.value()), sealed, command.commandId,
                  context_.nowMs());
    if (context_.reloadSeat) {
        context_.reloadSeat();
    }
    return applied(command);
}

sync::CommandResult SeatCommands::toSitting(const sync::ConsoleCommand& command) {
    const auto body = bodyOf(command);
    SittingOrder order;
    order.commandId = command.commandId;
    switch (command.kind) {
    case sync::CommandKind::Pause:
        order.kind = SittingOrder::Kind::Pause;
        break;
    case sync::CommandKind::Resume:
        order.kind = SittingOrder::Kind::Resume;
        break;
    case sync::CommandKind::GrantExtraTime: {
        order.kind = SittingOrder::Kind::GrantExtraTime;
        const double minutes = body.value(QLatin1String("minutes")).toDouble(-1);
        if (std::floor(minutes) != minutes || minutes < 1 || minutes > kMaxExtraMinutes) {
            return refused(command, "extra time is a whole number of minutes from 1 to " +
                                        std::to_string(kMaxExtraMinutes));
        }
        order.minutes = int(minutes);
        break;
    }
    case sync::CommandKind::Void:
        order.kind = SittingOrder::Kind::Void;
        break;
    case sync::CommandKind::AuthoriseResume:
        order.kind = SittingOrder::Kind::AuthoriseResume;
        break;
    default:
        return refused(command, "not a command for the sitting");
    }
    if (order.kind == SittingOrder::Kind::Pause || order.kind == SittingOrder::Kind::Void ||
        order.kind == SittingOrder::Kind::GrantExtraTime) {
        const auto reason = textField(body, "reason");
        if (!reason) {
            return refused(command, "the command gives no reason");
        }
        order.reason = *reason;
    }
    if (!context_.applyToSitting) {
        return refused(command, "no sitting is open at this PC");
    }
    if (auto why = context_.applyToSitting(order); !why.empty()) {
        return refused(command, why);
    }
    if (order.kind == SittingOrder::Kind::Void && context_.db) {
        // The sitting has ended: the key launched for it goes with it.
        if (auto bytes = exam::readSeatAssignmentFile(context_.assignmentFile)) {
            LaunchKeys(*context_.db).forget(crypto::blake2b(bytes.value()));
        }
    }
    return applied(command);
}

} // namespace vigil::kiosk
