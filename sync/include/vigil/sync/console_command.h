#pragma once

#include "vigil/crypto/signing.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The console's commands to one kiosk, and what makes one trustworthy on its own: an id, the
// seat it is for, what to do, when it was issued, a JSON body, and the console's Ed25519
// signature over all of it. The signature, not the connection, is what a kiosk checks: a command
// keeps its meaning in a log or a journal after the connection is gone, and a command signed by
// any key other than the console's the kiosk pinned is refused whatever carried it.
namespace vigil::sync {

// What a command asks of the kiosk (docs/link-protocol.md names each and its body).
enum class CommandKind {
    DeliverAssignment, // body {"assignment": base64 of a signed seat assignment}
    Launch,            // body {"sealedContentKey": hex, 80 bytes sealed to the kiosk's key}
    Pause,             // body {"reason": text}
    Resume,            // body {}
    GrantExtraTime,    // body {"minutes": 1..600, "reason": text}
    Void,              // body {"reason": text}
    AuthoriseResume,   // body {"invigilatorId": text}: resume after a crash
    SittingMoved,      // to the PC a sitting left: sitting_move.h (sittingMovedBody)
    MoveSittingHere,   // to the spare PC: its journal, assignment and content key (moveHereBody)
};

inline constexpr std::array<std::string_view, 9> kCommandKindNames{"deliver-assignment",
                                                                   "launch",
                                                                   "pause",
                                                                   "resume",
                                                                   "extra-time",
                                                                   "void",
                                                                   "authorise-resume",
                                                                   "sitting-moved",
                                                                   "move-sitting-here"};

[[nodiscard]] std::string_view nameOf(CommandKind kind) noexcept;
[[nodiscard]] std::optional<CommandKind> commandKindNamed(std::string_view name) noexcept;

// Every field the signature covers, as the message carries it.
struct ConsoleCommand {
    std::string commandId; // 32 lower-case hex characters: 128 random bits
    std::string seat;      // the seat label it is for, "PC07"
    CommandKind kind = CommandKind::Pause;
    std::int64_t issuedAtMs = 0; // the console's clock
    std::string body;            // a compact JSON object, exactly the bytes signed
    std::string signatureHex;    // Ed25519 over commandSigningBytes, 128 hex characters
    bool operator==(const ConsoleCommand&) const = default;
};

// What the kiosk answers, once per command id (a replay gets the same answer).
struct CommandResult {
    std::string commandId;
    bool applied = false;
    std::string reason; // refused: why, in words the console shows
    // true: this id was taken up before; this is the answer recorded then, nothing was applied
    // now (a resend after a lost answer, or a replay).
    bool repeated = false;
    bool operator==(const CommandResult&) const = default;
};

// The signature's context tag: no other Vigil signature starts with it.
inline constexpr std::string_view kConsoleCommandTag = "vigil/console-command/v1";

// The tag, then commandId, seat, kind name (each as a u32 little-endian length and its bytes),
// issuedAtMs (i64 little-endian) and the body (length-prefixed): no two commands share bytes.
[[nodiscard]] std::string commandSigningBytes(const ConsoleCommand& command);

// A fresh id (crypto random) and the console's signature.
[[nodiscard]] ConsoleCommand signCommand(std::string seat, CommandKind kind,
                                         std::int64_t issuedAtMs, std::string body,
                                         const crypto::SigningKeyPair& console);
// Re-signs `command` as it stands (tests: a command signed by another key).
void resign(ConsoleCommand& command, const crypto::SigningKeyPair& signer);

[[nodiscard]] bool verifyCommand(const ConsoleCommand& command,
                                 const crypto::SigningPublicKey& console) noexcept;

// true for 32 lower-case hex characters.
[[nodiscard]] bool isCommandId(std::string_view id) noexcept;

} // namespace vigil::sync
