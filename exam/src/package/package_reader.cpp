#include "package_format.h"
#include "vigil/crypto/secret_stream.h"
#include "vigil/exam/package.h"
#include "wipe.h"

#include <QByteArray>
#include <algorithm>

namespace vigil::exam {

namespace {

PackageFailure readFailure(PackageError error, std::string detail = {}) {
    return PackageFailure{error, std::move(detail)};
}

// A package whose signature is proven and whose public parts are parsed.
struct VerifiedPackage {
    detail::PackageHeader header;
    detail::PackageSections sections;
    AssessmentMetadata metadata;
    std::vector<detail::RecipientEntry> recipients;
};

PackageResult<VerifiedPackage> verifyPackage(std::span<const std::uint8_t> package,
                                             const crypto::SigningPublicKey& awardingBody) {
    auto header = detail::verifyPackageHeader(package, awardingBody);
    if (!header) {
        return header.error();
    }
    VerifiedPackage verified;
    verified.header = header.value();
    auto body = detail::parseSignedBody(package, verified.header);
    if (!body) {
        return body.error();
    }
    verified.sections = body.value().sections;
    verified.metadata = std::move(body.value().metadata);
    verified.recipients = std::move(body.value().recipients);
    return verified;
}

std::uint32_t bigEndian32(std::span<const std::uint8_t> bytes) {
    return (static_cast<std::uint32_t>(bytes[0]) << 24) |
           (static_cast<std::uint32_t>(bytes[1]) << 16) |
           (static_cast<std::uint32_t>(bytes[2]) << 8) | static_cast<std::uint32_t>(bytes[3]);
}

PackageResult<Assessment> decryptContent(const VerifiedPackage& verified,
                                         const crypto::SecureBuffer& contentKey) {
    const auto content = verified.sections.content;
    if (content.size() < detail::kKeyCheckBytes + 24 + 17) {
        return readFailure(PackageError::Malformed, "content section is too short");
    }
    const auto keyCheck = detail::contentKeyCheck(contentKey);
    if (contentKey.size() != detail::kContentKeyBytes ||
        !crypto::constantTimeEqual(keyCheck, content.first(detail::kKeyCheckBytes))) {
        return readFailure(PackageError::WrongContentKey);
    }
    auto plain = crypto::secretStreamDecrypt(contentKey, content.subspan(detail::kKeyCheckBytes));
    if (!plain) {
        return readFailure(PackageError::ContentAltered,
                           std::string(crypto::describe(plain.error())));
    }
    return detail::decodeContent(verified.sections.metadata, plain.value().span());
}

std::string recipientList(const VerifiedPackage& verified) {
    std::string list;
    for (const auto& entry : verified.recipients) {
        list += (list.empty() ? "" : ", ") + entry.info.centreId;
    }
    return list;
}

PackageResult<crypto::SecureBuffer> unsealFrom(const VerifiedPackage& verified,
                                               std::string_view centreId,
                                               const crypto::BoxKeyPair& centreKeys) {
    const auto entry = std::find_if(verified.recipients.begin(), verified.recipients.end(),
                                    [&](const detail::RecipientEntry& candidate) {
                                        return candidate.info.centreId == centreId;
                                    });
    if (entry == verified.recipients.end()) {
        return readFailure(PackageError::NotARecipient, "centre " + std::string(centreId) +
                                                            "; sealed to " +
                                                            recipientList(verified));
    }
    if (crypto::keyIdOf(centreKeys.publicKey) != entry->info.boxKeyId) {
        return readFailure(PackageError::WrongCentreKey,
                           "sealed to key " + crypto::toHex(entry->info.boxKeyId) + ", given key " +
                               crypto::toHex(crypto::keyIdOf(centreKeys.publicKey)));
    }
    auto key = crypto::openSealed(centreKeys, entry->sealedContentKey);
    if (!key) {
        return readFailure(PackageError::WrongCentreKey,
                           "the secret key does not match its public key");
    }
    if (key.value().size() != detail::kContentKeyBytes) {
        return readFailure(PackageError::Malformed, "sealed content key has the wrong size");
    }
    return std::move(key).value();
}

} // namespace

PackageResult<PackageInfo> readPackageInfo(std::span<const std::uint8_t> package,
                                           const crypto::SigningPublicKey& awardingBody) {
    auto verified = verifyPackage(package, awardingBody);
    if (!verified) {
        return verified.error();
    }
    PackageInfo info;
    info.formatVersion = verified.value().header.formatVersion;
    info.signerKeyId = verified.value().header.signerKeyId;
    info.metadata = std::move(verified.value().metadata);
    for (const auto& entry : verified.value().recipients) {
        info.recipients.push_back(entry.info);
    }
    info.contentBytes = verified.value().sections.content.size();
    info.packageDigest = packageDigest(package);
    return info;
}

PackageResult<crypto::SecureBuffer> unsealContentKey(std::span<const std::uint8_t> package,
                                                     const crypto::SigningPublicKey& awardingBody,
                                                     std::string_view centreId,
                                                     const crypto::BoxKeyPair& centreKeys) {
    auto verified = verifyPackage(package, awardingBody);
    if (!verified) {
        return verified.error();
    }
    return unsealFrom(verified.value(), centreId, centreKeys);
}

PackageResult<Assessment> openPackage(std::span<const std::uint8_t> package,
                                      const crypto::SigningPublicKey& awardingBody,
                                      std::string_view centreId,
                                      const crypto::BoxKeyPair& centreKeys) {
    auto verified = verifyPackage(package, awardingBody);
    if (!verified) {
        return verified.error();
    }
    auto contentKey = unsealFrom(verified.value(), centreId, centreKeys);
    if (!contentKey) {
        return contentKey.error();
    }
    return decryptContent(verified.value(), contentKey.value());
}

PackageResult<Assessment> openPackageWithContentKey(std::span<const std::uint8_t> package,
                                                    const crypto::SigningPublicKey& awardingBody,
                                                    const crypto::SecureBuffer& contentKey) {
    auto verified = verifyPackage(package, awardingBody);
    if (!verified) {
        return verified.error();
    }
    return decryptContent(verified.value(), contentKey);
}

crypto::Digest packageDigest(std::span<const std::uint8_t> package) {
    return crypto::blake2b(package);
}

PackageResult<PackageLayout> locatePackageRegions(std::span<const std::uint8_t> package) {
    auto header = detail::parsePackageHeader(package);
    if (!header) {
        return header.error();
    }
    auto sections = detail::parsePackageSections(package, header.value());
    if (!sections) {
        return sections.error();
    }
    return sections.value().layout;
}

namespace detail {

PackageResult<SignedBody> parseSignedBody(std::span<const std::uint8_t> package,
                                          const PackageHeader& header) {
    auto sections = parsePackageSections(package, header);
    if (!sections) {
        return sections.error();
    }
    SignedBody body;
    body.sections = sections.value();
    auto metadata = deserializeMetadata(body.sections.metadata);
    if (!metadata) {
        return readFailure(PackageError::Malformed, metadata.error());
    }
    body.metadata = std::move(metadata).value();
    auto recipients = parseRecipients(body.sections.recipients);
    if (!recipients) {
        return recipients.error();
    }
    body.recipients = std::move(recipients).value();
    return body;
}

PackageResult<Assessment> decodeContent(std::span<const std::uint8_t> metadataSection,
                                        std::span<const std::uint8_t> plainContent) {
    if (plainContent.size() < kMetadataDigestBytes + 4) {
        return readFailure(PackageError::ContentAltered, "content is too short");
    }
    const auto metadataDigest = crypto::blake2b(metadataSection);
    if (!crypto::constantTimeEqual(metadataDigest, plainContent.first(kMetadataDigestBytes))) {
        return readFailure(PackageError::MetadataMismatch,
                           "the content was sealed with other metadata");
    }
    const auto compressed = plainContent.subspan(kMetadataDigestBytes);
    if (bigEndian32(compressed) > kMaxPlainContentBytes) {
        return readFailure(PackageError::Malformed, "content declares an oversized assessment");
    }
    QByteArray serialized =
        qUncompress(compressed.data(), static_cast<qsizetype>(compressed.size()));
    if (serialized.isEmpty()) {
        return readFailure(PackageError::ContentAltered, "content does not decompress");
    }
    auto assessment =
        deserializeAssessment({reinterpret_cast<const std::uint8_t*>(serialized.constData()),
                               static_cast<std::size_t>(serialized.size())});
    wipe(serialized);
    if (!assessment) {
        return readFailure(PackageError::Malformed, "content: " + assessment.error());
    }
    const auto innerMetadata = serializeMetadata(assessment.value().metadata);
    if (!std::equal(innerMetadata.begin(), innerMetadata.end(), metadataSection.begin(),
                    metadataSection.end())) {
        return readFailure(PackageError::MetadataMismatch,
                           "the assessment inside has other metadata than the package header");
    }
    return std::move(assessment).value();
}

} // namespace detail

} // namespace vigil::exam
