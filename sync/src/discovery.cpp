// The announcement's transport: one UDP socket on each side, on its own network thread.
#include "vigil/sync/discovery.h"

#include "network_thread.h"

#include <atomic>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <future>
#include <mutex>

namespace vigil::sync {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using boost::system::error_code;

LinkFailure socketFailure(const std::string& what, const error_code& ec) {
    return LinkFailure{LinkError::ListenFailed, what + ": " + ec.message()};
}

// Runs `body` on the io_context's thread and waits for its answer, so sockets are only ever
// touched there.
template <class Body> auto onNetworkThread(asio::io_context& io, Body body) {
    std::packaged_task<decltype(body())()> task(std::move(body));
    auto answer = task.get_future();
    asio::post(io, [&task] { task(); });
    return answer.get();
}

} // namespace

// ---- announcer

struct ConsoleAnnouncer::Impl {
    Impl(ConsoleAnnouncement a, const crypto::SigningKeyPair& k, AnnouncerOptions o)
        : announcement(std::move(a))
        , keys(k)
        , options(std::move(o)) {}

    ConsoleAnnouncement announcement;
    const crypto::SigningKeyPair& keys;
    AnnouncerOptions options;
    asio::io_context io;
    udp::socket socket{io};
    asio::steady_timer timer{io};
    udp::endpoint destination;
    std::vector<std::uint8_t> datagram;
    std::atomic<std::uint64_t> sentCount{0};
    std::unique_ptr<detail::NetworkThread> network;

    LinkResult<crypto::Done> open() {
        error_code ec;
        const auto address = asio::ip::make_address(options.destination, ec);
        if (ec) {
            return socketFailure("the announcement address " + options.destination, ec);
        }
        destination = udp::endpoint(address, options.port);
        socket.open(destination.protocol(), ec);
        if (!ec) {
            socket.set_option(asio::socket_base::broadcast(true), ec);
        }
        if (ec) {
            return socketFailure("the announcement socket", ec);
        }
        return crypto::Done{};
    }

    void do_send() {
        announcement.sequence += 1;
        datagram = encodeAnnouncement(announcement, keys);
        socket.async_send_to(asio::buffer(datagram), destination,
                             [this](const error_code& ec, std::size_t) { on_send(ec); });
    }

    void on_send(const error_code& ec) {
        if (ec == asio::error::operation_aborted) {
            return;
        }
        if (!ec) {
            sentCount += 1;
        }
        // A failed send (no route yet, the LAN cable out) is tried again next interval.
        timer.expires_after(options.interval);
        timer.async_wait([this](const error_code& waited) {
            if (!waited && socket.is_open()) {
                do_send();
            }
        });
    }
};

ConsoleAnnouncer::ConsoleAnnouncer(ConsoleAnnouncement announcement,
                                   const crypto::SigningKeyPair& console, AnnouncerOptions options)
    : impl_(std::make_unique<Impl>(std::move(announcement), console, std::move(options))) {}

ConsoleAnnouncer::~ConsoleAnnouncer() {
    stop();
}

LinkResult<crypto::Done> ConsoleAnnouncer::start() {
    if (impl_->network) {
        return crypto::Done{};
    }
    auto opened = impl_->open();
    if (!opened) {
        return opened;
    }
    impl_->io.restart(); // after a stop()
    impl_->network = std::make_unique<detail::NetworkThread>(impl_->io);
    asio::post(impl_->io, [impl = impl_.get()] { impl->do_send(); });
    return crypto::Done{};
}

void ConsoleAnnouncer::stop() {
    if (!impl_->network) {
        return;
    }
    onNetworkThread(impl_->io, [impl = impl_.get()] {
        error_code ignored;
        impl->timer.cancel();
        impl->socket.close(ignored);
        return 0;
    });
    impl_->network->join();
    impl_->network.reset();
}

std::uint64_t ConsoleAnnouncer::sent() const {
    return impl_->sentCount;
}

// ---- finder

struct ConsoleFinder::Impl {
    explicit Impl(FinderOptions o)
        : options(std::move(o)) {}

    FinderOptions options;
    asio::io_context io;
    udp::socket socket{io};
    udp::endpoint sender;
    std::uint16_t boundPort = 0;
    std::array<std::uint8_t, kMaxAnnouncementBytes + 1> buffer{};
    std::unique_ptr<detail::NetworkThread> network;

    mutable std::mutex mutex;
    std::optional<FoundConsole> latest;
    std::uint64_t ignoredCount = 0;
    std::string lastIgnored;
    std::function<void(const FoundConsole&)> handler;

    void do_receive() {
        socket.async_receive_from(
            asio::buffer(buffer), sender,
            [this](const error_code& ec, std::size_t size) { on_receive(ec, size); });
    }

    void on_receive(const error_code& ec, std::size_t size) {
        if (ec == asio::error::operation_aborted || !socket.is_open()) {
            return;
        }
        if (!ec) {
            consider(std::span<const std::uint8_t>(buffer.data(), size),
                     sender.address().to_string());
        }
        do_receive();
    }

    void consider(std::span<const std::uint8_t> datagram, const std::string& host) {
        auto decoded = decodeAnnouncement(datagram);
        if (!decoded) {
            ignore("from " + host + ": " + describe(decoded.error()));
            return;
        }
        const auto& announcement = decoded.value();
        if (announcement.centreId != options.centreId) {
            ignore("from " + host + ": a console of centre " + announcement.centreId);
            return;
        }
        if (announcement.consoleKey != options.consoleKey) {
            ignore("from " + host + ": a console whose key is not the one this kiosk trusts");
            return;
        }
        const FoundConsole found{host, announcement.linkPort, announcement.consoleName,
                                 announcement.sequence};
        std::function<void(const FoundConsole&)> notify;
        {
            std::lock_guard lock(mutex);
            const bool moved = !latest || latest->host != found.host || latest->port != found.port;
            latest = found;
            if (moved) {
                notify = handler;
            }
        }
        if (notify) {
            notify(found);
        }
    }

    void ignore(std::string reason) {
        std::lock_guard lock(mutex);
        ignoredCount += 1;
        lastIgnored = std::move(reason);
    }
};

ConsoleFinder::ConsoleFinder(FinderOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

ConsoleFinder::~ConsoleFinder() {
    stop();
}

LinkResult<std::uint16_t> ConsoleFinder::start() {
    if (impl_->network) {
        return impl_->boundPort;
    }
    error_code ec;
    const auto address = asio::ip::make_address(impl_->options.listenAddress, ec);
    if (ec) {
        return socketFailure("the announcement address " + impl_->options.listenAddress, ec);
    }
    const udp::endpoint local(address, impl_->options.port);
    impl_->socket.open(local.protocol(), ec);
    if (!ec) {
        // Several kiosk processes on one PC (a demo, a test) may all listen for the broadcast.
        impl_->socket.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        impl_->socket.bind(local, ec);
    }
    if (ec) {
        error_code ignored;
        impl_->socket.close(ignored);
        return socketFailure("listening for the console's announcement on " +
                                 impl_->options.listenAddress + ":" +
                                 std::to_string(impl_->options.port),
                             ec);
    }
    impl_->boundPort = impl_->socket.local_endpoint().port();
    impl_->io.restart(); // after a stop()
    impl_->network = std::make_unique<detail::NetworkThread>(impl_->io);
    asio::post(impl_->io, [impl = impl_.get()] { impl->do_receive(); });
    return impl_->boundPort;
}

void ConsoleFinder::stop() {
    if (!impl_->network) {
        return;
    }
    onNetworkThread(impl_->io, [impl = impl_.get()] {
        error_code ignored;
        impl->socket.close(ignored);
        return 0;
    });
    impl_->network->join();
    impl_->network.reset();
}

void ConsoleFinder::onFound(std::function<void(const FoundConsole&)> handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->handler = std::move(handler);
}

std::optional<FoundConsole> ConsoleFinder::found() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->latest;
}

std::uint64_t ConsoleFinder::ignored() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->ignoredCount;
}

std::string ConsoleFinder::lastIgnoredReason() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->lastIgnored;
}

} // namespace vigil::sync
