#include "vigil/receiver/upload_request.h"

#include "vigil/crypto/random.h"

#include <charconv>

namespace vigil::receiver {

namespace {

void append(std::vector<std::uint8_t>& out, std::string_view part) {
    out.insert(out.end(), part.begin(), part.end());
    out.push_back(0);
}

std::string_view kindField(const UploadRequest& request) {
    return request.batch ? kBatchKindName : kindName(request.kind);
}

ReceiverFailure malformed(std::string detail) {
    return {ReceiverError::MalformedRequest, std::move(detail)};
}

// A decimal integer of at most 15 digits (a JSON-safe millisecond clock), no sign or spaces.
std::optional<std::int64_t> parseMillis(std::string_view text) {
    if (text.empty() || text.size() > 15) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) {
        return std::nullopt;
    }
    return value;
}

} // namespace

std::vector<std::uint8_t> signedBytes(const UploadRequest& request,
                                      const crypto::Digest& bodyDigest) {
    std::vector<std::uint8_t> out;
    append(out, kUploadContext);
    append(out, request.method);
    append(out, request.target);
    append(out, request.centreId);
    append(out, kindField(request));
    append(out, itemIdHex(request.itemId));
    append(out, crypto::toHex(bodyDigest));
    append(out, std::to_string(request.timestampMs));
    append(out, crypto::toHex(request.nonce));
    return out;
}

UploadRequest signUpload(const crypto::SigningKeyPair& centreKeys, std::string centreId,
                         ItemKind kind, std::span<const std::uint8_t> body,
                         std::int64_t timestampMs) {
    UploadRequest request;
    request.itemId = itemIdOf(body);
    request.target = std::string(kItemsPathPrefix) + itemIdHex(request.itemId);
    request.centreId = std::move(centreId);
    request.kind = kind;
    request.timestampMs = timestampMs;
    crypto::fillRandom(request.nonce);
    request.signature = crypto::sign(centreKeys, signedBytes(request, request.itemId));
    return request;
}

UploadRequest signBatchUpload(const crypto::SigningKeyPair& centreKeys, std::string centreId,
                              std::span<const std::uint8_t> batchBody, std::int64_t timestampMs) {
    UploadRequest request;
    request.batch = true;
    request.itemId = itemIdOf(batchBody);
    request.target = std::string(kBatchesPathPrefix) + itemIdHex(request.itemId);
    request.centreId = std::move(centreId);
    request.timestampMs = timestampMs;
    crypto::fillRandom(request.nonce);
    request.signature = crypto::sign(centreKeys, signedBytes(request, request.itemId));
    return request;
}

std::vector<std::pair<std::string, std::string>> headerLines(const UploadRequest& request) {
    return {{"Vigil-Centre", request.centreId},
            {"Vigil-Kind", std::string(kindField(request))},
            {"Vigil-Timestamp", std::to_string(request.timestampMs)},
            {"Vigil-Nonce", crypto::toHex(request.nonce)},
            {"Vigil-Signature", crypto::toHex(request.signature)}};
}

ReceiverResult<UploadRequest> decodeUpload(std::string_view method, std::string_view target,
                                           const UploadHeaders& headers) {
    UploadRequest request;
    request.batch = target.starts_with(kBatchesPathPrefix);
    const auto prefix = request.batch ? kBatchesPathPrefix : kItemsPathPrefix;
    if (!target.starts_with(prefix)) {
        return ReceiverFailure{ReceiverError::NotFound, std::string(target.substr(0, 200))};
    }
    const auto id = parseItemId(target.substr(prefix.size()));
    if (!id) {
        return malformed(request.batch ? "the target's batch digest is not 64 hex digits"
                                       : "the target's item id is not 64 hex digits");
    }
    if (method != "POST") {
        return ReceiverFailure{ReceiverError::MethodNotAllowed,
                               request.batch ? "batches are uploaded with POST"
                                             : "items are uploaded with POST"};
    }
    request.method = method;
    request.target = target;
    request.itemId = *id;
    if (headers.centre.empty() || headers.centre.size() > 256) {
        return malformed("Vigil-Centre: missing or over 256 bytes");
    }
    request.centreId = headers.centre;
    if (headers.kind.empty()) {
        return malformed("Vigil-Kind: missing");
    }
    if (request.batch) {
        if (headers.kind != kBatchKindName) {
            return malformed("Vigil-Kind: a batch's is `batch`");
        }
    } else {
        const auto kind = parseKind(headers.kind);
        if (!kind) {
            return ReceiverFailure{ReceiverError::UnknownItemKind,
                                   "Vigil-Kind: " + std::string(headers.kind.substr(0, 64))};
        }
        request.kind = *kind;
    }
    const auto timestamp = parseMillis(headers.timestamp);
    if (!timestamp) {
        return malformed("Vigil-Timestamp: missing or not milliseconds since the epoch");
    }
    request.timestampMs = *timestamp;
    if (!crypto::fromHex(headers.nonce, request.nonce)) {
        return malformed("Vigil-Nonce: missing or not 32 hex digits");
    }
    if (!crypto::fromHex(headers.signature, request.signature)) {
        return malformed("Vigil-Signature: missing or not 128 hex digits");
    }
    return request;
}

ReceiverResult<ItemId> verifyUpload(const UploadRequest& request,
                                    std::span<const std::uint8_t> body,
                                    const crypto::SigningPublicKey& centreKey, std::int64_t nowMs) {
    const auto bodyDigest = itemIdOf(body);
    if (bodyDigest != request.itemId) {
        return ReceiverFailure{ReceiverError::ItemIdMismatch,
                               "the body hashes to " + itemIdHex(bodyDigest)};
    }
    const auto skew = request.timestampMs - nowMs;
    if (skew > kReplayWindowMs || skew < -kReplayWindowMs) {
        return ReceiverFailure{ReceiverError::StaleRequest,
                               std::to_string(skew / 1000) + " s from the receiver's clock"};
    }
    if (!crypto::verifySignature(centreKey, signedBytes(request, bodyDigest), request.signature)) {
        return ReceiverFailure{ReceiverError::BadSignature, "centre " + request.centreId};
    }
    return request.itemId;
}

} // namespace vigil::receiver
