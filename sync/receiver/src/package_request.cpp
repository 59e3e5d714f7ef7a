#include "vigil/receiver/package_request.h"

#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"

#include <charconv>

namespace vigil::receiver {

namespace {

constexpr std::size_t kPackageIdHexDigits = 64;

void appendPackagePart(std::vector<std::uint8_t>& out, std::string_view part) {
    out.insert(out.end(), part.begin(), part.end());
    out.push_back(0);
}

ReceiverFailure malformedPackageRequest(std::string detail) {
    return {ReceiverError::MalformedRequest, std::move(detail)};
}

bool isLowerHex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

} // namespace

std::vector<std::uint8_t> packageRequestSignedBytes(const PackageRequest& request) {
    std::vector<std::uint8_t> out;
    appendPackagePart(out, kPackageRequestContext);
    appendPackagePart(out, request.method);
    appendPackagePart(out, request.target);
    appendPackagePart(out, request.centreId);
    appendPackagePart(out, std::to_string(request.timestampMs));
    appendPackagePart(out, crypto::toHex(request.nonce));
    return out;
}

PackageRequest signPackageRequest(const crypto::SigningKeyPair& centreKeys, std::string centreId,
                                  std::string target, std::int64_t timestampMs) {
    PackageRequest request;
    request.target = std::move(target);
    request.centreId = std::move(centreId);
    request.timestampMs = timestampMs;
    crypto::fillRandom(request.nonce);
    request.signature = crypto::sign(centreKeys, packageRequestSignedBytes(request));
    return request;
}

std::vector<std::pair<std::string, std::string>> headerLines(const PackageRequest& request) {
    return {{"Vigil-Centre", request.centreId},
            {"Vigil-Timestamp", std::to_string(request.timestampMs)},
            {"Vigil-Nonce", crypto::toHex(request.nonce)},
            {"Vigil-Signature", crypto::toHex(request.signature)}};
}

bool isPackageTarget(std::string_view target) noexcept {
    return target == kPackagesPath ||
           (target.starts_with(kPackagesPath) && target.size() > kPackagesPath.size() &&
            target[kPackagesPath.size()] == '/');
}

std::string packageIdOfTarget(std::string_view target) {
    if (!isPackageTarget(target) || target == kPackagesPath) {
        return {};
    }
    return std::string(target.substr(kPackagesPath.size() + 1));
}

ReceiverResult<PackageRequest> decodePackageRequest(std::string_view method,
                                                    std::string_view target,
                                                    const UploadHeaders& headers) {
    if (!isPackageTarget(target)) {
        return ReceiverFailure{ReceiverError::NotFound, std::string(target.substr(0, 200))};
    }
    const auto id = packageIdOfTarget(target);
    if (target != kPackagesPath && (id.size() != kPackageIdHexDigits || !isLowerHex(id))) {
        return malformedPackageRequest("the target's package id is not 64 lower-case hex digits");
    }
    if (method != "GET") {
        return ReceiverFailure{ReceiverError::MethodNotAllowed, "packages are asked with GET"};
    }
    PackageRequest request;
    request.method = method;
    request.target = target;
    if (headers.centre.empty() || headers.centre.size() > 256) {
        return malformedPackageRequest("Vigil-Centre: missing or over 256 bytes");
    }
    request.centreId = headers.centre;
    const auto& timestamp = headers.timestamp;
    const auto [end, error] =
        std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), request.timestampMs);
    if (timestamp.empty() || timestamp.size() > 15 || error != std::errc() ||
        end != timestamp.data() + timestamp.size() || request.timestampMs < 0) {
        return malformedPackageRequest(
            "Vigil-Timestamp: missing or not milliseconds since the epoch");
    }
    if (!crypto::fromHex(headers.nonce, request.nonce)) {
        return malformedPackageRequest("Vigil-Nonce: missing or not 32 hex digits");
    }
    if (!crypto::fromHex(headers.signature, request.signature)) {
        return malformedPackageRequest("Vigil-Signature: missing or not 128 hex digits");
    }
    return request;
}

ReceiverResult<bool> verifyPackageRequest(const PackageRequest& request,
                                          const crypto::SigningPublicKey& centreKey,
                                          std::int64_t nowMs) {
    const auto skew = request.timestampMs - nowMs;
    if (skew > kReplayWindowMs || skew < -kReplayWindowMs) {
        return ReceiverFailure{ReceiverError::StaleRequest,
                               std::to_string(skew / 1000) + " s from the receiver's clock"};
    }
    if (!crypto::verifySignature(centreKey, packageRequestSignedBytes(request),
                                 request.signature)) {
        return ReceiverFailure{ReceiverError::BadSignature, "centre " + request.centreId};
    }
    return true;
}

} // namespace vigil::receiver
