#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/signing.h"
#include "vigil/receiver/item.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/receiver_error.h"
#include "vigil/receiver/upload_batch.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The centre's side of an upload to the awarding body's receiver, vigil-syncd
// (sync/receiver/README.md): HTTPS with TLS 1.3 only, the receiver's key pinned and its host
// name checked against its certificate, each request signed in the receiver's envelope
// (receiver::signUpload, the one copy both ends build). Beast, Asio and OpenSSL stay in
// src/upload_client.cpp.
namespace vigil::sync {

// Where the receiver is and what it must prove.
struct ReceiverEndpoint {
    // The name (or IP address) the receiver's certificate carries (vigil-syncd's `host-name`),
    // resolved and connected to. A certificate that does not name it is refused.
    std::string host;
    std::uint16_t port = 8443;
    // The receiver's Ed25519 key, as `vigil-syncd init` prints it: its certificate is made from
    // it and it signs receipts. Any other key is refused before a request is sent.
    crypto::SigningPublicKey receiverKey{};
};

// Deadlines on every step; a step past its deadline ends the connection (Timeout).
struct UploadTimeouts {
    std::chrono::milliseconds connect{10'000}; // resolving and connecting
    std::chrono::milliseconds handshake{10'000};
    std::chrono::milliseconds write{30'000}; // the whole request
    std::chrono::milliseconds read{30'000};  // the whole answer
};

enum class UploadError {
    Unreachable,      // the host does not resolve, or nothing answers at its port
    HandshakeFailed,  // TLS failed (not TLS 1.3, not a certificate the link can read)
    WrongReceiverKey, // the certificate's key is not the pinned receiver key
    WrongHostName,    // the certificate does not name the host connected to
    ConnectionLost,   // the connection closed before a whole answer (the item may be stored:
                      // sending it again gets its receipt)
    Timeout,          // a step passed its deadline
    Refused,          // the receiver answered with a refusal (refusal says which)
    BadAnswer,        // an answer that is neither a receipt nor a refusal
};

struct UploadFailure {
    UploadError error = UploadError::Unreachable;
    // Refused: the receiver's error, from the code in its JSON body (nullopt for a code this
    // build does not know).
    std::optional<receiver::ReceiverError> refusal;
    int httpStatus = 0; // Refused and BadAnswer: the answer's status
    std::string detail; // the receiver's detail, the socket's or TLS's reason

    // Whether sending again later may succeed: the network, a deadline, a receiver whose store
    // did not answer (503), a replayed nonce (a retry signs afresh), a 5xx without the
    // receiver's error body (a load balancer in front of restarting receivers). A refusal of the
    // item or of the centre (a tampered body, an unknown centre, a bad signature) is not.
    [[nodiscard]] bool retryable() const noexcept;
};

[[nodiscard]] std::string_view describe(UploadError error) noexcept;
// describe(error), the receiver's sentence for a refusal, then the detail.
[[nodiscard]] std::string describe(const UploadFailure& failure);

template <class T> using UploadResult = Checked<T, UploadFailure>;

struct UploadClientOptions {
    UploadTimeouts timeouts;
    std::size_t answerLimitBytes = 64 * 1024;
    // The centre's clock (ms since the epoch) for Vigil-Timestamp; the system clock by default.
    std::function<std::int64_t()> nowMs;
};

// One connection to one receiver, opened on the first upload and kept alive between uploads;
// any failure closes it and the next upload opens a new one. Synchronous: upload() returns
// when the answer is read or a deadline passed. One thread at a time.
class UploadClient {
public:
    UploadClient(ReceiverEndpoint endpoint, std::string centreId,
                 const crypto::SigningKeyPair& centreKeys, UploadClientOptions options = {});
    ~UploadClient();
    UploadClient(const UploadClient&) = delete;
    UploadClient& operator=(const UploadClient&) = delete;

    // Sends one item (POST /v1/items/<its id>), signed afresh (new nonce and timestamp) on every
    // call, so a retry after a lost answer is a new request for the same item and the receiver
    // answers it with the item's first receipt. The receipt as the receiver sent it, decoded but
    // not verified: its signature is the outbox's to check (Outbox::acceptReceipt) before
    // anything is cleared.
    [[nodiscard]] UploadResult<receiver::Receipt> upload(receiver::ItemKind kind,
                                                         std::span<const std::uint8_t> bytes);

    // Sends many items in one request (POST /v1/batches/<digest>, upload_batch.h: at most
    // receiver::kMaxBatchItems of them, receiver::kMaxBatchItemBytes together), signed afresh on
    // every call. The answers in the items' order, each a receipt (decoded, not verified, as
    // upload's) or that one item's refusal; a failure of the whole request otherwise (a retry
    // sends the whole batch again and gets the first receipts of what was stored).
    [[nodiscard]] UploadResult<std::vector<receiver::BatchItemAnswer>>
    uploadBatch(std::span<const receiver::BatchItem> items);

    // Asks for `target` in the package envelope (receiver/package_request.h: GET, signed afresh
    // by the centre's key) on the same pinned connection: the body of a 200 answer, at most
    // answerLimitBytes, or the failure typed as an upload's (Refused with the receiver's error:
    // NotFound for a package this centre does not hold).
    [[nodiscard]] UploadResult<std::string> get(const std::string& target,
                                                std::size_t answerLimitBytes);

    // Closes the connection (the next upload opens one).
    void disconnect();

    [[nodiscard]] const ReceiverEndpoint& endpoint() const noexcept { return endpoint_; }

private:
    class Connection;
    // Runs exchange(connection) on the kept-alive connection, opening one when there is none.
    template <class Answer, class Exchange> UploadResult<Answer> onConnection(Exchange&& exchange);

    ReceiverEndpoint endpoint_;
    std::string centreId_;
    const crypto::SigningKeyPair& centreKeys_;
    UploadClientOptions options_;
    std::unique_ptr<Connection> connection_;
};

} // namespace vigil::sync
