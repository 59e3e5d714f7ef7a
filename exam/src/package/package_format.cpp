#include "package_format.h"

#include "byte_codec.h"

#include <algorithm>
#include <cstring>

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

} // namespace

PackageResult<PackageHeader> parsePackageHeader(std::span<const std::uint8_t> package) {
    if (package.empty()) {
        return failure(PackageError::NotAVigilPackage, "the file is empty");
    }
    const auto magicBytes = std::min(package.size(), kPackageMagic.size());
    if (!tagIs(package.first(magicBytes), kPackageMagic.substr(0, magicBytes))) {
        return failure(PackageError::NotAVigilPackage);
    }
    if (package.size() < kPackageHeaderBytes) {
        return failure(PackageError::Truncated, "the header is incomplete");
    }
    ByteReader in(package.subspan(kPackageMagic.size()));
    PackageHeader header;
    header.formatVersion = in.u16("format version");
    const auto reserved = in.u16("reserved");
    header.signerKeyId = in.array<8>("signer key id");
    const auto bodyLength = in.u64("body length");
    if (header.formatVersion != kPackageFormatVersion) {
        return failure(PackageError::UnsupportedVersion,
                       "version " + std::to_string(header.formatVersion) + ", this build reads " +
                           std::to_string(kPackageFormatVersion));
    }
    if (reserved != 0) {
        return failure(PackageError::UnsupportedVersion, "header flags this build does not know");
    }
    if (bodyLength > kMaxPackageBytes) {
        return failure(PackageError::Malformed, "the header declares a body larger than " +
                                                    std::to_string(kMaxPackageBytes) + " bytes");
    }
    const auto expected = kPackageHeaderBytes + bodyLength + sizeof(crypto::Signature);
    if (package.size() < expected) {
        return failure(PackageError::Truncated, std::to_string(package.size()) + " of " +
                                                    std::to_string(expected) + " bytes");
    }
    if (package.size() > expected) {
        return failure(PackageError::Malformed, "bytes after the signature");
    }
    header.body = {kPackageHeaderBytes, static_cast<std::size_t>(bodyLength)};
    header.signedBytes = package.first(kPackageHeaderBytes + header.body.size);
    std::memcpy(header.signature.data(), package.data() + header.signedBytes.size(),
                header.signature.size());
    return header;
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
