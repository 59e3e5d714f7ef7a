#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/assessment.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/exam/sitting.h"
#include "vigil/kiosk/startup_failure.h"
#include "vigil/store/database.h"

#include <filesystem>
#include <stdexcept>

namespace vigil::kiosk {

// Why this PC cannot deliver its assessment: a StartupError whose result names the stage
// (trust, assignment, package), the failure and the file.
using SeatSetupError = StartupError;

// The keys a kiosk trusts and holds. Files under <data-dir>/trust/ (written by the installer):
//   awarding-body-signing.pub  verifies packages
//   awarding-body-box.pub      result records are sealed to it
//   issuer-signing.pub         verifies seat assignments (the console's / centre's key)
// and <data-dir>/kiosk-signing.key (0600), created on first run: this PC's one identity. It
// signs journal heads and result records, proves the PC on the LAN link, and its X25519 form
// (crypto/identity_box_key.h) opens the content keys sealed to this PC. Its public half is
// written beside it as kiosk-signing.pub, for enrolment and `vigil-pack assign --kiosk-key`.
// No kiosk holds the centre's box key: it opens only what was sealed to itself.
struct TrustMaterial {
    crypto::SigningPublicKey packageSigner{};
    crypto::BoxPublicKey resultRecipient{};
    crypto::SigningPublicKey assignmentIssuer{};
    crypto::SigningKeyPair kioskKeys;

    [[nodiscard]] static TrustMaterial load(const std::filesystem::path& dataDir);
    static std::filesystem::path trustDir(const std::filesystem::path& dataDir) {
        return dataDir / "trust";
    }
};

// A verified assignment and its decrypted assessment (memory only).
struct OpenedSeat {
    exam::SeatAssignment assignment;
    exam::Assessment assessment;
    // BLAKE2b-256 of the assignment file's bytes: what the result record names (the package's
    // digest is assignment.packageDigest, checked against the package file's bytes).
    crypto::Digest assignmentDigest{};
};

// The new sitting the seat's assignment starts: its candidate, session, centre, seat, seed and
// the two digests, with a fresh sitting id.
[[nodiscard]] exam::SittingSetup newSittingFor(const OpenedSeat& seat);

// Reads, verifies and opens: the assignment for this seat, this PC's key and time, the package
// it names, the content with the content key the assignment seals to this PC or, when it carries
// none, the one the console released at launch (LaunchKeys in `launched`, the kiosk's store);
// AwaitingLaunch when there is neither. The package must be of the kind delivered (an
// assessment, or a practice quiz: PackageWrongKind before anything is decrypted). Throws
// StartupError naming the failure and the file.
[[nodiscard]] OpenedSeat openSeat(const std::filesystem::path& assignmentFile,
                                  const std::filesystem::path& packageFile,
                                  const TrustMaterial& trust, const exam::SeatIdentity& seat,
                                  std::int64_t nowMs, store::Database* launched = nullptr,
                                  exam::PackageKind delivered = exam::PackageKind::Assessment);

} // namespace vigil::kiosk
