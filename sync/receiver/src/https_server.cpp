// vigil-syncd's sessions, in the shape of Beast's advanced server example: a listener and one
// session per connection, each on its own strand, do_x / on_x pairs, shared_from_this()
// keeping a session alive while an operation is pending, a deadline before every read and
// write, the header and body limits set on each request's parser. The only translation unit
// of the receiver that includes Beast.
#include "vigil/receiver/https_server.h"

#include "tls_identity.h" // sync/src: the link's self-signed Ed25519 certificate

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <thread>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)
#include <vector>

namespace vigil::receiver {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

using Body = http::vector_body<std::uint8_t>;
using Request = http::request<Body>;
using Response = http::response<http::string_body>;

// What every session shares; sessions hold it, so the TLS context outlives them.
struct Shared {
    Shared(UploadService& service, ServerLimits limits)
        : service(service)
        , limits(limits) {}
    UploadService& service;
    ServerLimits limits;
    ssl::context context{ssl::context::tls_server};
};

std::string_view view(beast::string_view text) {
    return {text.data(), text.size()};
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, std::shared_ptr<Shared> shared)
        : shared_(std::move(shared))
        , stream_(std::move(socket), shared_->context) {}

    void run() {
        asio::dispatch(stream_.get_executor(),
                       beast::bind_front_handler(&Session::on_run, shared_from_this()));
    }

private:
    void on_run() {
        beast::get_lowest_layer(stream_).expires_after(shared_->limits.handshakeDeadline);
        stream_.async_handshake(
            ssl::stream_base::server,
            beast::bind_front_handler(&Session::on_handshake, shared_from_this()));
    }

    void on_handshake(error_code ec) {
        if (ec) {
            return; // not TLS 1.3, or too slow: nothing to answer
        }
        do_read_header();
    }

    void do_read_header() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_->limits.headerBytes));
        parser_->body_limit(shared_->limits.bodyBytes);
        // One deadline for the whole header, however it trickles in (slow loris).
        beast::get_lowest_layer(stream_).expires_after(shared_->limits.headerDeadline);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void on_header(error_code ec, std::size_t) {
        if (ec == http::error::header_limit) {
            return refuse({ReceiverError::HeadersTooLarge,
                           "over " + std::to_string(shared_->limits.headerBytes) + " bytes"});
        }
        if (ec == http::error::body_limit) { // a Content-Length over the limit
            return refuse(tooLarge());
        }
        if (ec) {
            return do_close(); // the peer left, sent garbage, or ran out of time
        }
        beast::get_lowest_layer(stream_).expires_after(shared_->limits.bodyDeadline);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(error_code ec, std::size_t) {
        if (ec == http::error::body_limit) { // chunked past the limit
            return refuse(tooLarge());
        }
        if (ec) {
            return do_close();
        }
        const Request& request = parser_->get();
        auto header = [&](const char* name) {
            return view(request[name]);
        };
        const HttpRequestView view{::vigil::receiver::view(request.method_string()),
                                   ::vigil::receiver::view(request.target()),
                                   {header("Vigil-Centre"), header("Vigil-Kind"),
                                    header("Vigil-Timestamp"), header("Vigil-Nonce"),
                                    header("Vigil-Signature")},
                                   request.body()};
        const auto answer = shared_->service.answer(view);
        do_write(answer, request.keep_alive());
    }

    ReceiverFailure tooLarge() const {
        return {ReceiverError::BodyTooLarge,
                "over " + std::to_string(shared_->limits.bodyBytes) + " bytes"};
    }

    // Answers without reading on, then closes: what is left of the request is not read.
    void refuse(const ReceiverFailure& failure) {
        do_write(UploadService::refusal(failure), false);
    }

    void do_write(const HttpAnswer& answer, bool keepAlive) {
        response_.emplace(static_cast<http::status>(answer.status), 11);
        response_->set(http::field::server, "vigil-syncd");
        response_->set(http::field::content_type, answer.contentType);
        response_->keep_alive(keepAlive);
        response_->body() = answer.body;
        response_->prepare_payload();
        beast::get_lowest_layer(stream_).expires_after(shared_->limits.writeDeadline);
        http::async_write(
            stream_, *response_,
            beast::bind_front_handler(&Session::on_write, shared_from_this(), keepAlive));
    }

    void on_write(bool keepAlive, error_code ec, std::size_t) {
        if (ec) {
            return; // the peer stopped reading: drop it
        }
        if (!keepAlive) {
            return do_close();
        }
        do_read_header();
    }

    void do_close() {
        beast::get_lowest_layer(stream_).expires_after(shared_->limits.writeDeadline);
        stream_.async_shutdown(
            beast::bind_front_handler(&Session::on_shutdown, shared_from_this()));
    }

    void on_shutdown(error_code) {
        beast::get_lowest_layer(stream_).close(); // whatever the peer did, it is over
    }

    std::shared_ptr<Shared> shared_;
    beast::ssl_stream<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<Body>> parser_;
    std::optional<Response> response_;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context& io, std::shared_ptr<Shared> shared)
        : io_(io)
        , acceptor_(asio::make_strand(io))
        , shared_(std::move(shared)) {}

    // The reason when the address cannot be bound; empty when listening.
    std::string listen(const tcp::endpoint& endpoint) {
        error_code ec;
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) {
            acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
        }
        if (!ec) {
            acceptor_.bind(endpoint, ec);
        }
        if (!ec) {
            acceptor_.listen(asio::socket_base::max_listen_connections, ec);
        }
        return ec ? ec.message() : std::string();
    }

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

    void run() {
        asio::dispatch(acceptor_.get_executor(),
                       beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
    }

    // Only once no thread runs the io_context any more.
    void closeStopped() {
        error_code ignored;
        acceptor_.close(ignored);
    }

private:
    void do_accept() {
        acceptor_.async_accept(asio::make_strand(io_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

    void on_accept(error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted) {
            return; // closed
        }
        if (!ec) {
            std::make_shared<Session>(std::move(socket), shared_)->run();
        }
        do_accept(); // a failed accept (out of descriptors) does not stop the server
    }

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    std::shared_ptr<Shared> shared_;
};

} // namespace

class HttpsServer::Impl {
public:
    Impl(UploadService& service, const crypto::SigningKeyPair& identity, ServerOptions options)
        : options_(std::move(options))
        , shared_(std::make_shared<Shared>(service, options_.limits)) {
        sync::detail::configureTlsContext(shared_->context.native_handle(), identity, "vigil-syncd",
                                          options_.hostNames);
    }

    ~Impl() { stop(); }

    Checked<std::uint16_t, std::string> start() {
        error_code ec;
        const auto address = asio::ip::make_address(options_.address, ec);
        if (ec) {
            return "not an IP address: " + options_.address;
        }
        listener_ = std::make_shared<Listener>(io_, shared_);
        const auto problem = listener_->listen({address, options_.port});
        if (!problem.empty()) {
            return "cannot listen on " + options_.address + ":" + std::to_string(options_.port) +
                   ": " + problem;
        }
        const auto port = listener_->port();
        listener_->run();
        for (int i = 0; i < std::max(1, options_.threads); ++i) {
            threads_.emplace_back([this] { io_.run(); });
        }
        return port;
    }

    void stop() {
        io_.stop();
        for (auto& thread : threads_) {
            thread.join();
        }
        threads_.clear();
        if (listener_) {
            listener_->closeStopped();
        }
    }

private:
    ServerOptions options_;
    std::shared_ptr<Shared> shared_;
    asio::io_context io_;
    std::shared_ptr<Listener> listener_;
    std::vector<std::thread> threads_;
};

HttpsServer::HttpsServer(UploadService& service, const crypto::SigningKeyPair& identity,
                         ServerOptions options)
    : impl_(std::make_unique<Impl>(service, identity, std::move(options))) {}

HttpsServer::~HttpsServer() = default;

Checked<std::uint16_t, std::string> HttpsServer::start() {
    return impl_->start();
}

void HttpsServer::stop() {
    impl_->stop();
}

} // namespace vigil::receiver
