#include "vigil/sync/console_command.h"

#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"

#include <algorithm>

namespace vigil::sync {
namespace {

void appendLength(std::string& out, std::size_t size) {
    const auto length = static_cast<std::uint32_t>(size);
    for (int i = 0; i < 4; ++i) {
        out.push_back(static_cast<char>(length >> (8 * i)));
    }
}

void appendPart(std::string& out, std::string_view part) {
    appendLength(out, part.size());
    out.append(part);
}

std::span<const std::uint8_t> bytesOf(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

} // namespace

std::string_view nameOf(CommandKind kind) noexcept {
    return kCommandKindNames[static_cast<std::size_t>(kind)];
}

std::optional<CommandKind> commandKindNamed(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kCommandKindNames.size(); ++i) {
        if (kCommandKindNames[i] == name) {
            return CommandKind(i);
        }
    }
    return std::nullopt;
}

std::string commandSigningBytes(const ConsoleCommand& command) {
    std::string out(kConsoleCommandTag);
    appendPart(out, command.commandId);
    appendPart(out, command.seat);
    appendPart(out, nameOf(command.kind));
    const auto issued = static_cast<std::uint64_t>(command.issuedAtMs);
    for (int i = 0; i < 8; ++i) {
        out.push_back(static_cast<char>(issued >> (8 * i)));
    }
    appendPart(out, command.body);
    return out;
}

void resign(ConsoleCommand& command, const crypto::SigningKeyPair& signer) {
    command.signatureHex =
        crypto::toHex(crypto::sign(signer, bytesOf(commandSigningBytes(command))));
}

ConsoleCommand signCommand(std::string seat, CommandKind kind, std::int64_t issuedAtMs,
                           std::string body, const crypto::SigningKeyPair& console) {
    ConsoleCommand command{crypto::toHex(crypto::randomBytes(16)),
                           std::move(seat),
                           kind,
                           issuedAtMs,
                           std::move(body),
                           {}};
    resign(command, console);
    return command;
}

bool verifyCommand(const ConsoleCommand& command,
                   const crypto::SigningPublicKey& console) noexcept {
    crypto::Signature signature{};
    if (command.signatureHex.size() != 2 * signature.size() ||
        !crypto::fromHex(command.signatureHex, signature)) {
        return false;
    }
    try {
        return crypto::verifySignature(console, bytesOf(commandSigningBytes(command)), signature);
    } catch (...) {
        return false;
    }
}

bool isCommandId(std::string_view id) noexcept {
    return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace vigil::sync
