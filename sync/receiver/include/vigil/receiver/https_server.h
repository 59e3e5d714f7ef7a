#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/signing.h"
#include "vigil/receiver/upload_service.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil::receiver {

// What one connection may take. A request's headers must arrive within headerDeadline of the
// read starting (a slow-loris client trickling header bytes is dropped then), its body within
// bodyDeadline after the headers; the deadline between requests on a kept-alive connection is
// headerDeadline too.
struct ServerLimits {
    std::size_t headerBytes = 16 * 1024;
    std::size_t bodyBytes = 4 * 1024 * 1024;
    std::chrono::milliseconds handshakeDeadline{10'000};
    std::chrono::milliseconds headerDeadline{10'000};
    std::chrono::milliseconds bodyDeadline{60'000};
    std::chrono::milliseconds writeDeadline{10'000};
};

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0; // 0: any free port (started() says which)
    int threads = 2;        // each request's store call runs on one of these
    ServerLimits limits;
    // The names (or IP addresses) centres reach the receiver by: the certificate's subject
    // alternative names, which a centre's client checks the host it connected to against.
    std::vector<std::string> hostNames{"localhost"};
};

// vigil-syncd's HTTPS server: Boost.Beast on Asio with OpenSSL, TLS 1.3 only, presenting a
// self-signed certificate made from the receiver's Ed25519 key (the key centres pin and that
// signs receipts). One session per connection, on its own strand, every read and write under a
// deadline, the header and body under their size limits; the answers are UploadService's.
class HttpsServer {
public:
    // service and identity must outlive the server.
    HttpsServer(UploadService& service, const crypto::SigningKeyPair& identity,
                ServerOptions options);
    ~HttpsServer(); // stops, and closes every connection
    HttpsServer(const HttpsServer&) = delete;
    HttpsServer& operator=(const HttpsServer&) = delete;

    // Binds, listens and starts the threads; the port bound, or why not ("address in use").
    [[nodiscard]] Checked<std::uint16_t, std::string> start();
    // Stops the threads (a request being answered is finished first) and closes the listener;
    // open connections are closed by the destructor. Idempotent.
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace vigil::receiver
