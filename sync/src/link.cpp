// The link's sessions, in the shape of Beast's examples: one object per connection, a strand
// each, do_x / on_x pairs, shared_from_this() keeping a session alive while an operation is
// pending, a deadline on every read, write and handshake, a size limit checked from a frame's
// header before its payload is read. The only translation unit that includes Asio.
#include "vigil/sync/link.h"

#include "network_thread.h"
#include "tls_identity.h"
#include "vigil/sync/fingerprint.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <deque>
#include <fcntl.h>
#include <future>
#include <mutex>
#include <openssl/ssl.h>
#include <optional>
#include <thread>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)

namespace vigil::sync {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// A socket of the link is never inherited by a program the app starts: a listening socket
// left open in a child would keep the port taken (and take connections) after the console
// closed it. Asio does not open its sockets close-on-exec.
template <class Socket> void closeOnExec(Socket& socket) {
    if (socket.is_open()) {
        const int fd = socket.native_handle();
        ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
    }
}

std::string millis(std::chrono::milliseconds duration) {
    return std::to_string(duration.count()) + " ms";
}

// What an endpoint shares with its sessions. Sessions hold it, so the io_context their sockets
// and timers belong to outlives them even when the application keeps a Connection after the
// endpoint is gone.
struct Shared {
    LinkLimits limits;
    LinkHandlers handlers;
    ssl::context context{ssl::context::tls};
    asio::io_context io;
};

class Session : public Connection, public std::enable_shared_from_this<Session> {
public:
    using Role = ssl::stream_base::handshake_type;

    Session(tcp::socket socket, std::shared_ptr<Shared> shared, Role role,
            std::optional<crypto::SigningPublicKey> pinned)
        : shared_(std::move(shared))
        , stream_(std::move(socket), shared_->context)
        , readTimer_(stream_.get_executor())
        , writeTimer_(stream_.get_executor())
        , role_(role)
        , pinned_(pinned) {
        error_code ignored;
        const auto endpoint = stream_.lowest_layer().remote_endpoint(ignored);
        peerAddress_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
        // Every frame is a whole message in one write, and a status is small: Nagle's algorithm
        // would hold it while an earlier segment waits for the peer's delayed ACK (up to 40 ms
        // on Linux), a wait the status latency's tail showed (bench/README.md, bench_link).
        stream_.lowest_layer().set_option(tcp::no_delay(true), ignored);
    }

    const crypto::SigningPublicKey& peerKey() const noexcept override { return peerKey_; }
    const std::string& peerAddress() const noexcept override { return peerAddress_; }

    void send(Frame frame) override {
        asio::post(
            stream_.get_executor(),
            [self = shared_from_this(), bytes = encodeFrame(frame.type, frame.payload)]() mutable {
                self->queue(std::move(bytes));
            });
    }

    void close() override {
        asio::post(stream_.get_executor(), [self = shared_from_this()] { self->beginClose(); });
    }

    // From the endpoint's thread: abrupt, for stopping the endpoint.
    void abort() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            self->fail({LinkError::Closed, "the endpoint stopped"});
        });
    }

    void run() {
        asio::dispatch(stream_.get_executor(),
                       [self = shared_from_this()] { self->do_handshake(); });
    }

private:
    void do_handshake() {
        stream_.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
        stream_.set_verify_callback(
            [this](bool, ssl::verify_context& context) { return verifyPeer(context); });
        armDeadline(readTimer_, shared_->limits.handshakeTimeout,
                    "no TLS handshake within " + millis(shared_->limits.handshakeTimeout));
        stream_.async_handshake(
            role_, [self = shared_from_this()](const error_code& ec) { self->on_handshake(ec); });
    }

    // Trust is the leaf's Ed25519 key (self-signed, as every Vigil endpoint's is): a client
    // compares it with the one key it pins; a server takes any and lets the application
    // decide. Chain building, names and dates are not Vigil's trust and are not consulted.
    bool verifyPeer(ssl::verify_context& context) {
        X509_STORE_CTX* store = context.native_handle();
        if (X509_STORE_CTX_get_error_depth(store) != 0) {
            return true;
        }
        const auto key = detail::selfSignedEd25519Key(X509_STORE_CTX_get_current_cert(store));
        if (!key) {
            refusal_ = LinkFailure{LinkError::PeerCertificateRefused, peerAddress_};
            return false;
        }
        if (pinned_ && *key != *pinned_) {
            refusal_ = LinkFailure{LinkError::PeerKeyMismatch,
                                   peerAddress_ + " presented " + shortFingerprint(*key) +
                                       ", expected " + shortFingerprint(*pinned_)};
            return false;
        }
        peerKey_ = *key;
        haveKey_ = true;
        return true;
    }

    void on_handshake(const error_code& ec) {
        if (closed_) {
            return;
        }
        if (ec) {
            fail(refusal_
                     ? *refusal_
                     : LinkFailure{LinkError::HandshakeFailed, peerAddress_ + ": " + ec.message()});
            return;
        }
        if (!haveKey_) {
            fail({LinkError::PeerCertificateRefused, peerAddress_});
            return;
        }
        opened_ = true;
        if (shared_->handlers.onOpen) {
            shared_->handlers.onOpen(shared_from_this());
        }
        if (!closed_) {
            do_read_header();
        }
    }

    void do_read_header() {
        armDeadline(readTimer_, shared_->limits.readTimeout,
                    "no complete message within " + millis(shared_->limits.readTimeout));
        asio::async_read(stream_, asio::buffer(header_),
                         [self = shared_from_this()](const error_code& ec, std::size_t) {
                             self->on_read_header(ec);
                         });
    }

    void on_read_header(const error_code& ec) {
        if (closed_) {
            return;
        }
        if (ec) {
            failRead(ec);
            return;
        }
        auto header = parseFrameHeader(header_, shared_->limits.maxFramePayload);
        if (!header) {
            auto failure = header.error();
            failure.detail = peerAddress_ + (failure.detail.empty() ? "" : ", " + failure.detail);
            fail(failure);
            return;
        }
        incoming_.type = header.value().type;
        incoming_.payload.assign(header.value().payloadBytes, 0);
        if (incoming_.payload.empty()) {
            deliver();
            return;
        }
        // The header's deadline still runs: the whole frame must arrive within it.
        asio::async_read(stream_, asio::buffer(incoming_.payload),
                         [self = shared_from_this()](const error_code& ec, std::size_t) {
                             self->on_read_payload(ec);
                         });
    }

    void on_read_payload(const error_code& ec) {
        if (closed_) {
            return;
        }
        if (ec) {
            failRead(ec);
            return;
        }
        deliver();
    }

    void deliver() {
        if (shared_->handlers.onFrame) {
            shared_->handlers.onFrame(shared_from_this(), std::move(incoming_));
        }
        incoming_ = Frame{};
        if (!closed_) {
            do_read_header();
        }
    }

    void queue(std::vector<std::uint8_t> bytes) {
        if (closed_ || closing_) {
            return;
        }
        if (writes_.size() >= shared_->limits.maxQueuedFrames) {
            fail({LinkError::SendQueueFull,
                  peerAddress_ + ", " + std::to_string(writes_.size()) + " messages waiting"});
            return;
        }
        writes_.push_back(std::move(bytes));
        if (writes_.size() == 1 && opened_) {
            do_write();
        }
    }

    void do_write() {
        armDeadline(writeTimer_, shared_->limits.writeTimeout,
                    "a message was not taken within " + millis(shared_->limits.writeTimeout));
        asio::async_write(
            stream_, asio::buffer(writes_.front()),
            [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(const error_code& ec) {
        if (closed_) {
            return;
        }
        if (ec) {
            fail({LinkError::Io, peerAddress_ + ": " + ec.message()});
            return;
        }
        writeTimer_.cancel();
        writes_.pop_front();
        if (!writes_.empty()) {
            do_write();
        } else if (closing_) {
            do_shutdown();
        }
    }

    void beginClose() {
        if (closed_ || closing_) {
            return;
        }
        closing_ = true;
        if (!opened_ || writes_.empty()) {
            do_shutdown();
        }
    }

    void do_shutdown() {
        armDeadline(writeTimer_, std::chrono::seconds(2), "closing");
        stream_.async_shutdown([self = shared_from_this()](const error_code&) {
            self->fail({LinkError::Closed, {}});
        });
    }

    void failRead(const error_code& ec) {
        if (closing_) {
            fail({LinkError::Closed, {}}); // the peer answered our close
        } else if (ec == asio::error::eof || ec == ssl::error::stream_truncated ||
                   ec == asio::error::connection_reset) {
            fail({LinkError::ClosedByPeer, peerAddress_});
        } else {
            fail({LinkError::Io, peerAddress_ + ": " + ec.message()});
        }
    }

    void armDeadline(asio::steady_timer& timer, std::chrono::milliseconds after, std::string why) {
        timer.expires_after(after);
        timer.async_wait([self = shared_from_this(), why = std::move(why)](const error_code& ec) {
            if (!ec) {
                self->fail({LinkError::Timeout, self->peerAddress_ + ": " + why});
            }
        });
    }

    // The one way a session ends: reported once, sockets and timers released.
    void fail(const LinkFailure& failure) {
        if (closed_) {
            return;
        }
        closed_ = true;
        readTimer_.cancel();
        writeTimer_.cancel();
        error_code ignored;
        stream_.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.lowest_layer().close(ignored);
        // writes_ stays: a write still pending holds a buffer of it until its handler runs.
        if (shared_->handlers.onClose) {
            shared_->handlers.onClose(opened_ ? shared_from_this() : nullptr, failure);
        }
    }

    std::shared_ptr<Shared> shared_;
    ssl::stream<tcp::socket> stream_;
    asio::steady_timer readTimer_;
    asio::steady_timer writeTimer_;
    Role role_;
    std::optional<crypto::SigningPublicKey> pinned_;
    crypto::SigningPublicKey peerKey_{};
    bool haveKey_ = false;
    std::optional<LinkFailure> refusal_;
    std::string peerAddress_;
    std::array<std::uint8_t, kFrameHeaderBytes> header_{};
    Frame incoming_;
    std::deque<std::vector<std::uint8_t>> writes_;
    bool opened_ = false;
    bool closing_ = false;
    bool closed_ = false;
};

using detail::NetworkThread;

std::shared_ptr<Shared> makeShared(const crypto::SigningKeyPair& identity, LinkLimits limits,
                                   LinkHandlers handlers, const char* role) {
    auto shared = std::make_shared<Shared>();
    shared->limits = limits;
    shared->handlers = std::move(handlers);
    detail::configureTlsContext(shared->context.native_handle(), identity,
                                std::string("vigil-") + role + "-" +
                                    shortFingerprint(identity.publicKey));
    return shared;
}

// Sessions an endpoint has started, so stop() can end them.
class SessionSet {
public:
    void add(const std::shared_ptr<Session>& session) {
        std::lock_guard lock(mutex_);
        std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
        sessions_.push_back(session);
    }
    void abortAll() {
        std::vector<std::weak_ptr<Session>> sessions;
        {
            std::lock_guard lock(mutex_);
            sessions.swap(sessions_);
        }
        for (const auto& weak : sessions) {
            if (auto session = weak.lock()) {
                session->abort();
            }
        }
    }

private:
    std::mutex mutex_;
    std::vector<std::weak_ptr<Session>> sessions_;
};

} // namespace

// ---- server

struct LinkServer::Impl {
    explicit Impl(std::shared_ptr<Shared> endpoint)
        : shared(std::move(endpoint))
        , network(shared->io) {}

    std::shared_ptr<Shared> shared;
    NetworkThread network;
    tcp::acceptor acceptor{asio::make_strand(network.context())};
    SessionSet sessions;
    std::atomic<bool> stopped{false};

    void do_accept() {
        acceptor.async_accept(
            asio::make_strand(network.context()),
            [this](const error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
    }

    void on_accept(const error_code& ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
            return;
        }
        if (!ec) {
            closeOnExec(socket);
            auto session = std::make_shared<Session>(std::move(socket), shared,
                                                     ssl::stream_base::server, std::nullopt);
            sessions.add(session);
            session->run();
        }
        // A failed accept (too many open files, a reset before accept) must not stop the
        // server: go on accepting.
        do_accept();
    }
};

LinkServer::LinkServer(const crypto::SigningKeyPair& identity, LinkLimits limits,
                       LinkHandlers handlers)
    : impl_(std::make_unique<Impl>(makeShared(identity, limits, std::move(handlers), "console"))) {}

LinkServer::~LinkServer() {
    stop();
}

LinkResult<std::uint16_t> LinkServer::listen(const std::string& address, std::uint16_t port) {
    error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) {
        return LinkFailure{LinkError::ListenFailed, "'" + address + "' is not an IP address"};
    }
    std::promise<LinkResult<std::uint16_t>> bound;
    auto result = bound.get_future();
    asio::dispatch(impl_->acceptor.get_executor(), [this, ip, port, &bound] {
        error_code failed;
        const tcp::endpoint endpoint(ip, port);
        impl_->acceptor.open(endpoint.protocol(), failed);
        closeOnExec(impl_->acceptor);
        if (!failed) {
            impl_->acceptor.set_option(asio::socket_base::reuse_address(true), failed);
        }
        if (!failed) {
            impl_->acceptor.bind(endpoint, failed);
        }
        if (!failed) {
            impl_->acceptor.listen(asio::socket_base::max_listen_connections, failed);
        }
        if (failed) {
            error_code ignored;
            impl_->acceptor.close(ignored);
            bound.set_value(LinkFailure{LinkError::ListenFailed, endpoint.address().to_string() +
                                                                     ":" + std::to_string(port) +
                                                                     ": " + failed.message()});
            return;
        }
        bound.set_value(impl_->acceptor.local_endpoint().port());
        impl_->do_accept();
    });
    return result.get();
}

void LinkServer::stop() {
    if (impl_->stopped.exchange(true)) {
        return;
    }
    asio::dispatch(impl_->acceptor.get_executor(), [this] {
        error_code ignored;
        impl_->acceptor.close(ignored);
    });
    impl_->sessions.abortAll();
    impl_->network.join();
}

// ---- client

struct LinkClient::Impl {
    Impl(std::shared_ptr<Shared> endpoint, const crypto::SigningPublicKey& pinned)
        : shared(std::move(endpoint))
        , serverKey(pinned)
        , network(shared->io) {}

    std::shared_ptr<Shared> shared;
    crypto::SigningPublicKey serverKey{};
    NetworkThread network;
    asio::strand<asio::io_context::executor_type> strand{asio::make_strand(network.context())};
    SessionSet sessions;
    std::atomic<bool> stopped{false};
    // The deadlines of attempts still connecting (touched on `strand` only): stop() fires them,
    // so a console that does not answer never holds up a kiosk that stops.
    std::vector<std::weak_ptr<asio::steady_timer>> connecting;

    void abandonAttempts() {
        for (const auto& weak : connecting) {
            if (const auto deadline = weak.lock()) {
                deadline->cancel(); // its handler sees `stopped` and ends the attempt
            }
        }
        connecting.clear();
    }

    void reportUnopened(const LinkFailure& failure) {
        if (shared->handlers.onClose) {
            shared->handlers.onClose(nullptr, failure);
        }
    }

    void attempt(const std::string& host, std::uint16_t port) {
        if (stopped) {
            return; // posted just before stop(): nothing to abandon later
        }
        auto resolver = std::make_shared<tcp::resolver>(strand);
        auto socket = std::make_shared<tcp::socket>(asio::make_strand(network.context()));
        auto deadline = std::make_shared<asio::steady_timer>(strand);
        const std::string where = host + ":" + std::to_string(port);
        deadline->expires_after(shared->limits.handshakeTimeout);
        std::erase_if(connecting, [](const auto& weak) { return weak.expired(); });
        connecting.push_back(deadline);
        deadline->async_wait([this, resolver, socket](const error_code& ec) {
            if (!ec || stopped) {
                resolver->cancel();
                error_code ignored;
                socket->close(ignored);
            }
        });
        resolver->async_resolve(
            host, std::to_string(port),
            [this, resolver, socket, deadline, where](const error_code& ec,
                                                      const tcp::resolver::results_type& results) {
                if (ec) {
                    deadline->cancel();
                    reportUnopened({LinkError::ConnectFailed, where + ": " + ec.message()});
                    return;
                }
                asio::async_connect(*socket, results,
                                    [this, socket, deadline, where](const error_code& failed,
                                                                    const tcp::endpoint&) {
                                        deadline->cancel();
                                        if (failed) {
                                            reportUnopened({failed == asio::error::operation_aborted
                                                                ? LinkError::Timeout
                                                                : LinkError::ConnectFailed,
                                                            where + ": " + failed.message()});
                                            return;
                                        }
                                        closeOnExec(*socket);
                                        auto session = std::make_shared<Session>(
                                            std::move(*socket), shared, ssl::stream_base::client,
                                            serverKey);
                                        sessions.add(session);
                                        session->run();
                                    });
            });
    }
};

LinkClient::LinkClient(const crypto::SigningKeyPair& identity,
                       const crypto::SigningPublicKey& serverKey, LinkLimits limits,
                       LinkHandlers handlers)
    : impl_(std::make_unique<Impl>(makeShared(identity, limits, std::move(handlers), "kiosk"),
                                   serverKey)) {}

LinkClient::~LinkClient() {
    stop();
}

void LinkClient::connect(const std::string& host, std::uint16_t port) {
    if (impl_->stopped) {
        return;
    }
    asio::post(impl_->strand, [this, host, port] { impl_->attempt(host, port); });
}

void LinkClient::stop() {
    if (impl_->stopped.exchange(true)) {
        return;
    }
    asio::dispatch(impl_->strand, [impl = impl_.get()] { impl->abandonAttempts(); });
    impl_->sessions.abortAll();
    impl_->network.join();
}

} // namespace vigil::sync
