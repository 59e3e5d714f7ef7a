#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/receiver_store.h"
#include "vigil/receiver/upload_batch.h"
#include "vigil/receiver/upload_request.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace vigil::receiver {

// A request as the HTTP layer read it, whole: what the service decides on.
struct HttpRequestView {
    std::string_view method;
    std::string_view target;
    UploadHeaders headers;
    std::span<const std::uint8_t> body;
};

struct HttpAnswer {
    int status = 200;
    std::string body;                             // JSON
    std::string contentType = "application/json"; // a package file is application/octet-stream
};

// The receiver's decisions without a network: routes a request, checks an upload in the
// documented order (README.md, "Refusals"), stores the item and answers its receipt. The HTTP
// server (https_server.h) only reads requests within their limits and writes these answers;
// the fuzz target drives the same path.
class UploadService {
public:
    using Clock = std::function<std::int64_t()>; // milliseconds since the epoch

    // receiverKeys signs receipts; both it and store must outlive the service.
    UploadService(ReceiverStore& store, const crypto::SigningKeyPair& receiverKeys,
                  Clock clock = systemClockMs);

    // POST /v1/items/{id}: the receipt, first-arrival's, or the refusal.
    [[nodiscard]] ReceiverResult<Receipt> upload(const UploadRequest& request,
                                                 std::span<const std::uint8_t> body);

    // POST /v1/batches/{digest}: the envelope checked once as an upload's, then the body decoded
    // (upload_batch.h) and every item stored in one transaction with a receipt received now;
    // an answer per item in the batch's order (ItemOfAnotherCentre for an id another centre
    // uploaded), or the refusal of the whole batch.
    [[nodiscard]] ReceiverResult<std::vector<BatchItemAnswer>>
    uploadBatch(const UploadRequest& request, std::span<const std::uint8_t> body);

    // What an upload does once its checks have passed, and what a bundle import does for each
    // item of a verified bundle: stores the item with a receipt received now unless its id is
    // held, and answers the receipt held (the first arrival's); ItemOfAnotherCentre when it is
    // held for another centre, StoreUnavailable when the store does not answer.
    [[nodiscard]] ReceiverResult<Receipt> accept(const std::string& centreId, ItemKind kind,
                                                 const ItemId& itemId,
                                                 std::span<const std::uint8_t> bytes);

    // Every route: GET /v1/health, POST /v1/items/{id}, POST /v1/batches/{digest},
    // GET /v1/packages[/{id}]
    // (PackageService); refusals as {"error","detail"}.
    [[nodiscard]] HttpAnswer answer(const HttpRequestView& request);

    [[nodiscard]] static HttpAnswer refusal(const ReceiverFailure& failure);
    [[nodiscard]] static std::int64_t systemClockMs();

private:
    // The envelope's checks in the documented order, then the nonce used up: the receiver's
    // clock when they pass.
    [[nodiscard]] ReceiverResult<std::int64_t> authenticate(const UploadRequest& request,
                                                            std::span<const std::uint8_t> body);
    [[nodiscard]] ReceiverResult<Receipt> store(const std::string& centreId, ItemKind kind,
                                                const ItemId& itemId,
                                                std::span<const std::uint8_t> bytes,
                                                std::int64_t receivedAtMs);

    ReceiverStore& store_;
    const crypto::SigningKeyPair& receiverKeys_;
    Clock clock_;
};

} // namespace vigil::receiver
