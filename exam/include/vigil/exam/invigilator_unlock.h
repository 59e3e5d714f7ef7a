#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/serialization.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// An order from the centre to lift the lock on one invigilator's account at its kiosks (until
// the console does it over the LAN): `vigil-pack unlock` writes it, signed with the centre key
// kiosks trust for seat assignments (trust/issuer-signing.pub). The kiosk picks files up from
// its data folder's unlock/ at the next login attempt, applies each id at most once (it keeps
// the ids it used in its store) and removes the file. Layout:
//   "vigil/unlock/v1" (the context tag: these bytes can never pass for another signed format)
//   | 8-byte signer key id | 16-byte random id | text centre id | text invigilator id
//   | text seat (empty: any seat of the centre) | i64 issued at ms | i64 valid until ms
//   | Ed25519 signature over everything before it.
// Texts are u32 little-endian length + UTF-8, integers little-endian. Read by the shared
// signed-file reader (signed_file.h) in its tag-only form: no version or length field.
inline constexpr std::string_view kUnlockContextTag = "vigil/unlock/v1";
inline constexpr std::size_t kMaxUnlockBytes = 4096;
inline constexpr std::int64_t kMaxUnlockValidityMs = 7LL * 24 * 3600 * 1000;

using UnlockId = std::array<std::uint8_t, 16>;

struct InvigilatorUnlock {
    UnlockId id{};
    std::string centreId;
    std::string invigilatorId;
    std::string seatLabel; // empty: every seat of the centre
    std::int64_t issuedAtMs = 0;
    std::int64_t validUntilMs = 0;
};

enum class UnlockError {
    NotAnUnlock,
    Truncated,
    Malformed,
    SignedByAnotherKey,
    BadSignature,
    NotYetValid,
    Expired,
    WrongCentre,
    WrongSeat,
    AlreadyUsed, // the kiosk has applied this id before: a replay
    InvalidInput,
};

struct UnlockFailure {
    UnlockError error;
    std::string detail;
};

[[nodiscard]] std::string_view describe(UnlockError error) noexcept;
[[nodiscard]] std::string describe(const UnlockFailure& failure);

template <class T> using UnlockResult = Checked<T, UnlockFailure>;

// Checks the fields (InvalidInput, naming the field), then writes and signs.
[[nodiscard]] UnlockResult<std::vector<std::uint8_t>>
signInvigilatorUnlock(const InvigilatorUnlock& unlock, const crypto::SigningKeyPair& issuer);

// What a kiosk calls: tag, signer, signature, then validity at nowMs (with the seat
// assignment's clock skew), centre and seat. Replays are the caller's to refuse (AlreadyUsed).
[[nodiscard]] UnlockResult<InvigilatorUnlock>
openInvigilatorUnlock(std::span<const std::uint8_t> bytes, const crypto::SigningPublicKey& issuer,
                      std::string_view centreId, std::string_view seatLabel, std::int64_t nowMs);

} // namespace vigil::exam
