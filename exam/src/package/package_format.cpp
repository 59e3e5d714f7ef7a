#include "package_format.h"

#include "byte_codec.h"

#include <algorithm>

namespace vigil::exam::detail {

namespace {

PackageFailure failure(PackageError error, std::string detail = {}) {
    return PackageFailure{error, std::move(detail)};
}

bool tagIs(std::span<const std::uint8_t> bytes, std::string_view tag) {
    return bytes.size() == tag.size() &&
           std::equal(bytes.begin(), bytes.end(), tag.begin(),
                      [](std::uint8_t b, char c) { return b == static_cast<std::uint8_t>(c); });
}

PackageFailure packageFailure(const SignedFileFailure& f) {
    switch (f.error) {
    case SignedFileError::WrongMagic:
        return failure(PackageError::NotAVigilPackage, f.detail);
    case SignedFileError::UnsupportedVersion:
        return failure(PackageError::UnsupportedVersion, f.detail);
    case SignedFileError::Truncated:
        return failure(PackageError::Truncated, f.detail);
    case SignedFileError::Malformed:
        return failure(PackageError::Malformed, f.detail);
    case SignedFileError::SignedByAnotherKey:
        return failure(PackageError::SignedByAnotherKey, f.detail);
    case SignedFileError::BadSignature:
        return failure(PackageError::BadSignature, f.detail);
    }
    return failure(PackageError::Malformed, f.detail);
}

PackageResult<PackageHeader> packageHeader(SignedFileResult<SignedFile> file) {
    if (!file) {
        return packageFailure(file.error());
    }
    const auto& f = file.value();
    PackageHeader header;
    header.formatVersion = f.version;
    header.signerKeyId = f.signerKeyId;
    header.signedBytes = f.signedBytes;
    header.signature = f.signature;
    header.body = {f.headerBytes, f.body.size()};
    return header;
}

} // namespace

PackageResult<PackageHeader> parsePackageHeader(std::span<const std::uint8_t> package) {
    return packageHeader(readSignedFileFrame(package, kPackageFile));
}

PackageResult<PackageHeader> verifyPackageHeader(std::span<const std::uint8_t> package,
                                                 const crypto::SigningPublicKey& awardingBody) {
    return packageHeader(readSignedFile(package, kPackageFile, awardingBody));
}

PackageResult<PackageSections> parsePackageSections(std::span<const std::uint8_t> package,
                                                    const PackageHeader& header) {
    PackageSections sections;
    sections.layout.header = {0, kPackageHeaderBytes};
    sections.layout.signature = {header.signedBytes.size(), sizeof(crypto::Signature)};
    ByteReader in(package.subspan(header.body.offset, header.body.size));
    const std::array<
        std::tuple<std::string_view, std::size_t, std::span<const std::uint8_t>*, ByteRange*>, 3>
        expected{{{kMetadataTag, kMaxMetadataSectionBytes, &sections.metadata,
                   &sections.layout.metadata},
                  {kRecipientsTag, kMaxRecipientsSectionBytes, &sections.recipients,
                   &sections.layout.recipients},
                  {kContentTag, kMaxPackageBytes, &sections.content, &sections.layout.content}}};
    for (const auto& [tag, limit, bytes, range] : expected) {
        const auto foundTag = in.raw(tag.size(), "section tag");
        if (in.failed() || !tagIs(foundTag, tag)) {
            return failure(PackageError::Malformed, "expected section " + std::string(tag));
        }
        const auto length = in.u32("section length");
        if (length > limit) {
            return failure(PackageError::Malformed, "section " + std::string(tag) +
                                                        " is larger than " + std::to_string(limit) +
                                                        " bytes");
        }
        const auto offset = header.body.offset + in.position();
        *bytes = in.raw(length, "section");
        if (in.failed()) {
            return failure(PackageError::Malformed,
                           "section " + std::string(tag) + " runs past the end of the body");
        }
        *range = {offset, length};
    }
    if (!in.atEnd()) {
        return failure(PackageError::Malformed, "bytes after the last section");
    }
    return sections;
}

PackageResult<std::vector<RecipientEntry>> parseRecipients(std::span<const std::uint8_t> section) {
    ByteReader in(section);
    const auto count = in.u16("recipient count");
    if (in.failed() || count == 0 || count > kMaxRecipients) {
        return failure(PackageError::Malformed,
                       "recipient count is not between 1 and " + std::to_string(kMaxRecipients));
    }
    std::vector<RecipientEntry> entries;
    for (std::size_t i = 0; i < count; ++i) {
        RecipientEntry entry;
        const auto idLength = in.u8("centre id length");
        const auto id = in.raw(idLength, "centre id");
        entry.info.centreId.assign(id.begin(), id.end());
        entry.info.boxKeyId = in.array<8>("box key id");
        entry.sealedContentKey = in.raw(kSealedContentKeyBytes, "sealed content key");
        if (in.failed()) {
            return failure(PackageError::Malformed, "recipient table: " + in.failure());
        }
        if (!isValidCentreId(entry.info.centreId)) {
            return failure(PackageError::Malformed, "recipient table: invalid centre id");
        }
        for (const auto& earlier : entries) {
            if (earlier.info.centreId == entry.info.centreId) {
                return failure(PackageError::Malformed,
                               "recipient table: centre " + entry.info.centreId + " twice");
            }
        }
        entries.push_back(std::move(entry));
    }
    if (!in.atEnd()) {
        return failure(PackageError::Malformed, "recipient table: trailing bytes");
    }
    return entries;
}

bool isValidCentreId(std::string_view centreId) {
    return !centreId.empty() && centreId.size() <= kMaxCentreIdBytes &&
           std::all_of(centreId.begin(), centreId.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
           });
}

crypto::Digest contentKeyCheck(const crypto::SecureBuffer& contentKey) {
    return crypto::blake2b(asBytes(kKeyCheckLabel), contentKey.span());
}

} // namespace vigil::exam::detail
