#include "vigil/exam/invigilator_unlock.h"

#include "byte_codec.h"
#include "package_format.h"
#include "vigil/crypto/hash.h"
#include "vigil/exam/package.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/exam/signed_file.h"

#include <algorithm>

namespace vigil::exam {

namespace {

constexpr std::size_t kMaxUnlockFieldBytes = 256;
constexpr std::array<std::uint16_t, 1> kUnlockVersionsRead{1};
// The unlock predates the shared frame's version and length fields: its context tag names its
// one version, and the body runs to the signature.
constexpr SignedFileFormat kUnlockFile{.magic = kUnlockContextTag,
                                       .versions = kUnlockVersionsRead,
                                       .versionField = false,
                                       .lengthBytes = 0,
                                       .maxBodyBytes = kMaxUnlockBytes - kUnlockContextTag.size() -
                                                       sizeof(crypto::KeyId) -
                                                       sizeof(crypto::Signature)};

UnlockFailure failure(UnlockError error, std::string detail = {}) {
    return UnlockFailure{error, std::move(detail)};
}

UnlockFailure unlockFailure(const SignedFileFailure& f) {
    switch (f.error) {
    case SignedFileError::WrongMagic:
    case SignedFileError::UnsupportedVersion: // never: the tag is the version
        return failure(UnlockError::NotAnUnlock, f.detail);
    case SignedFileError::Truncated:
        return failure(UnlockError::Truncated, f.detail);
    case SignedFileError::Malformed:
        return failure(UnlockError::Malformed, f.detail);
    case SignedFileError::SignedByAnotherKey:
        return failure(UnlockError::SignedByAnotherKey, f.detail);
    case SignedFileError::BadSignature:
        return failure(UnlockError::BadSignature, f.detail);
    }
    return failure(UnlockError::Malformed, f.detail);
}

bool isPlainText(std::string_view text) {
    return text.size() <= kMaxUnlockFieldBytes && detail::ByteReader::isValidUtf8(text) &&
           std::none_of(text.begin(), text.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// Empty when the fields fit the format; otherwise which one does not.
std::string validate(const InvigilatorUnlock& u) {
    if (!detail::isValidCentreId(u.centreId)) {
        return "centre id is not 1 to 64 characters of A-Z a-z 0-9 . _ -";
    }
    if (u.invigilatorId.empty() || !isPlainText(u.invigilatorId)) {
        return "invigilator id is empty, too long or not plain text";
    }
    if (!isPlainText(u.seatLabel)) {
        return "seat is too long or not plain text";
    }
    if (u.issuedAtMs <= 0 || u.validUntilMs <= u.issuedAtMs ||
        u.validUntilMs - u.issuedAtMs > kMaxUnlockValidityMs) {
        return "the validity window is empty or longer than 7 days";
    }
    if (std::all_of(u.id.begin(), u.id.end(), [](std::uint8_t b) { return b == 0; })) {
        return "the id is not random";
    }
    return {};
}

} // namespace

std::string_view describe(UnlockError error) noexcept {
    switch (error) {
    case UnlockError::NotAnUnlock:
        return "not a Vigil invigilator unlock";
    case UnlockError::Truncated:
        return "invigilator unlock is truncated";
    case UnlockError::Malformed:
        return "invigilator unlock is malformed";
    case UnlockError::SignedByAnotherKey:
        return "invigilator unlock is signed by another key than this centre's";
    case UnlockError::BadSignature:
        return "invigilator unlock signature is not valid: it was altered or damaged";
    case UnlockError::NotYetValid:
        return "invigilator unlock is not valid yet";
    case UnlockError::Expired:
        return "invigilator unlock has expired";
    case UnlockError::WrongCentre:
        return "invigilator unlock is for another centre";
    case UnlockError::WrongSeat:
        return "invigilator unlock is for another seat";
    case UnlockError::AlreadyUsed:
        return "invigilator unlock was used before on this kiosk (a replay)";
    case UnlockError::InvalidInput:
        return "cannot write an invigilator unlock from this input";
    }
    return "unknown invigilator unlock error";
}

std::string describe(const UnlockFailure& f) {
    std::string text(describe(f.error));
    if (!f.detail.empty()) {
        text += ": " + f.detail;
    }
    return text;
}

UnlockResult<std::vector<std::uint8_t>>
signInvigilatorUnlock(const InvigilatorUnlock& unlock, const crypto::SigningKeyPair& issuer) {
    if (auto problem = validate(unlock); !problem.empty()) {
        return failure(UnlockError::InvalidInput, problem);
    }
    detail::ByteWriter body;
    body.raw(unlock.id);
    body.text(unlock.centreId);
    body.text(unlock.invigilatorId);
    body.text(unlock.seatLabel);
    body.i64(unlock.issuedAtMs);
    body.i64(unlock.validUntilMs);
    return writeSignedFile(kUnlockFile, body.bytes(), issuer);
}

UnlockResult<InvigilatorUnlock>
openInvigilatorUnlock(std::span<const std::uint8_t> bytes, const crypto::SigningPublicKey& issuer,
                      std::string_view centreId, std::string_view seatLabel, std::int64_t nowMs) {
    auto file = readSignedFile(bytes, kUnlockFile, issuer);
    if (!file) {
        return unlockFailure(file.error());
    }
    detail::ByteReader in(file.value().body);
    InvigilatorUnlock u;
    u.id = in.array<16>("id");
    u.centreId = in.text(kMaxUnlockFieldBytes, "centre id");
    u.invigilatorId = in.text(kMaxUnlockFieldBytes, "invigilator id");
    u.seatLabel = in.text(kMaxUnlockFieldBytes, "seat");
    u.issuedAtMs = in.i64("issued at");
    u.validUntilMs = in.i64("valid until");
    if (!in.failed() && !in.atEnd()) {
        in.fail("trailing bytes");
    }
    if (in.failed()) {
        return failure(UnlockError::Malformed, in.failure());
    }
    if (auto problem = validate(u); !problem.empty()) {
        return failure(UnlockError::Malformed, problem);
    }
    if (nowMs + kSeatAssignmentClockSkewMs < u.issuedAtMs) {
        return failure(UnlockError::NotYetValid, "issued for a later time than this PC's clock");
    }
    if (nowMs > u.validUntilMs) {
        return failure(UnlockError::Expired);
    }
    if (u.centreId != centreId) {
        return failure(UnlockError::WrongCentre, "issued for centre " + u.centreId);
    }
    if (!u.seatLabel.empty() && u.seatLabel != seatLabel) {
        return failure(UnlockError::WrongSeat, "issued for seat " + u.seatLabel);
    }
    return u;
}

} // namespace vigil::exam
