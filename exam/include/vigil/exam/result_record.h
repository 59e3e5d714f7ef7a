#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vigil::exam {

struct ItemResponse {
    std::string itemId;
    std::vector<std::string> chosen; // empty: unanswered
    double score = 0.0;
    double maxScore = 0.0;

    bool operator==(const ItemResponse&) const = default;
};

// What the awarding body receives for one sitting.
struct ResultRecord {
    std::string sittingId;
    std::string sessionId;
    std::string candidateRegistration;
    std::string centreId;
    std::string seat;
    std::string assessmentId;
    std::string assessmentVersion;
    std::int64_t startedWallMs = 0;
    std::int64_t submittedWallMs = 0;
    std::int64_t timeUsedMs = 0;
    bool timedOut = false;
    double score = 0.0;
    double maxScore = 0.0;
    double percentage = 0.0;
    bool passed = false;
    std::vector<ItemResponse> responses; // presentation order
    int incidents = 0;
    crypto::Digest journalHash{}; // BLAKE2b over the journal's events up to submission
    crypto::KeyId kioskKeyId{};

    bool operator==(const ResultRecord&) const = default;
};

// Compact JSON with sorted keys; the bytes that are signed.
[[nodiscard]] std::string canonicalResultJson(const ResultRecord& record);
[[nodiscard]] crypto::Result<ResultRecord> parseResultJson(std::string_view json);

// Sealed layout: crypto_box_seal(awarding body, "VGLR" || version 1 || kiosk key id (8) ||
// Ed25519 signature (64) || canonical JSON). record.kioskKeyId is set from kioskKeys.
[[nodiscard]] std::vector<std::uint8_t> sealResultRecord(ResultRecord record,
                                                         const crypto::SigningKeyPair& kioskKeys,
                                                         const crypto::BoxPublicKey& awardingBody);

// The signed envelope inside the seal, before its signature is checked.
struct SignedResult {
    crypto::KeyId kioskKeyId{};
    crypto::Signature signature{};
    std::string json;
};

// Step 1 (the receiver looks up the kiosk key by id): AuthenticationFailed for a wrong
// recipient or altered seal, Truncated / UnknownFormat for a malformed envelope.
[[nodiscard]] crypto::Result<SignedResult> openSealedResult(std::span<const std::uint8_t> sealed,
                                                            const crypto::BoxKeyPair& awardingBody);
// Step 2: KeyMismatch when the id is not this key's, BadSignature, UnknownFormat for bad JSON.
[[nodiscard]] crypto::Result<ResultRecord>
verifySignedResult(const SignedResult& signedResult, const crypto::SigningPublicKey& kiosk);
// Both steps.
[[nodiscard]] crypto::Result<ResultRecord> openResultRecord(std::span<const std::uint8_t> sealed,
                                                            const crypto::BoxKeyPair& awardingBody,
                                                            const crypto::SigningPublicKey& kiosk);

} // namespace vigil::exam
