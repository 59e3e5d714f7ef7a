#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// What the kiosk's signature over a record covers begins with this tag, so it can never be
// taken for another Vigil signature (a journal head, a seat assignment, a package).
inline constexpr std::string_view kResultRecordContext = "vigil/result-record/v2";

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
    // Ids of the reference documents the paper made available in the kiosk (the canonical
    // JSON names them only when there are some, so other records keep their bytes).
    std::vector<std::string> referenceMaterial;
    // The journal head the record was issued at (the submission): the console holds the same
    // chain and the awarding body can check the result against it.
    std::int64_t journalSequence = -1;
    crypto::Digest journalHead{};
    // What the sitting was delivered from: BLAKE2b-256 of the seat assignment file's bytes and
    // of the package file's bytes (exam::packageDigest; also the assignment's packageDigest).
    crypto::Digest assignmentDigest{};
    crypto::Digest packageDigest{};
    crypto::KeyId kioskKeyId{};

    bool operator==(const ResultRecord&) const = default;
};

// Compact JSON with sorted keys.
[[nodiscard]] std::string canonicalResultJson(const ResultRecord& record);
// The bytes signed: u32 length (little-endian) || kResultRecordContext || canonical JSON.
[[nodiscard]] std::vector<std::uint8_t> resultSignedBytes(std::string_view canonicalJson);
[[nodiscard]] crypto::Result<ResultRecord> parseResultJson(std::string_view json);

// Sealed layout: crypto_box_seal(awarding body, "VGLR" || version 2 || kiosk key id (8) ||
// Ed25519 signature (64) || canonical JSON). The signature covers resultSignedBytes(JSON).
// record.kioskKeyId is set from kioskKeys.
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
