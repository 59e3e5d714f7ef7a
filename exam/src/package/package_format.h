#pragma once

#include "vigil/exam/package.h"
#include "vigil/exam/signed_file.h"

#include <array>
#include <span>
#include <string_view>

namespace vigil::exam::detail {

inline constexpr std::string_view kPackageMagic = "VIGILPKG";
inline constexpr std::size_t kPackageHeaderBytes = 8 + 2 + 2 + 8 + 8;
inline constexpr std::array<std::uint16_t, 1> kPackageVersions{kPackageFormatVersion};
// The package's frame: a u64 body length, the one difference from a seat assignment's.
inline constexpr SignedFileFormat kPackageFile{.magic = kPackageMagic,
                                               .versions = kPackageVersions,
                                               .versionField = true,
                                               .lengthBytes = 8,
                                               .maxBodyBytes = kMaxPackageBytes};
inline constexpr std::size_t kSectionHeaderBytes = 8; // 4-byte tag, u32 length
inline constexpr std::string_view kMetadataTag = "META";
inline constexpr std::string_view kRecipientsTag = "RCPT";
inline constexpr std::string_view kContentTag = "CONT";
inline constexpr std::size_t kMaxMetadataSectionBytes = 64 * 1024;
inline constexpr std::size_t kContentKeyBytes = 32;
inline constexpr std::size_t kSealedContentKeyBytes = kContentKeyBytes + crypto::kSealOverheadBytes;
inline constexpr std::size_t kKeyCheckBytes = 32;
inline constexpr std::size_t kMetadataDigestBytes = 32;
inline constexpr std::size_t kRecipientEntryMaxBytes =
    1 + kMaxCentreIdBytes + 8 + kSealedContentKeyBytes;
inline constexpr std::size_t kMaxRecipientsSectionBytes =
    2 + kMaxRecipients * kRecipientEntryMaxBytes;
// What qUncompress may be asked to produce: the serialised assessment.
inline constexpr std::size_t kMaxPlainContentBytes = 1024u * 1024u * 1024u;
inline constexpr std::string_view kKeyCheckLabel = "vigil package content key check v1";

struct PackageHeader {
    std::uint16_t formatVersion = 0;
    crypto::KeyId signerKeyId{};
    std::span<const std::uint8_t> signedBytes; // header + body
    crypto::Signature signature{};
    ByteRange body;
};

struct PackageSections {
    std::span<const std::uint8_t> metadata;
    std::span<const std::uint8_t> recipients;
    std::span<const std::uint8_t> content;
    PackageLayout layout;
};

struct RecipientEntry {
    RecipientInfo info;
    std::span<const std::uint8_t> sealedContentKey;
};

// The frame only (readSignedFileFrame: magic, version, flags, lengths), no signer check.
[[nodiscard]] PackageResult<PackageHeader>
parsePackageHeader(std::span<const std::uint8_t> package);
// The whole signed-file check against the awarding body's key (readSignedFile).
[[nodiscard]] PackageResult<PackageHeader>
verifyPackageHeader(std::span<const std::uint8_t> package,
                    const crypto::SigningPublicKey& awardingBody);
// The three sections inside a body, in order, each within its limit.
[[nodiscard]] PackageResult<PackageSections>
parsePackageSections(std::span<const std::uint8_t> package, const PackageHeader& header);
[[nodiscard]] PackageResult<std::vector<RecipientEntry>>
parseRecipients(std::span<const std::uint8_t> section);

// The parsers a package reaches only once its signature is proven (readers call them right
// after verifying it; the fuzz targets in tests/fuzz call them directly): the sections, the
// metadata and the recipient table of a body ...
struct SignedBody {
    PackageSections sections;
    AssessmentMetadata metadata;
    std::vector<RecipientEntry> recipients;
};
[[nodiscard]] PackageResult<SignedBody> parseSignedBody(std::span<const std::uint8_t> package,
                                                        const PackageHeader& header);
// ... and the decrypted content (metadata digest | qCompress(serializeAssessment)), which must
// belong to the public metadata section it was sealed with.
[[nodiscard]] PackageResult<Assessment> decodeContent(std::span<const std::uint8_t> metadataSection,
                                                      std::span<const std::uint8_t> plainContent);

[[nodiscard]] bool isValidCentreId(std::string_view centreId);
[[nodiscard]] crypto::Digest contentKeyCheck(const crypto::SecureBuffer& contentKey);

} // namespace vigil::exam::detail
