#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <QStringList>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vigil::kiosk {

// An invigilator the assignment names, with the PIN and password they will type. Only one
// Argon2id hash over id, PIN and password goes into the assignment.
struct SeatInvigilator {
    std::string id;
    std::string name;
    std::string pin;
    std::string password;
};

// Who sits where, for whom: everything of a seat assignment that is not the assessment.
struct SeatBuildOptions {
    std::string sessionId = "S-2026-11-23-AM";
    std::string centreId = "C0451";
    std::string centreName = "Northfield Motor Training Centre";
    std::string room = "Workshop 2";
    std::string seatLabel = "PC07";
    std::string sessionDate = "2026-11-23";
    std::string candidateName = "Jordan Ellis";
    std::string registrationNumber = "AB123456";
    std::vector<std::uint8_t> photo; // PNG or JPEG bytes; empty: no photo
    exam::AccessibilityOptions accessibility;
    std::vector<SeatInvigilator> invigilators; // at least one
    // Item and choice order of the sitting: fixed, so a seat built twice sits the same way.
    std::uint64_t sittingSeed = 20261123;
    // Wall-clock ms since the epoch; 0: a minute before the seat is built. A fixed time (with a
    // clock the caller sets) makes everything the kiosk shows the same from run to run.
    std::int64_t issuedAtMs = 0;
    std::int64_t validForMs = 24 * 3600'000LL; // from issuedAtMs
    // The 32-byte seed of the key that signs the assignment (the console's key, which kiosks
    // linked to one console share); empty: a fresh key for this seat.
    std::vector<std::uint8_t> issuerSeed;
    // The 32-byte seed of the kiosk's own key, so its fingerprint is the same on every run (the
    // screenshots); empty: the kiosk makes its own key on its first run, as a real one does.
    std::vector<std::uint8_t> kioskSeed;
    // seat.conf's `console = host:port` line; empty: none (the kiosk stands alone).
    std::string console;
    // true: the assignment carries the content key sealed to this kiosk (as `vigil-pack assign
    // --centre-key` writes it); false: none, the seat waits for the console to launch it.
    bool sealContentKey = true;
    // true: a practice seat (practice_set.h): the assessment, a practice quiz, goes into
    // <data-dir>/practice/ as a practice assignment (no candidate, no invigilator, as
    // `vigil-pack assign --practice` writes it) beside its package, and seat.conf says
    // `mode = practice`. The candidate and invigilators above are then not used.
    bool practice = false;
};

// A kiosk data directory as a centre's installer and delivery leave it: trust keys under
// <data-dir>/trust, seat.conf, the kiosk's own key (kiosk-signing.key, as its first run makes
// it), and beside the data directory (<data-dir>-delivery/) the sealed package of the
// assessment and the seat assignment signed for this kiosk. The centre's box key stays with the
// builder (the console's side): it is never written into the data directory.
struct BuiltSeat {
    std::filesystem::path dataDir;
    std::filesystem::path packageFile;
    std::filesystem::path assignmentFile;
    exam::Assessment assessment;
    exam::SeatAssignment assignment;
    std::uintmax_t packageBytes = 0;
    // The centre key that signed the assignment (the kiosk trusts its public half): signs
    // invigilator unlocks for this seat too.
    crypto::SigningKeyPair issuer;
    // The centre's box key the package is sealed to (the console holds it, never the kiosk).
    crypto::BoxKeyPair centreBox;
    // The kiosk's identity (the public half of <data-dir>/kiosk-signing.key).
    crypto::SigningPublicKey kioskKey{};

    [[nodiscard]] KioskOptions kioskOptions() const;
    // The vigil-kiosk command line that opens this seat.
    [[nodiscard]] QStringList kioskArguments() const;
};

// Fresh keys each call; each invigilator's credential hash is made once per process (Argon2id is
// slow on purpose). Throws std::runtime_error naming the step when any exam/ or crypto/ call
// refuses.
[[nodiscard]] BuiltSeat buildSeat(const exam::Assessment& assessment,
                                  const std::filesystem::path& dataDir,
                                  const SeatBuildOptions& options);

} // namespace vigil::kiosk
