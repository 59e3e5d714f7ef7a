#include "vigil/exam/signed_file.h"

#include "byte_codec.h"
#include "vigil/crypto/hash.h"

#include <algorithm>
#include <cstring>

namespace vigil::exam {

namespace {

constexpr std::size_t kKeyIdBytes = sizeof(crypto::KeyId);
constexpr std::size_t kSignatureBytes = sizeof(crypto::Signature);

SignedFileFailure failure(SignedFileError error, std::string detail = {},
                          std::uint16_t version = 0) {
    return SignedFileFailure{error, std::move(detail), version};
}

std::size_t headerBytesOf(const SignedFileFormat& format) {
    return format.magic.size() + (format.versionField ? 4 : 0) + kKeyIdBytes + format.lengthBytes;
}

std::string versionList(std::span<const std::uint16_t> versions) {
    std::string list;
    for (const auto version : versions) {
        list += (list.empty() ? "" : ", ") + std::to_string(version);
    }
    return list;
}

// What the header says, before anything is believed of it.
struct Header {
    SignedFile file;
    std::uint64_t declaredBodyBytes = 0;
};

SignedFileResult<Header> readHeader(std::span<const std::uint8_t> bytes,
                                    const SignedFileFormat& format) {
    if (bytes.empty()) {
        return failure(SignedFileError::WrongMagic, "the file is empty");
    }
    // A file cut inside its magic is still this kind of file: a truncated one.
    const auto magic = detail::asBytes(format.magic);
    const auto compared = std::min(bytes.size(), magic.size());
    if (!std::equal(magic.begin(), magic.begin() + static_cast<std::ptrdiff_t>(compared),
                    bytes.begin())) {
        return failure(SignedFileError::WrongMagic);
    }
    Header header;
    header.file.headerBytes = headerBytesOf(format);
    if (bytes.size() < header.file.headerBytes) {
        return failure(SignedFileError::Truncated, "the header is incomplete");
    }
    detail::ByteReader in(bytes.subspan(magic.size(), header.file.headerBytes - magic.size()));
    header.file.version = format.versions.empty() ? 0 : format.versions.back();
    if (format.versionField) {
        header.file.version = in.u16("format version");
        const auto flags = in.u16("flags");
        if (std::find(format.versions.begin(), format.versions.end(), header.file.version) ==
            format.versions.end()) {
            return failure(SignedFileError::UnsupportedVersion,
                           "version " + std::to_string(header.file.version) +
                               "; this build reads version " + versionList(format.versions),
                           header.file.version);
        }
        if (flags != 0) {
            return failure(SignedFileError::UnsupportedVersion,
                           "version " + std::to_string(header.file.version) +
                               " with header flags " + std::to_string(flags) +
                               " this build does not know",
                           header.file.version);
        }
    }
    header.file.signerKeyId = in.array<kKeyIdBytes>("signer key id");
    if (format.lengthBytes == 4) {
        header.declaredBodyBytes = in.u32("body length");
    } else if (format.lengthBytes == 8) {
        header.declaredBodyBytes = in.u64("body length");
    }
    return header;
}

// Where the body ends and the signature starts, from the header and the file's size.
SignedFileResult<SignedFile> frame(std::span<const std::uint8_t> bytes,
                                   const SignedFileFormat& format, Header header) {
    auto& file = header.file;
    std::size_t bodyBytes = 0;
    if (format.lengthBytes == 0) {
        const auto smallest = file.headerBytes + kSignatureBytes;
        if (bytes.size() < smallest) {
            return failure(SignedFileError::Truncated,
                           std::to_string(bytes.size()) + " bytes, fewer than the " +
                               std::to_string(smallest) + " of a header and a signature");
        }
        bodyBytes = bytes.size() - smallest;
        if (bodyBytes > format.maxBodyBytes) {
            return failure(SignedFileError::Malformed, "the body is larger than " +
                                                           std::to_string(format.maxBodyBytes) +
                                                           " bytes");
        }
    } else {
        if (header.declaredBodyBytes > format.maxBodyBytes) {
            return failure(SignedFileError::Malformed, "the header declares a body larger than " +
                                                           std::to_string(format.maxBodyBytes) +
                                                           " bytes");
        }
        bodyBytes = static_cast<std::size_t>(header.declaredBodyBytes);
        const auto expected = file.headerBytes + bodyBytes + kSignatureBytes;
        if (bytes.size() < expected) {
            return failure(SignedFileError::Truncated, std::to_string(bytes.size()) + " of " +
                                                           std::to_string(expected) + " bytes");
        }
        if (bytes.size() > expected) {
            return failure(SignedFileError::Malformed, "bytes after the signature");
        }
    }
    file.body = bytes.subspan(file.headerBytes, bodyBytes);
    file.signedBytes = bytes.first(file.headerBytes + bodyBytes);
    std::memcpy(file.signature.data(), bytes.data() + file.signedBytes.size(), kSignatureBytes);
    return file;
}

} // namespace

std::string_view describe(SignedFileError error) noexcept {
    switch (error) {
    case SignedFileError::WrongMagic:
        return "not a file of this kind";
    case SignedFileError::UnsupportedVersion:
        return "format version not supported by this build";
    case SignedFileError::Truncated:
        return "the file is truncated (incomplete copy or download)";
    case SignedFileError::Malformed:
        return "the file is malformed";
    case SignedFileError::SignedByAnotherKey:
        return "signed by another key than the one trusted";
    case SignedFileError::BadSignature:
        return "the signature is not valid: the file was altered or damaged";
    }
    return "unknown signed file error";
}

std::string describe(const SignedFileFailure& f) {
    std::string text(describe(f.error));
    if (!f.detail.empty()) {
        text += ": " + f.detail;
    }
    return text;
}

SignedFileResult<SignedFile> readSignedFile(std::span<const std::uint8_t> bytes,
                                            const SignedFileFormat& format,
                                            const crypto::SigningPublicKey& trusted) {
    auto header = readHeader(bytes, format);
    if (!header) {
        return header.error();
    }
    const auto trustedKeyId = crypto::keyIdOf(trusted);
    if (header.value().file.signerKeyId != trustedKeyId) {
        return failure(SignedFileError::SignedByAnotherKey,
                       "signed by key " + crypto::toHex(header.value().file.signerKeyId) +
                           ", expected " + crypto::toHex(trustedKeyId));
    }
    auto file = frame(bytes, format, std::move(header).value());
    if (!file) {
        return file;
    }
    if (!crypto::verifySignature(trusted, file.value().signedBytes, file.value().signature)) {
        return failure(SignedFileError::BadSignature);
    }
    return file;
}

SignedFileResult<SignedFile> readSignedFileFrame(std::span<const std::uint8_t> bytes,
                                                 const SignedFileFormat& format) {
    auto header = readHeader(bytes, format);
    if (!header) {
        return header.error();
    }
    return frame(bytes, format, std::move(header).value());
}

std::vector<std::uint8_t> writeSignedFile(const SignedFileFormat& format,
                                          std::span<const std::uint8_t> body,
                                          const crypto::SigningKeyPair& signer) {
    detail::ByteWriter out;
    out.raw(format.magic);
    if (format.versionField) {
        out.u16(format.versions.back());
        out.u16(0);
    }
    out.raw(crypto::keyIdOf(signer.publicKey));
    if (format.lengthBytes == 4) {
        out.u32(static_cast<std::uint32_t>(body.size()));
    } else if (format.lengthBytes == 8) {
        out.u64(body.size());
    }
    out.raw(body);
    out.raw(crypto::sign(signer, out.bytes()));
    return out.take();
}

} // namespace vigil::exam
