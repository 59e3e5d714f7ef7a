#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/assessment.h"
#include "vigil/exam/serialization.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// A sealed assessment package (.vigil): signed by the awarding body, content readable only by
// the centres it was sealed to. Layout (integers little-endian):
//
//   header    "VIGILPKG" | u16 format version (1) | u16 reserved (0) | 8-byte signer key id
//             | u64 body length                                               (28 bytes)
//   body      section "META" | u32 length | canonical AssessmentMetadata (serializeMetadata)
//             section "RCPT" | u32 length | u16 count, then per centre:
//                              u8 id length | centre id | 8-byte box key id
//                              | content key sealed to the centre (crypto_box_seal, 80 bytes)
//             section "CONT" | u32 length | 32-byte key check (keyed BLAKE2b of a fixed label
//                              under the content key) | secretstream ciphertext of:
//                              BLAKE2b-256 of the META bytes | qCompress(serializeAssessment)
//   signature Ed25519 over header + body                                       (64 bytes)
//
// Header and signature are the shared signed-file frame (signed_file.h, with a u64 length):
// its one reader checks magic, version and signer key id, then the length, then the signature,
// and only then does the package look inside the body. Nothing decrypted is ever written to
// disk.
inline constexpr std::uint16_t kPackageFormatVersion = 1;
inline constexpr std::size_t kMaxPackageBytes = 512 * 1024 * 1024;
inline constexpr std::size_t kMaxRecipients = 4'096;
inline constexpr std::size_t kMaxCentreIdBytes = 64;

enum class PackageError {
    NotAVigilPackage,   // wrong magic: some other file
    UnsupportedVersion, // a format version this build does not read
    Truncated,          // shorter than its header says
    Malformed,          // signed, but a section or field breaks the format or a limit
    SignedByAnotherKey, // the header names a signer other than the awarding body key given
    BadSignature,       // the bytes are not what the awarding body signed
    NotARecipient,      // the package was not sealed to this centre
    WrongCentreKey,     // this centre is a recipient, but the key given is not its key
    WrongContentKey,    // a content key that is not this package's
    OtherKiosk,         // a content key sealed to another kiosk's key (kiosk_content_key.h)
    ContentAltered,     // the content does not decrypt or decompress under its own key
    MetadataMismatch,   // the encrypted content belongs to other metadata than the public one
    InvalidInput,       // building: an assessment or recipient list that cannot be sealed
    FileUnreadable,
    FileWriteFailed,
    PracticeAsAssessment, // a practice quiz given where an invigilated assessment is delivered
    AssessmentAsPractice, // an invigilated assessment given where practice is delivered
};

struct PackageFailure {
    PackageError error;
    std::string detail; // which field, section or file; may be empty
};

// "not a Vigil assessment package", ...: the sentence shown to a person.
[[nodiscard]] std::string_view describe(PackageError error) noexcept;
// describe(error) followed by ": detail" when there is one.
[[nodiscard]] std::string describe(const PackageFailure& failure);

template <class T> using PackageResult = Checked<T, PackageFailure>;

// One centre a package is sealed to.
struct PackageRecipient {
    std::string centreId; // [A-Za-z0-9._-], 1..64 bytes
    crypto::BoxPublicKey boxPublicKey{};
};

// What the recipient table says about one centre (no key material beyond its id).
struct RecipientInfo {
    std::string centreId;
    crypto::KeyId boxKeyId{}; // crypto::keyIdOf(the centre's X25519 public key)
};

// Everything that can be learnt from a package with the awarding body's public key alone.
struct PackageInfo {
    std::uint16_t formatVersion = 0;
    crypto::KeyId signerKeyId{};
    AssessmentMetadata metadata;
    std::vector<RecipientInfo> recipients;
    std::size_t contentBytes = 0;   // size of the encrypted content section
    crypto::Digest packageDigest{}; // BLAKE2b-256 of the whole file, as packageDigest() gives
};

// Seals an assessment for the given centres with a fresh random content key and signs it.
// InvalidInput when the assessment fails validateAssessment, when there is no recipient, a
// centre id is invalid or repeated, or anything exceeds a limit.
[[nodiscard]] PackageResult<std::vector<std::uint8_t>>
buildPackage(const Assessment& assessment, const crypto::SigningKeyPair& awardingBody,
             const std::vector<PackageRecipient>& recipients);

// Verifies the signature and reads metadata and recipients; never touches the content.
[[nodiscard]] PackageResult<PackageInfo>
readPackageInfo(std::span<const std::uint8_t> package,
                const crypto::SigningPublicKey& awardingBody);

// The package's content key, unsealed with this centre's X25519 key pair. The console (or
// `vigil-pack assign`) seals it to the one kiosk that delivers the assessment
// (kiosk_content_key.h); kiosks never hold the centre's key.
[[nodiscard]] PackageResult<crypto::SecureBuffer>
unsealContentKey(std::span<const std::uint8_t> package,
                 const crypto::SigningPublicKey& awardingBody, std::string_view centreId,
                 const crypto::BoxKeyPair& centreKeys);

// Verifies, decrypts and checks the content against the public metadata: the Assessment in
// memory only.
[[nodiscard]] PackageResult<Assessment> openPackage(std::span<const std::uint8_t> package,
                                                    const crypto::SigningPublicKey& awardingBody,
                                                    std::string_view centreId,
                                                    const crypto::BoxKeyPair& centreKeys);
[[nodiscard]] PackageResult<Assessment>
openPackageWithContentKey(std::span<const std::uint8_t> package,
                          const crypto::SigningPublicKey& awardingBody,
                          const crypto::SecureBuffer& contentKey);

// Each package is signed as an assessment or as a practice quiz (AssessmentMetadata::kind);
// whoever delivers one says which it delivers. PracticeAsAssessment or AssessmentAsPractice
// (the package's id in the detail) when the package is the other kind. The kiosk calls it on
// every package it opens, the console on every package it imports for a session.
[[nodiscard]] PackageResult<crypto::Done> requirePackageKind(const AssessmentMetadata& metadata,
                                                             PackageKind delivered);

// BLAKE2b-256 of a package's bytes: what a seat assignment names.
[[nodiscard]] crypto::Digest packageDigest(std::span<const std::uint8_t> package);

// Whole-file read, bounded by kMaxPackageBytes; no parsing (FileUnreadable on failure).
[[nodiscard]] PackageResult<std::vector<std::uint8_t>>
readPackageFile(const std::filesystem::path& path);
// Written to a temporary file in the same folder, flushed, then renamed over `path`.
[[nodiscard]] PackageResult<crypto::Done> writePackageFile(const std::filesystem::path& path,
                                                           std::span<const std::uint8_t> package);

// Byte ranges of each region of a package, from its framing only (no signature check): for
// `vigil-pack verify` and for tests that alter one region. Malformed/Truncated when the
// framing itself is broken.
struct ByteRange {
    std::size_t offset = 0;
    std::size_t size = 0;
};
struct PackageLayout {
    ByteRange header;
    ByteRange metadata;   // the META payload
    ByteRange recipients; // the RCPT payload
    ByteRange content;    // the CONT payload
    ByteRange signature;
};
[[nodiscard]] PackageResult<PackageLayout>
locatePackageRegions(std::span<const std::uint8_t> package);

} // namespace vigil::exam
