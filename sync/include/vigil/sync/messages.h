#pragma once

#include "vigil/sync/console_command.h"
#include "vigil/sync/frame.h"
#include "vigil/sync/link_error.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

// The link's messages, version 1: one JSON object per frame, the frame's type byte saying
// which. docs/link-protocol.md has a table per message (fields, limits, who sends it, what the
// receiver does with a bad one). Decoding is strict about what a message needs (every field
// present with its type, within its limit) and ignores fields it does not know, so a newer
// build may add optional fields without a new version.
namespace vigil::sync {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kMaxTextField = 4 * 1024;      // a label, a reason, an id
inline constexpr std::size_t kMaxEventsPerMessage = 1'000;  // a journal batch
inline constexpr std::size_t kMaxEventBytes = 256 * 1024;   // one event's canonical JSON
inline constexpr std::size_t kMaxSittingsPerKiosk = 10'000; // HelloReply.acknowledged
// HelloReply.heartbeatMs: the console's heartbeat setting. At most a third of the link's read
// timeout (LinkLimits::readTimeout, 15 s), so a kiosk that keeps to it is never dropped as idle.
inline constexpr std::int64_t kMinHeartbeatMs = 200;
inline constexpr std::int64_t kMaxHeartbeatMs = 5'000;
// A heartbeat setting brought into that range: what the console uses and tells its kiosks.
[[nodiscard]] constexpr std::chrono::milliseconds
heartbeatInRange(std::chrono::milliseconds interval) noexcept {
    return std::chrono::milliseconds(
        std::clamp<std::int64_t>(interval.count(), kMinHeartbeatMs, kMaxHeartbeatMs));
}
// ConsoleCommand.body: a signed seat assignment (base64) fits, within the 4 MiB frame.
inline constexpr std::size_t kMaxCommandBodyBytes = 3 * 1024 * 1024;
// SittingResult.sealed: one sealed result record (a 200-item paper's is ~30 KiB).
inline constexpr std::size_t kMaxSealedResultBytes = 1024 * 1024;

enum class MessageType : std::uint8_t {
    Hello = 1,
    HelloReply = 2,
    KioskStatus = 3,
    JournalEvents = 4,
    JournalAck = 5,
    JournalRefused = 6,
    ConsoleCommand = 7, // console -> kiosk, signed (console_command.h)
    CommandResult = 8,  // kiosk -> console
    SittingResult = 9,  // kiosk -> console: a sitting's sealed result record
    ResultAck = 10,     // console -> kiosk
};

// Kiosk -> console, the first message on every connection.
struct Hello {
    int protocol = kProtocolVersion;
    std::string centreId;
    std::string seat;     // seat.conf's label, "PC07"
    std::string software; // "vigil-kiosk 0.1.0"
    bool operator==(const Hello&) const = default;
};

// Console -> kiosk: every event of the sitting up to and including `through` is in the
// console's replica, verified. The kiosk sends from through + 1 next time.
struct JournalAck {
    std::string sittingId;
    std::int64_t through = -1;
    bool operator==(const JournalAck&) const = default;
};

// Console -> kiosk, the answer to Hello. A kiosk that is not Enrolled sends nothing but
// status until it is (its journal waits in its store).
struct HelloReply {
    enum class Standing { Enrolled, AwaitingEnrolment, Refused };
    Standing standing = Standing::AwaitingEnrolment;
    std::string reason;      // Refused: what the console shows ("PC07 presented a different key")
    std::string consoleName; // for the kiosk's Locked screen
    // Enrolled: for every sitting of this kiosk the console holds, how far its replica goes.
    // The kiosk sends each sitting from there on, and a sitting the console holds further than
    // the kiosk's own store (a restored or deleted store) shows the kiosk was rolled back.
    std::vector<JournalAck> acknowledged;
    // Enrolled: how often the console expects the kiosk's status (the console's heartbeat
    // setting, kMinHeartbeatMs..kMaxHeartbeatMs); it counts a seat silent for N of them as not
    // connected. 0: not said (a console from before the setting): the kiosk keeps its own.
    std::int64_t heartbeatMs = 0;
    bool operator==(const HelloReply&) const = default;
};

// Kiosk -> console, on every change of screen and as the heartbeat.
struct KioskStatus {
    std::string screen;    // "Locked", "Question", "Paused", "OutOfService", ...
    std::string sittingId; // empty when no sitting is open
    int position = 0;      // question n (1-based) of questionCount, on the question screens
    int questionCount = 0;
    std::int64_t secondsLeft = 0;
    std::string problem; // OutOfService: what the kiosk's screen says
    bool operator==(const KioskStatus&) const = default;
};

// Kiosk -> console: consecutive events of one sitting's journal, from firstSequence on, each
// in its canonical bytes (exam's canonicalEventJson), with the kiosk's signed head after the
// last one.
struct JournalEvents {
    std::string sittingId;
    std::int64_t firstSequence = 0;
    std::vector<std::string> events;
    std::string headHex;      // the chain head after the last event, hex
    std::string signatureHex; // the kiosk's signature of that head, hex
    bool operator==(const JournalEvents&) const = default;
};

// Console -> kiosk: the batch was not taken (a gap, a fork, a bad signature); the console has
// logged an incident. The kiosk keeps its journal as it is and does not resend that batch.
struct JournalRefused {
    std::string sittingId;
    std::int64_t atSequence = 0;
    std::string reason;
    bool operator==(const JournalRefused&) const = default;
};

// Kiosk -> console: a sitting's result record as the kiosk issued it when the sitting ended
// (exam::sealResultRecord: signed by the kiosk, sealed to the awarding body; the console cannot
// open it and keeps it for the awarding body, in its outbox). Sent after the sitting's journal,
// on every connection until the console acknowledges it.
struct SittingResult {
    std::string sittingId;
    std::vector<std::uint8_t> sealed;
    bool operator==(const SittingResult&) const = default;
};

// Console -> kiosk: the result record of the sitting is in the console's outbox as the item
// `itemId` (receiver::itemIdHex of its bytes; the same bytes again are the same item).
struct ResultAck {
    std::string sittingId;
    std::string itemId;
    bool operator==(const ResultAck&) const = default;
};

using Message =
    std::variant<Hello, HelloReply, KioskStatus, JournalEvents, JournalAck, JournalRefused,
                 ConsoleCommand, CommandResult, SittingResult, ResultAck>;

[[nodiscard]] MessageType typeOf(const Message& message) noexcept;
[[nodiscard]] Frame encodeMessage(const Message& message);
// UnknownMessage for a type byte this build does not know; MalformedMessage (the detail names
// the message and field) for a payload that is not its schema.
[[nodiscard]] LinkResult<Message> decodeMessage(const Frame& frame);

} // namespace vigil::sync
