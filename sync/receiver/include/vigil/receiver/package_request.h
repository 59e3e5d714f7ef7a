#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/receiver/receiver_error.h"
#include "vigil/receiver/upload_request.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A centre asking the receiver for the assessment packages the awarding body published for it
// (sync/receiver/README.md, "Packages"): `GET /v1/packages` (the list) and
// `GET /v1/packages/{package id hex}` (one file), each signed by the centre's registered key
// in an envelope of its own (its own context tag, no kind, no body), with the upload's
// Vigil-Centre, Vigil-Timestamp, Vigil-Nonce and Vigil-Signature headers, the same replay
// window and the same nonce ledger.
namespace vigil::receiver {

inline constexpr std::string_view kPackageRequestContext = "vigil/package-request/v1";
inline constexpr std::string_view kPackagesPath = "/v1/packages";

struct PackageRequest {
    std::string method = "GET";
    std::string target; // /v1/packages or /v1/packages/<64 hex>
    std::string centreId;
    std::int64_t timestampMs = 0;
    Nonce nonce{};
    crypto::Signature signature{};
};

// What the centre signs: the context tag, method, target, centre, timestamp (decimal) and
// nonce (hex), each followed by a zero byte.
[[nodiscard]] std::vector<std::uint8_t> packageRequestSignedBytes(const PackageRequest& request);

// A centre's side: the request for `target`, signed, with a fresh random nonce.
[[nodiscard]] PackageRequest signPackageRequest(const crypto::SigningKeyPair& centreKeys,
                                                std::string centreId, std::string target,
                                                std::int64_t timestampMs);
[[nodiscard]] std::vector<std::pair<std::string, std::string>>
headerLines(const PackageRequest& request);

// True for the targets this envelope serves (the list and one package).
[[nodiscard]] bool isPackageTarget(std::string_view target) noexcept;
// The package id a target names (64 hex digits), or "" for the list.
[[nodiscard]] std::string packageIdOfTarget(std::string_view target);

// The receiver's side, before any key is looked up: the target is the list or a package id,
// asked with GET, and every header is present and of its form.
[[nodiscard]] ReceiverResult<PackageRequest> decodePackageRequest(std::string_view method,
                                                                  std::string_view target,
                                                                  const UploadHeaders& headers);

// The timestamp is within kReplayWindowMs of nowMs (StaleRequest), then the signature verifies
// under centreKey (BadSignature). The nonce is the store's to check.
[[nodiscard]] ReceiverResult<bool> verifyPackageRequest(const PackageRequest& request,
                                                        const crypto::SigningPublicKey& centreKey,
                                                        std::int64_t nowMs);

} // namespace vigil::receiver
