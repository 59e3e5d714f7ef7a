#include "vigil/receiver/upload_service.h"

#include "vigil/receiver/package_request.h"
#include "vigil/receiver/package_service.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <chrono>

namespace vigil::receiver {

namespace {

ReceiverFailure unavailable(const StoreUnavailableError& error) {
    return {ReceiverError::StoreUnavailable, error.what()};
}

} // namespace

UploadService::UploadService(ReceiverStore& store, const crypto::SigningKeyPair& receiverKeys,
                             Clock clock)
    : store_(store)
    , receiverKeys_(receiverKeys)
    , clock_(std::move(clock)) {}

std::int64_t UploadService::systemClockMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ReceiverResult<std::int64_t> UploadService::authenticate(const UploadRequest& request,
                                                         std::span<const std::uint8_t> body) {
    try {
        const auto centre = store_.findCentre(request.centreId);
        if (!centre) {
            return ReceiverFailure{ReceiverError::UnknownCentre, request.centreId};
        }
        const auto now = clock_();
        const auto verified = verifyUpload(request, body, centre->signingKey, now);
        if (!verified) {
            return verified.error();
        }
        // Only a request the centre signed may use up one of its nonces.
        if (!store_.recordNonce(request.centreId, request.nonce, request.timestampMs)) {
            return ReceiverFailure{ReceiverError::ReplayedRequest,
                                   "nonce " + crypto::toHex(request.nonce)};
        }
        return now;
    } catch (const StoreUnavailableError& error) {
        return unavailable(error);
    }
}

ReceiverResult<Receipt> UploadService::upload(const UploadRequest& request,
                                              std::span<const std::uint8_t> body) {
    const auto now = authenticate(request, body);
    if (!now) {
        return now.error();
    }
    return store(request.centreId, request.kind, request.itemId, body, now.value());
}

ReceiverResult<std::vector<BatchItemAnswer>>
UploadService::uploadBatch(const UploadRequest& request, std::span<const std::uint8_t> body) {
    const auto now = authenticate(request, body);
    if (!now) {
        return now.error();
    }
    const auto batch = decodeBatch(body);
    if (!batch) {
        return batch.error();
    }
    std::vector<StoredItem> items;
    items.reserve(batch.value().size());
    for (const auto& entry : batch.value()) {
        const auto itemId = itemIdOf(entry.bytes);
        items.push_back({entry.kind,
                         std::vector<std::uint8_t>(entry.bytes.begin(), entry.bytes.end()),
                         signReceipt(receiverKeys_, request.centreId, itemId, now.value())});
    }
    std::vector<Receipt> held;
    try {
        held = store_.putItems(items);
    } catch (const StoreUnavailableError& error) {
        return unavailable(error);
    }
    std::vector<BatchItemAnswer> answers;
    answers.reserve(held.size());
    for (auto& receipt : held) {
        if (receipt.centreId != request.centreId) {
            // As for one item: never a receipt naming another centre.
            answers.emplace_back(
                ReceiverFailure{ReceiverError::ItemOfAnotherCentre, receipt.centreId});
        } else {
            answers.emplace_back(std::move(receipt));
        }
    }
    return answers;
}

ReceiverResult<Receipt> UploadService::accept(const std::string& centreId, ItemKind kind,
                                              const ItemId& itemId,
                                              std::span<const std::uint8_t> bytes) {
    return store(centreId, kind, itemId, bytes, clock_());
}

ReceiverResult<Receipt> UploadService::store(const std::string& centreId, ItemKind kind,
                                             const ItemId& itemId,
                                             std::span<const std::uint8_t> bytes,
                                             std::int64_t receivedAtMs) {
    try {
        StoredItem item{kind, std::vector<std::uint8_t>(bytes.begin(), bytes.end()),
                        signReceipt(receiverKeys_, centreId, itemId, receivedAtMs)};
        auto held = store_.putItem(item);
        if (held.centreId != centreId) {
            // Never hand one centre a receipt naming another: its outbox could not use it.
            return ReceiverFailure{ReceiverError::ItemOfAnotherCentre, held.centreId};
        }
        return held;
    } catch (const StoreUnavailableError& error) {
        return unavailable(error);
    }
}

HttpAnswer UploadService::answer(const HttpRequestView& request) {
    if (request.target == "/v1/health") {
        if (request.method != "GET" && request.method != "HEAD") {
            return refusal({ReceiverError::MethodNotAllowed, "health is asked with GET"});
        }
        try {
            (void)store_.findCentre("");
        } catch (const StoreUnavailableError& error) {
            return refusal(unavailable(error));
        }
        return {200, R"({"status":"ok"})"};
    }
    if (isPackageTarget(request.target)) {
        return PackageService(store_, clock_).answer(request);
    }
    const auto decoded = decodeUpload(request.method, request.target, request.headers);
    if (!decoded) {
        return refusal(decoded.error());
    }
    if (decoded.value().batch) {
        const auto answers = uploadBatch(decoded.value(), request.body);
        if (!answers) {
            return refusal(answers.error());
        }
        return {200, encodeBatchAnswer(answers.value())};
    }
    const auto receipt = upload(decoded.value(), request.body);
    if (!receipt) {
        return refusal(receipt.error());
    }
    return {200, encodeReceipt(receipt.value())};
}

HttpAnswer UploadService::refusal(const ReceiverFailure& failure) {
    return {httpStatus(failure.error), encodeRefusal(failure)};
}

} // namespace vigil::receiver
