#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/sync/frame.h"
#include "vigil/sync/link_error.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// The LAN link's transport: TLS 1.3 over TCP (OpenSSL through Asio), both sides proving an
// Ed25519 key with a self-signed certificate made from it, framed messages (frame.h). Asio and
// OpenSSL stay inside sync/'s sources; this header is all a console or kiosk sees.
//
// Trust is by key, never by certificate authority, name or date: a client pins the one server
// key it was given; a server accepts any client that proves an Ed25519 key and hands that key
// to the application, which decides (an enrolled kiosk, a kiosk waiting for enrolment, a key
// that changed). Validity dates are ignored, so a kiosk whose clock is wrong still connects.
namespace vigil::sync {

struct LinkLimits {
    std::size_t maxFramePayload = kDefaultMaxFramePayload;
    // A peer must complete the TLS handshake within this.
    std::chrono::milliseconds handshakeTimeout{10'000};
    // A frame must arrive whole within this from its first byte, and the next one must begin
    // within it too: a peer that sends nothing for this long (heartbeats stopped) is dropped.
    std::chrono::milliseconds readTimeout{15'000};
    // A frame must be written within this (a peer that stops reading is dropped).
    std::chrono::milliseconds writeTimeout{10'000};
    // Frames waiting to be written to one peer; over it the connection is closed
    // (SendQueueFull) instead of growing without bound.
    std::size_t maxQueuedFrames = 4'096;
};

// One authenticated connection. Safe to use from any thread; it stays valid while the
// application holds the shared_ptr, even after it closed (send() then does nothing).
class Connection {
public:
    virtual ~Connection() = default;
    // The Ed25519 key the peer proved in the TLS handshake.
    [[nodiscard]] virtual const crypto::SigningPublicKey& peerKey() const noexcept = 0;
    // "127.0.0.1:50412"
    [[nodiscard]] virtual const std::string& peerAddress() const noexcept = 0;
    // Queues a frame; frames go out in the order sent.
    virtual void send(Frame frame) = 0;
    // Closes after the frames already queued are written (TLS close_notify, then the socket).
    virtual void close() = 0;
};

// Called on the endpoint's own network thread, one call at a time per endpoint: hand work
// over to the application's thread (e.g. a queued Qt signal) rather than block here.
struct LinkHandlers {
    std::function<void(const std::shared_ptr<Connection>&)> onOpen;
    std::function<void(const std::shared_ptr<Connection>&, Frame)> onFrame;
    // Exactly once per connection that opened, and once for a connection that never opened
    // (connection refused, handshake failed, wrong key) with a null connection.
    std::function<void(const std::shared_ptr<Connection>&, const LinkFailure&)> onClose;
};

// Accepts connections on one address. Owns its network thread.
class LinkServer {
public:
    LinkServer(const crypto::SigningKeyPair& identity, LinkLimits limits, LinkHandlers handlers);
    ~LinkServer(); // stops: closes every connection, joins the thread
    LinkServer(const LinkServer&) = delete;
    LinkServer& operator=(const LinkServer&) = delete;

    // Binds and starts accepting; port 0 picks a free one. The port bound, or ListenFailed.
    [[nodiscard]] LinkResult<std::uint16_t> listen(const std::string& address, std::uint16_t port);
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Connects to one server whose key it pins. Owns its network thread. Reconnecting (with
// back-off) is the caller's decision: each connect() is one attempt.
class LinkClient {
public:
    LinkClient(const crypto::SigningKeyPair& identity, const crypto::SigningPublicKey& serverKey,
               LinkLimits limits, LinkHandlers handlers);
    ~LinkClient();
    LinkClient(const LinkClient&) = delete;
    LinkClient& operator=(const LinkClient&) = delete;

    // One attempt; the outcome arrives as onOpen or onClose. host is an address or a name.
    void connect(const std::string& host, std::uint16_t port);
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vigil::sync
