// The centre's HTTPS client of the awarding body's receiver: Boost.Beast over Asio and OpenSSL,
// in the shape of Beast's async SSL client example, each step run to completion on the
// caller's thread under its own deadline (a tcp_stream's expiry applies to asynchronous
// operations only, so every step is one).
#include "vigil/sync/upload_client.h"

#include "tls_identity.h"
#include "vigil/receiver/package_request.h"
#include "vigil/receiver/upload_request.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)

namespace vigil::sync {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;

bool UploadFailure::retryable() const noexcept {
    switch (error) {
    case UploadError::Unreachable:
    case UploadError::ConnectionLost:
    case UploadError::Timeout:
        return true;
    case UploadError::Refused:
        return refusal == receiver::ReceiverError::StoreUnavailable ||
               refusal == receiver::ReceiverError::ReplayedRequest;
    case UploadError::BadAnswer:
        // A server error without the receiver's body (a load balancer's 502 or 503 while the
        // receivers behind it restart) passes; anything else the receiver would say again.
        return httpStatus >= 500;
    case UploadError::HandshakeFailed:
    case UploadError::WrongReceiverKey:
    case UploadError::WrongHostName:
        return false;
    }
    return false;
}

std::string_view describe(UploadError error) noexcept {
    switch (error) {
    case UploadError::Unreachable:
        return "the awarding body's receiver cannot be reached";
    case UploadError::HandshakeFailed:
        return "the secure connection to the receiver could not be set up";
    case UploadError::WrongReceiverKey:
        return "the receiver did not prove the key this centre pins (not the awarding body's "
               "receiver)";
    case UploadError::WrongHostName:
        return "the receiver's certificate does not name the host connected to";
    case UploadError::ConnectionLost:
        return "the connection closed before the receiver's answer arrived";
    case UploadError::Timeout:
        return "the receiver did not answer in time";
    case UploadError::Refused:
        return "the receiver refused the item";
    case UploadError::BadAnswer:
        return "the receiver's answer is neither a receipt nor a refusal";
    }
    return "unknown upload error";
}

std::string describe(const UploadFailure& failure) {
    std::string text(describe(failure.error));
    if (failure.refusal) {
        text += ": ";
        text += receiver::describe(*failure.refusal);
    }
    if (!failure.detail.empty()) {
        text += " (" + failure.detail + ")";
    }
    return text;
}

namespace {

UploadFailure failure(UploadError error, std::string detail) {
    return UploadFailure{error, std::nullopt, 0, std::move(detail)};
}

bool isIpAddress(const std::string& host) {
    error_code ec;
    (void)asio::ip::make_address(host, ec);
    return !ec;
}

// What the certificate at depth 0 proved, as the verify callback found it.
enum class PeerVerdict { NotSeen, Accepted, WrongKey, WrongHost };

// A refusal's body is {"error":"<code>","detail":"<sentence>"}.
UploadFailure refusalOf(int status, const std::string& body) {
    const auto document =
        QJsonDocument::fromJson(QByteArray(body.data(), static_cast<qsizetype>(body.size())));
    const auto object = document.object();
    const auto code = object.value(QStringLiteral("error")).toString().toStdString();
    if (!document.isObject() || code.empty()) {
        return UploadFailure{UploadError::BadAnswer, std::nullopt, status,
                             "HTTP " + std::to_string(status) + " without an error body"};
    }
    return UploadFailure{UploadError::Refused, receiver::errorOfCode(code), status,
                         object.value(QStringLiteral("detail")).toString().toStdString()};
}

} // namespace

class UploadClient::Connection {
public:
    Connection(const ReceiverEndpoint& endpoint, const UploadTimeouts& timeouts)
        : endpoint_(endpoint)
        , timeouts_(timeouts) {
        // The client offers TLS 1.3 only; its context holds no certificate of its own (a centre
        // proves itself by signing each request).
        SSL_CTX* native = context_.native_handle();
        SSL_CTX_set_min_proto_version(native, TLS1_3_VERSION);
        SSL_CTX_set_max_proto_version(native, TLS1_3_VERSION);
        SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET);
        SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
    }

    [[nodiscard]] UploadResult<bool> open() {
        tcp::resolver resolver(io_);
        error_code ec;
        tcp::resolver::results_type endpoints;
        resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port),
                               [&](error_code e, tcp::resolver::results_type r) {
                                   ec = e;
                                   endpoints = std::move(r);
                               });
        if (!runFor(timeouts_.connect)) {
            resolver.cancel();
            return failure(UploadError::Timeout, "resolving " + endpoint_.host);
        }
        if (ec) {
            return failure(UploadError::Unreachable, endpoint_.host + ": " + ec.message());
        }
        auto& socket = beast::get_lowest_layer(stream_);
        socket.expires_after(timeouts_.connect);
        socket.async_connect(endpoints, [&](error_code e, const tcp::endpoint&) { ec = e; });
        run();
        if (ec) {
            return failure(
                ec == beast::error::timeout ? UploadError::Timeout : UploadError::Unreachable,
                endpoint_.host + ":" + std::to_string(endpoint_.port) + ": " + ec.message());
        }
        if (!isIpAddress(endpoint_.host)) { // SNI carries names only
            SSL_set_tlsext_host_name(stream_.native_handle(), endpoint_.host.c_str());
        }
        // Trust is the pinned key, not a certificate authority: the callback accepts the
        // receiver's self-signed certificate only when its key is the pinned one and it names
        // the host, and refuses the handshake otherwise.
        stream_.set_verify_mode(asio::ssl::verify_peer);
        stream_.set_verify_callback([this](bool, asio::ssl::verify_context& context) {
            return verifyPeer(context.native_handle());
        });
        socket.expires_after(timeouts_.handshake);
        stream_.async_handshake(asio::ssl::stream_base::client, [&](error_code e) { ec = e; });
        run();
        if (verdict_ == PeerVerdict::WrongKey) {
            return failure(UploadError::WrongReceiverKey, endpoint_.host);
        }
        if (verdict_ == PeerVerdict::WrongHost) {
            return failure(UploadError::WrongHostName, endpoint_.host);
        }
        if (ec == beast::error::timeout) {
            return failure(UploadError::Timeout, "TLS handshake");
        }
        // A connection dropped mid-handshake (a flaky line, a restarting receiver) is lost, not
        // refused: the next attempt may well get through.
        if (ec == asio::error::eof || ec == asio::error::connection_reset ||
            ec == asio::error::connection_aborted || ec == asio::error::broken_pipe ||
            ec == asio::ssl::error::stream_truncated) {
            return failure(UploadError::ConnectionLost, "TLS handshake: " + ec.message());
        }
        if (ec || verdict_ != PeerVerdict::Accepted) {
            return failure(UploadError::HandshakeFailed, ec ? ec.message() : "no certificate");
        }
        return true;
    }

    // POST in the upload envelope: the answer's body when it is 200.
    [[nodiscard]] UploadResult<std::string> post(const receiver::UploadRequest& signedRequest,
                                                 std::span<const std::uint8_t> bytes,
                                                 std::size_t answerLimit) {
        http::request<http::vector_body<std::uint8_t>> request;
        request.method(http::verb::post);
        request.target(signedRequest.target);
        request.set(http::field::content_type, "application/octet-stream");
        for (const auto& [name, value] : receiver::headerLines(signedRequest)) {
            request.set(name, value);
        }
        request.body().assign(bytes.begin(), bytes.end());
        return acceptedBody(request, answerLimit);
    }

    // GET in the package envelope (package_request.h): the answer's body when it is 200.
    [[nodiscard]] UploadResult<std::string> get(const receiver::PackageRequest& signedRequest,
                                                std::size_t answerLimit) {
        http::request<http::vector_body<std::uint8_t>> request;
        request.method(http::verb::get);
        request.target(signedRequest.target);
        for (const auto& [name, value] : receiver::headerLines(signedRequest)) {
            request.set(name, value);
        }
        return acceptedBody(request, answerLimit);
    }

    [[nodiscard]] bool reusable() const noexcept { return keepAlive_; }

private:
    // The answer's body when the receiver answered 200; what it refused, or what went wrong on
    // the way, otherwise.
    [[nodiscard]] UploadResult<std::string>
    acceptedBody(http::request<http::vector_body<std::uint8_t>>& request, std::size_t answerLimit) {
        auto response = exchange(request, answerLimit);
        if (!response) {
            return response.error();
        }
        const int status = static_cast<int>(response.value().result_int());
        if (status != 200) {
            return refusalOf(status, response.value().body());
        }
        return std::move(response.value().body());
    }

    // Writes the request on the kept-alive connection and reads the whole answer, each under its
    // deadline, the answer's body under `answerLimit`.
    [[nodiscard]] UploadResult<http::response<http::string_body>>
    exchange(http::request<http::vector_body<std::uint8_t>>& request, std::size_t answerLimit) {
        request.version(11);
        request.set(http::field::host, endpoint_.host);
        request.keep_alive(true);
        request.prepare_payload();
        error_code ec;
        auto& socket = beast::get_lowest_layer(stream_);
        socket.expires_after(timeouts_.write);
        http::async_write(stream_, request, [&](error_code e, std::size_t) { ec = e; });
        run();
        if (ec) {
            return lost(ec, "sending");
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(answerLimit);
        socket.expires_after(timeouts_.read);
        http::async_read(stream_, buffer_, parser, [&](error_code e, std::size_t) { ec = e; });
        run();
        if (ec) {
            return lost(ec, "reading the answer");
        }
        auto response = parser.release();
        keepAlive_ = response.keep_alive();
        return response;
    }

    // Runs the posted step to completion; false when it did not finish within `limit` (the
    // resolver has no expiry of its own).
    bool runFor(std::chrono::milliseconds limit) {
        io_.restart();
        io_.run_for(limit);
        return io_.stopped();
    }
    void run() {
        io_.restart();
        io_.run();
    }

    UploadFailure lost(const error_code& ec, const char* doing) {
        keepAlive_ = false;
        if (ec == beast::error::timeout) {
            return failure(UploadError::Timeout, doing);
        }
        return failure(UploadError::ConnectionLost, std::string(doing) + ": " + ec.message());
    }

    bool verifyPeer(X509_STORE_CTX* context) {
        if (X509_STORE_CTX_get_error_depth(context) != 0) {
            return true; // a self-signed certificate has no chain above it to judge
        }
        X509* certificate = X509_STORE_CTX_get_current_cert(context);
        const auto key = detail::selfSignedEd25519Key(certificate);
        if (!key || *key != endpoint_.receiverKey) {
            verdict_ = PeerVerdict::WrongKey;
            return false;
        }
        // Only the subject alternative names count, as browsers do.
        const bool named =
            isIpAddress(endpoint_.host)
                ? X509_check_ip_asc(certificate, endpoint_.host.c_str(), 0) == 1
                : X509_check_host(certificate, endpoint_.host.data(), endpoint_.host.size(),
                                  X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr) == 1;
        verdict_ = named ? PeerVerdict::Accepted : PeerVerdict::WrongHost;
        return named;
    }

    const ReceiverEndpoint& endpoint_;
    const UploadTimeouts& timeouts_;
    asio::io_context io_;
    asio::ssl::context context_{asio::ssl::context::tls_client};
    beast::ssl_stream<beast::tcp_stream> stream_{io_, context_};
    beast::flat_buffer buffer_;
    PeerVerdict verdict_ = PeerVerdict::NotSeen;
    bool keepAlive_ = true;
};

UploadClient::UploadClient(ReceiverEndpoint endpoint, std::string centreId,
                           const crypto::SigningKeyPair& centreKeys, UploadClientOptions options)
    : endpoint_(std::move(endpoint))
    , centreId_(std::move(centreId))
    , centreKeys_(centreKeys)
    , options_(std::move(options)) {
    if (!options_.nowMs) {
        options_.nowMs = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    }
}

UploadClient::~UploadClient() = default;

void UploadClient::disconnect() {
    connection_.reset();
}

template <class Answer, class Exchange>
UploadResult<Answer> UploadClient::onConnection(Exchange&& exchange) {
    // A kept-alive connection the receiver has since closed (its idle deadline) fails at once:
    // that one attempt is made again on a new connection before the failure is reported.
    const bool reused = connection_ != nullptr;
    for (int attempt = 0; attempt < (reused ? 2 : 1); ++attempt) {
        if (!connection_) {
            auto connection = std::make_unique<Connection>(endpoint_, options_.timeouts);
            if (auto opened = connection->open(); !opened) {
                return opened.error();
            }
            connection_ = std::move(connection);
        }
        UploadResult<Answer> answer = exchange(*connection_);
        if (!answer || !connection_->reusable()) {
            connection_.reset();
        }
        const bool staleConnection =
            !answer && answer.error().error == UploadError::ConnectionLost && reused;
        if (!staleConnection || attempt == 1) {
            return answer;
        }
    }
    return failure(UploadError::ConnectionLost, "no attempt made"); // not reached
}

UploadResult<receiver::Receipt> UploadClient::upload(receiver::ItemKind kind,
                                                     std::span<const std::uint8_t> bytes) {
    return onConnection<receiver::Receipt>(
        [&](Connection& connection) -> UploadResult<receiver::Receipt> {
            // Signed afresh on every attempt: a new nonce and timestamp.
            const auto request =
                receiver::signUpload(centreKeys_, centreId_, kind, bytes, options_.nowMs());
            auto answer = connection.post(request, bytes, options_.answerLimitBytes);
            if (!answer) {
                return answer.error();
            }
            auto receipt = receiver::decodeReceipt(answer.value());
            if (!receipt) {
                return UploadFailure{UploadError::BadAnswer, std::nullopt, 200,
                                     receiver::describe(receipt.error())};
            }
            return std::move(receipt).value();
        });
}

UploadResult<std::vector<receiver::BatchItemAnswer>>
UploadClient::uploadBatch(std::span<const receiver::BatchItem> items) {
    const auto body = receiver::encodeBatch(items);
    // A receipt is about 250 bytes of JSON; the answer may hold one per item.
    const std::size_t answerLimit = std::max(options_.answerLimitBytes, items.size() * 1024 + 1024);
    return onConnection<std::vector<receiver::BatchItemAnswer>>(
        [&](Connection& connection) -> UploadResult<std::vector<receiver::BatchItemAnswer>> {
            const auto request =
                receiver::signBatchUpload(centreKeys_, centreId_, body, options_.nowMs());
            auto answer = connection.post(request, body, answerLimit);
            if (!answer) {
                return answer.error();
            }
            auto answers = receiver::decodeBatchAnswer(answer.value());
            if (!answers) {
                return UploadFailure{UploadError::BadAnswer, std::nullopt, 200,
                                     receiver::describe(answers.error())};
            }
            if (answers.value().size() != items.size()) {
                return UploadFailure{UploadError::BadAnswer, std::nullopt, 200,
                                     "the batch's answer holds " +
                                         std::to_string(answers.value().size()) + " answers for " +
                                         std::to_string(items.size()) + " items"};
            }
            return std::move(answers).value();
        });
}

UploadResult<std::string> UploadClient::get(const std::string& target,
                                            std::size_t answerLimitBytes) {
    return onConnection<std::string>([&](Connection& connection) {
        const auto request =
            receiver::signPackageRequest(centreKeys_, centreId_, target, options_.nowMs());
        return connection.get(request, answerLimitBytes);
    });
}

} // namespace vigil::sync
