#include "vigil/exam/seat_assignment.h"

#include "byte_codec.h"
#include "package_format.h"
#include "seat_assignment_body.h"
#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"
#include "vigil/crypto/identity_box_key.h"
#include "vigil/crypto/password_hash.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/signed_file.h"

#include <QDate>
#include <QString>
#include <algorithm>
#include <set>

namespace vigil::exam {

namespace {

constexpr std::array<std::uint16_t, 1> kVersionsRead{kSeatAssignmentFormatVersion};
// The reader arrangements byte (AccessibilityOptions); any other bit is refused.
constexpr std::uint8_t kScreenReaderBit = 0x01;
constexpr std::uint8_t kComputerReaderBit = 0x02;
constexpr SignedFileFormat kSeatAssignmentFile{.magic = "VIGILSEA",
                                               .versions = kVersionsRead,
                                               .versionField = true,
                                               .lengthBytes = 4,
                                               .maxBodyBytes = kMaxSeatAssignmentBytes};
constexpr std::size_t kMaxFieldBytes = 256;
constexpr std::size_t kMaxHashBytes = 512;
constexpr std::string_view kArgon2idPrefix = "$argon2id$";

SeatAssignmentFailure failure(SeatAssignmentError error, std::string detail = {}) {
    return SeatAssignmentFailure{error, std::move(detail)};
}

SeatAssignmentFailure seatAssignmentFailure(const SignedFileFailure& f) {
    switch (f.error) {
    case SignedFileError::WrongMagic:
        return failure(SeatAssignmentError::NotASeatAssignment, f.detail);
    case SignedFileError::UnsupportedVersion:
        if (f.version == 1) {
            return failure(SeatAssignmentError::UnsupportedVersion,
                           "version 1 hashes each invigilator's PIN and password apart, which "
                           "this kiosk no longer accepts: issue the assignment again with this "
                           "version of vigil-pack (vigil-pack assign)");
        }
        if (f.version == 2) {
            return failure(SeatAssignmentError::UnsupportedVersion,
                           "version 2 names no kiosk, and its package opens only with the "
                           "centre's box key, which kiosks no longer hold: issue the assignment "
                           "again for this PC's key with this version of vigil-pack "
                           "(vigil-pack assign --kiosk-key), or deliver it from the console");
        }
        return failure(SeatAssignmentError::UnsupportedVersion, f.detail);
    case SignedFileError::Truncated:
        return failure(SeatAssignmentError::Truncated, f.detail);
    case SignedFileError::Malformed:
        return failure(SeatAssignmentError::Malformed, f.detail);
    case SignedFileError::SignedByAnotherKey:
        return failure(SeatAssignmentError::SignedByAnotherKey, f.detail);
    case SignedFileError::BadSignature:
        return failure(SeatAssignmentError::BadSignature, f.detail);
    }
    return failure(SeatAssignmentError::Malformed, f.detail);
}

bool hasControlCharacters(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool isImage(std::span<const std::uint8_t> photo) {
    static constexpr std::array<std::uint8_t, 3> jpeg{0xFF, 0xD8, 0xFF};
    static constexpr std::array<std::uint8_t, 8> png{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    const auto startsWith = [&](std::span<const std::uint8_t> magic) {
        return photo.size() > magic.size() && std::equal(magic.begin(), magic.end(), photo.begin());
    };
    return startsWith(jpeg) || startsWith(png);
}

// Empty when every field is within the format; otherwise the first field that is not.
std::string validate(const SeatAssignment& a) {
    const bool practice = isPracticeAssignment(a);
    for (const auto& [field, value] :
         {std::pair{"session id", &a.sessionId}, std::pair{"centre name", &a.centreName},
          std::pair{"room", &a.room}, std::pair{"seat", &a.seatLabel},
          std::pair{"candidate name", &a.candidateName},
          std::pair{"registration number", &a.registrationNumber},
          std::pair{"assessment id", &a.assessmentId},
          std::pair{"assessment version", &a.assessmentVersion}}) {
        const bool candidateField = value == &a.candidateName || value == &a.registrationNumber;
        if (practice && candidateField) {
            continue; // a practice assignment names no candidate (isPracticeAssignment)
        }
        if (value->empty() || value->size() > kMaxFieldBytes ||
            !detail::ByteReader::isValidUtf8(*value) || hasControlCharacters(*value)) {
            return std::string(field) + " is empty, too long or not plain text";
        }
    }
    if (!detail::isValidCentreId(a.centreId)) {
        return "centre id is not 1 to 64 characters of A-Z a-z 0-9 . _ -";
    }
    const auto date = QDate::fromString(QString::fromStdString(a.sessionDate), Qt::ISODate);
    if (a.sessionDate.size() != 10 || !date.isValid()) {
        return "session date is not a date written yyyy-MM-dd";
    }
    if (!a.photo.empty() && (a.photo.size() > kMaxPhotoBytes || !isImage(a.photo))) {
        return "photo is not a JPEG or PNG image of at most " + std::to_string(kMaxPhotoBytes) +
               " bytes";
    }
    const auto& access = a.accessibility;
    if (access.textScale < 0 || access.textScale > 2) {
        return "text scale is not 0, 1 or 2";
    }
    if (access.overlayColour && std::find(kOverlayColours.begin(), kOverlayColours.end(),
                                          *access.overlayColour) == kOverlayColours.end()) {
        return "overlay colour \"" + *access.overlayColour + "\" is not a known overlay";
    }
    if (access.extraTimePercent < 0 || access.extraTimePercent > 100) {
        return "extra time is not between 0 and 100 percent";
    }
    if ((!practice && a.invigilators.empty()) || a.invigilators.size() > kMaxInvigilators) {
        return "the roster does not have between 1 and " + std::to_string(kMaxInvigilators) +
               " invigilators";
    }
    std::set<std::string> ids;
    for (const auto& invigilator : a.invigilators) {
        for (const auto& [field, value] : {std::pair{"invigilator id", &invigilator.invigilatorId},
                                           std::pair{"invigilator name", &invigilator.name}}) {
            if (value->empty() || value->size() > kMaxFieldBytes ||
                !detail::ByteReader::isValidUtf8(*value) || hasControlCharacters(*value)) {
                return std::string(field) + " is empty, too long or not plain text";
            }
        }
        if (!ids.insert(invigilator.invigilatorId).second) {
            return "invigilator " + invigilator.invigilatorId + " is listed twice";
        }
        const auto& hash = invigilator.credentialHash;
        if (!hash.starts_with(kArgon2idPrefix) || hash.size() > kMaxHashBytes ||
            hasControlCharacters(hash)) {
            return "credential hash of invigilator " + invigilator.invigilatorId +
                   " is not an Argon2id hash string";
        }
    }
    if (a.issuedAtMs <= 0 || a.validUntilMs <= a.issuedAtMs) {
        return "the validity window is empty (valid until is not after issued at)";
    }
    if (!crypto::boxPublicKeyOf(a.kioskKey)) {
        return "kiosk key is not a usable Ed25519 public key";
    }
    if (!a.sealedContentKey.empty() && a.sealedContentKey.size() != kSealedContentKeyBytes) {
        return "sealed content key is not " + std::to_string(kSealedContentKeyBytes) + " bytes";
    }
    return {};
}

std::vector<std::uint8_t> encodeBody(const SeatAssignment& a) {
    detail::ByteWriter out;
    for (const auto* text : {&a.sessionId, &a.centreId, &a.centreName, &a.room, &a.seatLabel,
                             &a.sessionDate, &a.candidateName, &a.registrationNumber}) {
        out.text(*text);
    }
    out.blob(a.photo);
    out.text(a.assessmentId);
    out.text(a.assessmentVersion);
    out.raw(a.packageDigest);
    out.u8(static_cast<std::uint8_t>((a.accessibility.screenReader ? kScreenReaderBit : 0) |
                                     (a.accessibility.computerReader ? kComputerReaderBit : 0)));
    out.u8(static_cast<std::uint8_t>(a.accessibility.textScale));
    out.text(a.accessibility.overlayColour.value_or(std::string()));
    out.u8(static_cast<std::uint8_t>(a.accessibility.extraTimePercent));
    out.u32(static_cast<std::uint32_t>(a.invigilators.size()));
    for (const auto& invigilator : a.invigilators) {
        out.text(invigilator.invigilatorId);
        out.text(invigilator.name);
        out.text(invigilator.credentialHash);
        out.boolean(invigilator.holdsIndustryQualification);
    }
    out.i64(a.issuedAtMs);
    out.i64(a.validUntilMs);
    out.u64(a.sittingSeed);
    out.raw(a.kioskKey);
    out.blob(a.sealedContentKey);
    return out.take();
}

} // namespace

bool isPracticeAssignment(const SeatAssignment& assignment) noexcept {
    return assignment.candidateName.empty() && assignment.registrationNumber.empty() &&
           assignment.invigilators.empty();
}

namespace detail {

SeatAssignmentResult<SeatAssignment> decodeSeatAssignmentBody(std::span<const std::uint8_t> body) {
    detail::ByteReader in(body);
    SeatAssignment a;
    for (auto* text : {&a.sessionId, &a.centreId, &a.centreName, &a.room, &a.seatLabel,
                       &a.sessionDate, &a.candidateName, &a.registrationNumber}) {
        *text = in.text(kMaxFieldBytes, "text field");
    }
    a.photo = in.blob(kMaxPhotoBytes, "photo");
    a.assessmentId = in.text(kMaxFieldBytes, "assessment id");
    a.assessmentVersion = in.text(kMaxFieldBytes, "assessment version");
    a.packageDigest = in.array<32>("package digest");
    const auto arrangements = in.u8("reader arrangements");
    if (!in.failed() && (arrangements & ~(kScreenReaderBit | kComputerReaderBit)) != 0) {
        in.fail("reader arrangements: an arrangement this kiosk does not know");
    }
    a.accessibility.screenReader = (arrangements & kScreenReaderBit) != 0;
    a.accessibility.computerReader = (arrangements & kComputerReaderBit) != 0;
    a.accessibility.textScale = in.u8("text scale");
    auto overlay = in.text(kMaxFieldBytes, "overlay colour");
    if (!overlay.empty()) {
        a.accessibility.overlayColour = std::move(overlay);
    }
    a.accessibility.extraTimePercent = in.u8("extra time");
    const auto count = in.count(kMaxInvigilators, "invigilator count");
    for (std::size_t i = 0; i < count && !in.failed(); ++i) {
        InvigilatorEntry invigilator;
        invigilator.invigilatorId = in.text(kMaxFieldBytes, "invigilator id");
        invigilator.name = in.text(kMaxFieldBytes, "invigilator name");
        invigilator.credentialHash = in.text(kMaxHashBytes, "credential hash");
        invigilator.holdsIndustryQualification = in.boolean("industry qualification");
        a.invigilators.push_back(std::move(invigilator));
    }
    a.issuedAtMs = in.i64("issued at");
    a.validUntilMs = in.i64("valid until");
    a.sittingSeed = in.u64("sitting seed");
    a.kioskKey = in.array<32>("kiosk key");
    a.sealedContentKey = in.blob(kSealedContentKeyBytes, "sealed content key");
    if (!in.failed() && !in.atEnd()) {
        in.fail("trailing bytes");
    }
    if (in.failed()) {
        return failure(SeatAssignmentError::Malformed, in.failure());
    }
    if (auto problem = validate(a); !problem.empty()) {
        return failure(SeatAssignmentError::Malformed, problem);
    }
    return a;
}

} // namespace detail

crypto::SecureBuffer invigilatorCredential(std::string_view invigilatorId, std::string_view pin,
                                           std::string_view password) {
    const std::string_view parts[] = {invigilatorId, pin, password};
    std::size_t size = kInvigilatorCredentialTag.size();
    for (const auto part : parts) {
        size += 4 + part.size();
    }
    crypto::SecureBuffer out(size);
    std::uint8_t* at =
        std::copy(kInvigilatorCredentialTag.begin(), kInvigilatorCredentialTag.end(), out.data());
    for (const auto part : parts) {
        const auto length = static_cast<std::uint32_t>(part.size());
        for (int i = 0; i < 4; ++i) {
            *at++ = static_cast<std::uint8_t>(length >> (8 * i));
        }
        at = std::copy(part.begin(), part.end(), at);
    }
    return out;
}

crypto::Result<std::string> hashInvigilatorCredential(std::string_view invigilatorId,
                                                      std::string_view pin,
                                                      std::string_view password) {
    if (pin.empty() || password.empty()) {
        return crypto::Error::InvalidArgument;
    }
    return crypto::hashPassword(invigilatorCredential(invigilatorId, pin, password).view());
}

bool verifyInvigilatorCredential(const InvigilatorEntry& entry, std::string_view pin,
                                 std::string_view password) {
    return crypto::verifyPassword(entry.credentialHash,
                                  invigilatorCredential(entry.invigilatorId, pin, password).view());
}

std::string_view describe(SeatAssignmentError error) noexcept {
    switch (error) {
    case SeatAssignmentError::NotASeatAssignment:
        return "not a Vigil seat assignment";
    case SeatAssignmentError::UnsupportedVersion:
        return "seat assignment format version not supported by this build";
    case SeatAssignmentError::Truncated:
        return "seat assignment is truncated";
    case SeatAssignmentError::Malformed:
        return "seat assignment is malformed";
    case SeatAssignmentError::SignedByAnotherKey:
        return "seat assignment is signed by another key than this centre's";
    case SeatAssignmentError::BadSignature:
        return "seat assignment signature is not valid: it was altered or damaged";
    case SeatAssignmentError::NotYetValid:
        return "seat assignment is not valid yet";
    case SeatAssignmentError::Expired:
        return "seat assignment has expired";
    case SeatAssignmentError::WrongSeat:
        return "seat assignment is for another seat";
    case SeatAssignmentError::OtherKiosk:
        return "seat assignment is for another PC's key than this PC's";
    case SeatAssignmentError::PackageMismatch:
        return "the assessment package is not the one this seat was assigned";
    case SeatAssignmentError::InvalidInput:
        return "cannot write a seat assignment from this input";
    case SeatAssignmentError::FileUnreadable:
        return "cannot read the seat assignment file";
    case SeatAssignmentError::FileWriteFailed:
        return "cannot write the seat assignment file";
    }
    return "unknown seat assignment error";
}

std::string describe(const SeatAssignmentFailure& f) {
    std::string text(describe(f.error));
    if (!f.detail.empty()) {
        text += ": " + f.detail;
    }
    return text;
}

SeatAssignmentResult<std::vector<std::uint8_t>>
signSeatAssignment(const SeatAssignment& assignment, const crypto::SigningKeyPair& issuer) {
    if (auto problem = validate(assignment); !problem.empty()) {
        return failure(SeatAssignmentError::InvalidInput, problem);
    }
    auto bytes = writeSignedFile(kSeatAssignmentFile, encodeBody(assignment), issuer);
    if (bytes.size() > kMaxSeatAssignmentBytes) {
        return failure(SeatAssignmentError::InvalidInput, "larger than the format allows");
    }
    if (auto check = readSeatAssignment(bytes, issuer.publicKey); !check) {
        return failure(SeatAssignmentError::InvalidInput,
                       "does not verify after signing (" + describe(check.error()) + ")");
    }
    return bytes;
}

SeatAssignmentResult<SeatAssignment> readSeatAssignment(std::span<const std::uint8_t> bytes,
                                                        const crypto::SigningPublicKey& issuer) {
    auto file = readSignedFile(bytes, kSeatAssignmentFile, issuer);
    if (!file) {
        return seatAssignmentFailure(file.error());
    }
    auto assignment = detail::decodeSeatAssignmentBody(file.value().body);
    if (assignment) {
        assignment.value().formatVersion = file.value().version;
    }
    return assignment;
}

SeatAssignmentResult<SeatAssignment> openSeatAssignment(std::span<const std::uint8_t> bytes,
                                                        const crypto::SigningPublicKey& issuer,
                                                        const SeatIdentity& seat,
                                                        const crypto::SigningPublicKey& kioskKey,
                                                        std::int64_t nowMs) {
    auto assignment = readSeatAssignment(bytes, issuer);
    if (!assignment) {
        return assignment;
    }
    const auto& a = assignment.value();
    if (nowMs + kSeatAssignmentClockSkewMs < a.issuedAtMs) {
        return failure(SeatAssignmentError::NotYetValid,
                       "issued for a later time than this PC's clock shows");
    }
    if (nowMs > a.validUntilMs) {
        return failure(SeatAssignmentError::Expired);
    }
    if (a.centreId != seat.centreId || a.room != seat.room || a.seatLabel != seat.seatLabel) {
        return failure(SeatAssignmentError::WrongSeat,
                       "assigned to centre " + a.centreId + ", room " + a.room + ", seat " +
                           a.seatLabel + "; this is centre " + seat.centreId + ", room " +
                           seat.room + ", seat " + seat.seatLabel);
    }
    if (!crypto::constantTimeEqual(a.kioskKey, kioskKey)) {
        return failure(SeatAssignmentError::OtherKiosk,
                       "issued for the PC whose key is " + crypto::toHex(a.kioskKey) +
                           "; this PC's key is " + crypto::toHex(kioskKey));
    }
    return assignment;
}

SeatAssignmentResult<crypto::Done> checkPackageMatches(const SeatAssignment& assignment,
                                                       std::span<const std::uint8_t> package) {
    const auto digest = packageDigest(package);
    if (!crypto::constantTimeEqual(digest, assignment.packageDigest)) {
        return failure(SeatAssignmentError::PackageMismatch,
                       "assigned package " + crypto::toHex(assignment.packageDigest) +
                           ", given package " + crypto::toHex(digest));
    }
    return crypto::Done{};
}

SeatAssignmentResult<std::vector<std::uint8_t>>
readSeatAssignmentFile(const std::filesystem::path& path) {
    auto read = crypto::readFileBytes(path, kMaxSeatAssignmentBytes);
    if (!read) {
        return failure(SeatAssignmentError::FileUnreadable, read.error().describe());
    }
    return std::move(read).value();
}

SeatAssignmentResult<crypto::Done> writeSeatAssignmentFile(const std::filesystem::path& path,
                                                           std::span<const std::uint8_t> bytes) {
    if (std::string reason; !crypto::writeFileAtomically(path, bytes, 0600, &reason)) {
        return failure(SeatAssignmentError::FileWriteFailed, reason);
    }
    return crypto::Done{};
}

} // namespace vigil::exam
