#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/serialization.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// What one kiosk needs to deliver one named assessment to one candidate at one seat: sent by
// the console over the LAN (for a centre without a console, written by `vigil-pack assign` and
// read from a file). Signed with the console's Ed25519 key (for now: the centre's). Layout, like
// a package: "VIGILSEA" | u16 format version (3) | u16 reserved (0) | 8-byte signer key id |
// u32 body length | body (canonical binary of the fields below) | Ed25519 signature over all
// that came before: the shared signed-file frame (signed_file.h) and its one reader.
//
// Version 3 names the kiosk it is for (its enrolled Ed25519 key) and may carry the package's
// content key sealed to that kiosk; a kiosk opens a package only with a content key sealed to
// itself and holds no centre key. Older versions are refused, each with the way out: version 1
// hashed each invigilator's PIN and password apart; version 2 names no kiosk, and its package
// opens only with the centre's box key, which kiosks no longer hold.
inline constexpr std::uint16_t kSeatAssignmentFormatVersion = 3;
inline constexpr std::size_t kMaxSeatAssignmentBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kMaxPhotoBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxInvigilators = 32;

// Coloured overlays a candidate may have, by name; the kiosk maps each to its colour.
inline constexpr std::array<std::string_view, 8> kOverlayColours{
    "yellow", "cream", "blue", "green", "pink", "peach", "lilac", "grey"};

struct AccessibilityOptions {
    bool screenReader = false;
    // A computer reader: the kiosk's built-in read-aloud. Stored with screenReader in one flags
    // byte (bit 0 screen reader, bit 1 computer reader): a kiosk too old to read a question
    // aloud refuses such an assignment as malformed instead of seating the candidate without it.
    bool computerReader = false;
    int textScale = 0;                        // 0 normal, 1 large, 2 largest
    std::optional<std::string> overlayColour; // one of kOverlayColours; none when empty
    int extraTimePercent = 0;                 // 0..100
};

struct InvigilatorEntry {
    std::string invigilatorId;
    std::string name;
    // One Argon2id string (crypto::hashPassword) over invigilatorCredential(id, PIN, password):
    // never the PIN or the password, and nothing that can be checked against the PIN alone.
    std::string credentialHash;
    bool holdsIndustryQualification = false; // impartiality rule for apprenticeship standards
};

// The one secret an invigilator's roster entry hashes: the context tag, then the invigilator
// id, the PIN and the password, each as a u32 little-endian length and its bytes, so no two
// different triples give the same bytes. Held in self-wiping memory.
inline constexpr std::string_view kInvigilatorCredentialTag = "vigil/invigilator-login/v1";
[[nodiscard]] crypto::SecureBuffer invigilatorCredential(std::string_view invigilatorId,
                                                         std::string_view pin,
                                                         std::string_view password);
// Argon2id over invigilatorCredential (crypto::hashPassword's cost): what `vigil-pack assign`
// writes for each invigilator.
[[nodiscard]] crypto::Result<std::string> hashInvigilatorCredential(std::string_view invigilatorId,
                                                                    std::string_view pin,
                                                                    std::string_view password);
// One Argon2id verify, whose cost is the entry's (never dependent on the PIN or password).
[[nodiscard]] bool verifyInvigilatorCredential(const InvigilatorEntry& entry, std::string_view pin,
                                               std::string_view password);

struct SeatAssignment {
    std::uint16_t formatVersion = kSeatAssignmentFormatVersion; // as read; written as current
    std::string sessionId;
    std::string centreId;
    std::string centreName;
    std::string room;
    std::string seatLabel;   // the PC / seat in the seating plan, e.g. "PC07"
    std::string sessionDate; // yyyy-MM-dd
    std::string candidateName;
    std::string registrationNumber;
    std::vector<std::uint8_t> photo; // JPEG or PNG bytes; empty when none
    std::string assessmentId;
    std::string assessmentVersion;
    crypto::Digest packageDigest{}; // exam::packageDigest of the .vigil file to deliver
    AccessibilityOptions accessibility;
    std::vector<InvigilatorEntry> invigilators; // at least one
    std::int64_t issuedAtMs = 0;                // wall-clock ms since the epoch
    std::int64_t validUntilMs = 0;
    std::uint64_t sittingSeed = 0; // item and choice order for this sitting
    // The kiosk this assignment is for: its enrolled Ed25519 identity. A kiosk opens only an
    // assignment that names its own key (OtherKiosk otherwise).
    crypto::SigningPublicKey kioskKey{};
    // The package's content key sealed to kioskKey (exam/kiosk_content_key.h,
    // kSealedContentKeyBytes), or empty: the seat waits until the console launches it with the
    // content key. `vigil-pack assign`, for a centre without a console, fills it in.
    std::vector<std::uint8_t> sealedContentKey;
};

// A practice assignment (`vigil-pack assign --practice`) hands a practice quiz to a PC: its
// content key sealed to that PC, and no candidate and no invigilator (candidates take practice
// alone and say who they are at the seat). Both or neither: an assignment naming a candidate
// has a roster; one without a candidate has none. Its package must be a practice quiz (the
// kiosk checks the package's signed kind), and an assessment's assignment always has a roster.
[[nodiscard]] bool isPracticeAssignment(const SeatAssignment& assignment) noexcept;

// The seat a kiosk is configured as.
struct SeatIdentity {
    std::string centreId;
    std::string room;
    std::string seatLabel;
};

enum class SeatAssignmentError {
    NotASeatAssignment,
    UnsupportedVersion,
    Truncated,
    Malformed, // signed, but a field breaks the format or a limit
    SignedByAnotherKey,
    BadSignature,
    NotYetValid,     // now is before issuedAtMs (allowing a small clock skew)
    Expired,         // now is after validUntilMs
    WrongSeat,       // signed for another centre, room or seat
    OtherKiosk,      // for this seat, but for another PC's key (a re-installed or swapped PC)
    PackageMismatch, // the package is not the one the assignment names
    InvalidInput,    // signing: a field that cannot be written
    FileUnreadable,
    FileWriteFailed,
};

struct SeatAssignmentFailure {
    SeatAssignmentError error;
    std::string detail; // which field or file; may be empty
};

[[nodiscard]] std::string_view describe(SeatAssignmentError error) noexcept;
[[nodiscard]] std::string describe(const SeatAssignmentFailure& failure);

template <class T> using SeatAssignmentResult = Checked<T, SeatAssignmentFailure>;

// Clock skew tolerated between the issuing machine and the kiosk.
inline constexpr std::int64_t kSeatAssignmentClockSkewMs = 5 * 60 * 1000;

// Checks every field (InvalidInput with the field named), then writes and signs.
[[nodiscard]] SeatAssignmentResult<std::vector<std::uint8_t>>
signSeatAssignment(const SeatAssignment& assignment, const crypto::SigningKeyPair& issuer);

// Signature only (no validity window or seat check): for tools that display an assignment.
[[nodiscard]] SeatAssignmentResult<SeatAssignment>
readSeatAssignment(std::span<const std::uint8_t> bytes, const crypto::SigningPublicKey& issuer);

// What a kiosk calls: signature, format, validity window at nowMs, that it is for `seat`, and
// that it names this kiosk's own key.
[[nodiscard]] SeatAssignmentResult<SeatAssignment>
openSeatAssignment(std::span<const std::uint8_t> bytes, const crypto::SigningPublicKey& issuer,
                   const SeatIdentity& seat, const crypto::SigningPublicKey& kioskKey,
                   std::int64_t nowMs);

// PackageMismatch unless the package bytes hash to assignment.packageDigest.
[[nodiscard]] SeatAssignmentResult<crypto::Done>
checkPackageMatches(const SeatAssignment& assignment, std::span<const std::uint8_t> package);

[[nodiscard]] SeatAssignmentResult<std::vector<std::uint8_t>>
readSeatAssignmentFile(const std::filesystem::path& path);
// Temporary file in the same folder, flushed, renamed over `path`; mode 0600 (it holds hashes).
[[nodiscard]] SeatAssignmentResult<crypto::Done>
writeSeatAssignmentFile(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

} // namespace vigil::exam
