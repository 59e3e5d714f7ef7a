#pragma once

// A centre's side for the receiver's tests, on Beast's synchronous TLS client: one connection,
// TLS 1.3, the receiver's certificate key compared with the key pinned (as the outbox will),
// then whole requests, or raw bytes for the tests that break HTTP on purpose.
#include "tls_identity.h"
#include "vigil/receiver/upload_request.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <stdexcept>
#include <string>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)

namespace vigil::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct HttpReply {
    int status = 0;
    std::string body;
};

class HttpsTestClient {
public:
    // Throws when the handshake fails or the server's key is not the one pinned.
    HttpsTestClient(std::uint16_t port, const crypto::SigningPublicKey& pinned,
                    int maxTlsVersion = TLS1_3_VERSION)
        : stream_(io_, context_) {
        SSL_set_max_proto_version(stream_.native_handle(), maxTlsVersion);
        beast::get_lowest_layer(stream_).connect({asio::ip::make_address("127.0.0.1"), port});
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
        stream_.handshake(asio::ssl::stream_base::client);
        X509* certificate = SSL_get1_peer_certificate(stream_.native_handle());
        const auto key = sync::detail::selfSignedEd25519Key(certificate);
        X509_free(certificate);
        if (!key || *key != pinned) {
            throw std::runtime_error("the receiver presented another key");
        }
    }

    HttpReply upload(const receiver::UploadRequest& request,
                     const std::vector<std::uint8_t>& body) {
        return send(request.method, request.target, receiver::headerLines(request), body);
    }

    HttpReply send(const std::string& method, const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers,
                   const std::vector<std::uint8_t>& body) {
        http::request<http::vector_body<std::uint8_t>> request;
        request.method_string(method);
        request.target(target);
        request.version(11);
        request.set(http::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers) {
            request.set(name, value);
        }
        request.body() = body;
        request.prepare_payload();
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
        http::write(stream_, request);
        return read();
    }

    // Writes bytes as they are (part of a request, a request line without headers, ...).
    void writeRaw(std::string_view bytes) {
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
        asio::write(stream_, asio::buffer(bytes.data(), bytes.size()));
    }

    // The next response, or status 0 when the server closed the connection instead.
    HttpReply read() {
        http::response<http::string_body> response;
        beast::error_code ec;
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(20));
        http::read(stream_, buffer_, response, ec);
        if (ec) {
            return {};
        }
        return {static_cast<int>(response.result_int()), response.body()};
    }

private:
    asio::io_context io_;
    asio::ssl::context context_{asio::ssl::context::tls_client};
    beast::ssl_stream<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
};

} // namespace vigil::testing
