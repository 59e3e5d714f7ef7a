#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/sync/link_error.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Finding the console on the centre LAN without typing its address into every kiosk: the
// console announces itself in a small signed UDP datagram every few seconds; a kiosk listens
// and keeps the latest announcement signed by the one console key it trusts. An announcement
// is only a hint of where to connect: the TLS link still pins that key, so a forged or replayed
// datagram can at worst send a kiosk to a place where the handshake fails (docs/link-protocol.md,
// "Finding the console").
namespace vigil::sync {

inline constexpr std::uint16_t kDefaultAnnouncementPort = 47'110;
inline constexpr std::size_t kMaxAnnouncementBytes = 1'024;

struct ConsoleAnnouncement {
    int protocol = 1;
    std::string centreId;
    std::string consoleName;
    std::uint16_t linkPort = 0;            // where the console's LinkServer listens
    crypto::SigningPublicKey consoleKey{}; // the key the link will prove
    std::uint64_t sequence = 0;            // rises with every datagram, for diagnostics
};

// The datagram: compact JSON, the console's Ed25519 signature over the context tag
// "vigil/console-announcement/v1" and the JSON without its signature field.
[[nodiscard]] std::vector<std::uint8_t> encodeAnnouncement(const ConsoleAnnouncement& announcement,
                                                           const crypto::SigningKeyPair& console);
// MalformedMessage naming the field for a datagram that is not an announcement or is over
// kMaxAnnouncementBytes; PeerKeyMismatch when the signature does not verify under the key the
// announcement names.
[[nodiscard]] LinkResult<ConsoleAnnouncement>
decodeAnnouncement(std::span<const std::uint8_t> datagram);

struct AnnouncerOptions {
    // The LAN's broadcast address by default; tests use a unicast loopback address.
    std::string destination = "255.255.255.255";
    std::uint16_t port = kDefaultAnnouncementPort;
    std::chrono::milliseconds interval{2'000};
};

// The console's side: sends the announcement at once and then every interval, on its own
// thread, until stopped or destroyed.
class ConsoleAnnouncer {
public:
    ConsoleAnnouncer(ConsoleAnnouncement announcement, const crypto::SigningKeyPair& console,
                     AnnouncerOptions options);
    ~ConsoleAnnouncer();
    ConsoleAnnouncer(const ConsoleAnnouncer&) = delete;
    ConsoleAnnouncer& operator=(const ConsoleAnnouncer&) = delete;

    // ListenFailed (with the socket's reason) when no UDP socket can be opened for sending.
    [[nodiscard]] LinkResult<crypto::Done> start();
    void stop();
    [[nodiscard]] std::uint64_t sent() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct FinderOptions {
    std::string listenAddress = "0.0.0.0";
    std::uint16_t port = kDefaultAnnouncementPort; // 0: any free port (tests)
    std::string centreId;                          // announcements of other centres are ignored
    crypto::SigningPublicKey consoleKey{};         // ...and of every other console key
};

// Where a kiosk's console was last heard: the datagram's source address and the announced port.
struct FoundConsole {
    std::string host;
    std::uint16_t port = 0;
    std::string consoleName;
    std::uint64_t sequence = 0;
};

// The kiosk's side: listens for announcements, keeps the latest one from its console, and
// counts what it ignored (another centre, another console, a bad signature, not an
// announcement) with the last reason, for the kiosk's diagnostics.
class ConsoleFinder {
public:
    explicit ConsoleFinder(FinderOptions options);
    ~ConsoleFinder();
    ConsoleFinder(const ConsoleFinder&) = delete;
    ConsoleFinder& operator=(const ConsoleFinder&) = delete;

    // The bound port; ListenFailed when the address and port cannot be bound.
    [[nodiscard]] LinkResult<std::uint16_t> start();
    void stop();

    // Called on the finder's thread whenever the console is heard at a new place (first time,
    // or another host or port than before); keep it short.
    void onFound(std::function<void(const FoundConsole&)> handler);

    [[nodiscard]] std::optional<FoundConsole> found() const;
    [[nodiscard]] std::uint64_t ignored() const;
    [[nodiscard]] std::string lastIgnoredReason() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vigil::sync
