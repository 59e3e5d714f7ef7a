#pragma once

#include "vigil/crypto/secure_buffer.h"
#include "vigil/crypto/signing.h"
#include "vigil/sync/command_intake.h"
#include "vigil/sync/discovery.h"
#include "vigil/sync/link.h"
#include "vigil/sync/messages.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

// A kiosk's side of the LAN link. It reaches the console (reconnecting with capped, jittered
// back-off), says Hello, pushes its status on every change and as the heartbeat, and sends every
// sitting's journal from where the console's replica ends: the journal in the kiosk's store is
// the queue and nothing else is, so a console that is away for an hour or a kiosk killed
// mid-sitting loses nothing. It reads the store through a connection of its own, on its own
// thread; the kiosk's screens never wait for the network.
namespace vigil::sync {

struct KioskLinkOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    // Follow the console's signed announcements (discovery.h) instead of host and port: the
    // link connects wherever its console (this centre, the pinned key) is heard, and moves when
    // it is heard somewhere else. host and port are ignored; nothing connects until it is heard.
    bool followAnnouncements = false;
    std::string announcementAddress = "0.0.0.0";
    std::uint16_t announcementPort = kDefaultAnnouncementPort; // 0: any free port (tests)
    std::string centreId;
    std::string seat;
    std::string software = "vigil-kiosk";
    LinkLimits limits;
    // Until the console says its own (HelloReply.heartbeatMs), which the link then keeps to.
    std::chrono::milliseconds heartbeat{1'000};
    std::chrono::milliseconds firstRetry{500};
    std::chrono::milliseconds retryCap{30'000};
    std::size_t eventsPerBatch = 500;
    // The kiosk's wall clock in ms since the epoch (a command's age is judged by it);
    // injectable for tests, the system clock when empty.
    std::function<std::int64_t()> nowMs;
};

class KioskLink {
public:
    enum class Standing {
        Connecting,        // not connected (yet, or again)
        AwaitingEnrolment, // the console has not enrolled this PC: show the fingerprint
        Enrolled,
        Refused,     // the console refused this PC: refusal() says why
        StoreBehind, // the console holds more of a sitting than this store: restored or deleted
    };

    // `store` and `storeKey` are the kiosk's store (opened again; it writes only the command
    // ledger and the result acknowledgements, ResultAcks::schemaSql(), which a store whose
    // sittings end with result records must hold);
    // `kioskKeys` sign the journal heads it sends; `consoleKey` is the one console it trusts.
    KioskLink(std::filesystem::path store, const crypto::SecureBuffer& storeKey,
              const crypto::SigningKeyPair& kioskKeys, const crypto::SigningPublicKey& consoleKey,
              KioskLinkOptions options);
    ~KioskLink();
    KioskLink(const KioskLink&) = delete;
    KioskLink& operator=(const KioskLink&) = delete;

    void start();
    void stop();

    // The kiosk app's handler of console commands, set before start(). Each command is checked
    // first (CommandIntake: the pinned console's signature, this seat, at most once through the
    // ledger in the kiosk's store, which must hold CommandLedger::schemaSql()); the handler
    // runs on the link's own thread, and its answer goes back to the console. Without one,
    // every command is refused and nothing is recorded.
    void setCommandHandler(CommandHandler handler);

    // The kiosk's screen changed: pushed at once, then repeated as the heartbeat.
    void setStatus(const KioskStatus& status);
    // The journal grew: send what is new without waiting for the next heartbeat.
    void journalChanged();

    // Where the link stands, as one value: what a screen shows of it.
    struct View {
        Standing standing = Standing::Connecting;
        std::string refusal;     // Refused, StoreBehind: why
        std::string consoleName; // as the console's HelloReply (or announcement) gave it
        // Where it connects: host and port as configured, or as last announced (empty host:
        // not heard yet).
        std::string consoleHost;
        std::uint16_t consolePort = 0;
        // Following announcements: why it cannot listen for them (empty: listening).
        std::string listenProblem;
        bool operator==(const View&) const = default;
    };
    // Told of every change of the view, in order, on the link's own threads and under its lock:
    // hand it on to your thread (a queued call) and never call back into the link from it. Set
    // before start(); it is first told the view as it stands.
    void onChanged(std::function<void(const View&)> handler);

    [[nodiscard]] View view() const;
    [[nodiscard]] Standing standing() const;
    [[nodiscard]] std::string refusal() const;
    [[nodiscard]] std::string consoleName() const;
    // Following announcements: how many were ignored (another console's key, another centre,
    // a bad signature, not an announcement) and the last one's reason, for diagnostics.
    [[nodiscard]] std::uint64_t ignoredAnnouncements() const;
    [[nodiscard]] std::string lastIgnoredAnnouncement() const;
    // How far the console has acknowledged a sitting (-1: nothing yet).
    [[nodiscard]] std::int64_t acknowledged(const std::string& sittingId) const;
    // Whether the console acknowledged the sitting's result record (it is in its outbox) and
    // the kiosk's store records that (ResultAcks). A record is sent after its journal, once per
    // connection until acknowledged, and never after: a kiosk restarted or killed after the
    // acknowledgement does not send it again.
    [[nodiscard]] bool resultAcknowledged(const std::string& sittingId) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vigil::sync
