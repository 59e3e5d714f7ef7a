#include "byte_codec.h"
#include "package_format.h"
#include "vigil/crypto/secret_stream.h"
#include "vigil/exam/package.h"
#include "wipe.h"

#include <QByteArray>
#include <set>

namespace vigil::exam {

namespace {

PackageFailure invalid(std::string detail) {
    return PackageFailure{PackageError::InvalidInput, std::move(detail)};
}

std::string checkRecipients(const std::vector<PackageRecipient>& recipients) {
    if (recipients.empty()) {
        return "no recipient centre";
    }
    if (recipients.size() > kMaxRecipients) {
        return "more than " + std::to_string(kMaxRecipients) + " recipient centres";
    }
    std::set<std::string> seen;
    for (const auto& recipient : recipients) {
        if (!detail::isValidCentreId(recipient.centreId)) {
            return "centre id \"" + recipient.centreId +
                   "\" is not 1 to 64 characters of A-Z a-z 0-9 . _ -";
        }
        if (!seen.insert(recipient.centreId).second) {
            return "centre " + recipient.centreId + " is listed twice";
        }
    }
    return {};
}

void writeSection(detail::ByteWriter& out, std::string_view tag,
                  std::span<const std::uint8_t> payload) {
    out.raw(tag);
    out.u32(static_cast<std::uint32_t>(payload.size()));
    out.raw(payload);
}

// digest(metadata) || qCompress(assessment), in guarded memory: it holds the correct answers.
PackageResult<crypto::SecureBuffer> plainContent(const Assessment& assessment,
                                                 std::span<const std::uint8_t> metadataBytes) {
    auto serialized = serializeAssessment(assessment);
    if (!serialized) {
        return invalid(serialized.error());
    }
    auto& plain = serialized.value();
    if (plain.size() > detail::kMaxPlainContentBytes) {
        detail::wipe(plain);
        return invalid("the assessment is larger than " +
                       std::to_string(detail::kMaxPlainContentBytes) + " bytes");
    }
    QByteArray compressed =
        qCompress(plain.data(), static_cast<qsizetype>(plain.size()), /*compressionLevel=*/9);
    detail::wipe(plain);
    crypto::SecureBuffer payload(detail::kMetadataDigestBytes +
                                 static_cast<std::size_t>(compressed.size()));
    const auto digest = crypto::blake2b(metadataBytes);
    std::copy(digest.begin(), digest.end(), payload.data());
    std::copy(compressed.cbegin(), compressed.cend(),
              payload.data() + detail::kMetadataDigestBytes);
    detail::wipe(compressed);
    return payload;
}

} // namespace

PackageResult<std::vector<std::uint8_t>>
buildPackage(const Assessment& assessment, const crypto::SigningKeyPair& awardingBody,
             const std::vector<PackageRecipient>& recipients) {
    if (auto problem = checkRecipients(recipients); !problem.empty()) {
        return invalid(problem);
    }
    const auto metadataBytes = serializeMetadata(assessment.metadata);
    auto payload = plainContent(assessment, metadataBytes);
    if (!payload) {
        return payload.error();
    }
    const auto contentKey = crypto::SecureBuffer::random(detail::kContentKeyBytes);
    detail::ByteWriter content;
    content.raw(detail::contentKeyCheck(contentKey));
    content.raw(crypto::secretStreamEncrypt(contentKey, payload.value().span()));

    detail::ByteWriter table;
    table.u16(static_cast<std::uint16_t>(recipients.size()));
    for (const auto& recipient : recipients) {
        table.u8(static_cast<std::uint8_t>(recipient.centreId.size()));
        table.raw(recipient.centreId);
        table.raw(crypto::keyIdOf(recipient.boxPublicKey));
        const auto sealed = crypto::sealTo(recipient.boxPublicKey, contentKey.span());
        if (sealed.size() != detail::kSealedContentKeyBytes) {
            return invalid("cannot seal the content key to centre " + recipient.centreId);
        }
        table.raw(sealed);
    }

    detail::ByteWriter body;
    writeSection(body, detail::kMetadataTag, metadataBytes);
    writeSection(body, detail::kRecipientsTag, table.bytes());
    writeSection(body, detail::kContentTag, content.bytes());
    if (content.size() > kMaxPackageBytes || body.size() > kMaxPackageBytes) {
        return invalid("the sealed package would be larger than " +
                       std::to_string(kMaxPackageBytes) + " bytes");
    }

    auto bytes = writeSignedFile(detail::kPackageFile, body.bytes(), awardingBody);

    // As minisign does: prove the result opens before handing it out.
    if (auto check = openPackageWithContentKey(bytes, awardingBody.publicKey, contentKey); !check) {
        return invalid("the package does not verify after sealing (" + describe(check.error()) +
                       "): is the signing key pair consistent?");
    }
    return bytes;
}

} // namespace vigil::exam
