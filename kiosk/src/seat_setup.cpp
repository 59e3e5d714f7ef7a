#include "vigil/kiosk/seat_setup.h"

#include "vigil/crypto/hash.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/seat_sittings.h"
#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/launch_keys.h"

#include <algorithm>

namespace vigil::kiosk {

namespace {

[[noreturn]] void fail(StartupStage stage, StartupFailure failure,
                       const std::filesystem::path& file, const std::string& reason,
                       QStringList facts = {}) {
    throw StartupError({stage, failure, file, QString::fromStdString(file.string() + ": " + reason),
                        std::move(facts)});
}

template <class T> T requireTrustKey(crypto::Result<T> result, const std::filesystem::path& file) {
    if (!result) {
        const auto failure = result.error() == crypto::Error::FileNotFound
                                 ? StartupFailure::TrustKeyMissing
                                 : StartupFailure::TrustKeyDamaged;
        fail(StartupStage::Trust, failure, file, std::string(crypto::describe(result.error())));
    }
    return std::move(result).value();
}

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

[[noreturn]] void assignmentFailed(const exam::SeatAssignmentFailure& failure,
                                   std::span<const std::uint8_t> bytes,
                                   const std::filesystem::path& file, const TrustMaterial& trust,
                                   const exam::SeatIdentity& seat) {
    const auto reason = exam::describe(failure);
    // Signed by the trusted issuer but not usable here: say for whom and when it is.
    const auto read = exam::readSeatAssignment(bytes, trust.assignmentIssuer);
    switch (failure.error) {
    case exam::SeatAssignmentError::SignedByAnotherKey:
        fail(StartupStage::Assignment, StartupFailure::AssignmentOtherIssuer, file, reason);
    case exam::SeatAssignmentError::WrongSeat:
        if (read && read.value().centreId != seat.centreId) {
            fail(StartupStage::Assignment, StartupFailure::AssignmentOtherCentre, file, reason,
                 {text(read.value().centreId), text(seat.centreId)});
        }
        if (read) {
            fail(StartupStage::Assignment, StartupFailure::AssignmentOtherSeat, file, reason,
                 {text(read.value().seatLabel), text(read.value().room), text(seat.seatLabel),
                  text(seat.room)});
        }
        break;
    case exam::SeatAssignmentError::OtherKiosk:
        if (read) {
            fail(StartupStage::Assignment, StartupFailure::AssignmentOtherKiosk, file, reason,
                 {text(crypto::toHex(crypto::keyIdOf(read.value().kioskKey))),
                  text(crypto::toHex(crypto::keyIdOf(trust.kioskKeys.publicKey)))});
        }
        break;
    case exam::SeatAssignmentError::Expired:
        if (read) {
            fail(StartupStage::Assignment, StartupFailure::AssignmentExpired, file, reason,
                 {startupTimeText(read.value().validUntilMs)});
        }
        break;
    case exam::SeatAssignmentError::NotYetValid:
        if (read) {
            fail(StartupStage::Assignment, StartupFailure::AssignmentNotYetValid, file, reason,
                 {startupTimeText(read.value().issuedAtMs)});
        }
        break;
    default:
        break;
    }
    fail(StartupStage::Assignment, StartupFailure::AssignmentAltered, file, reason);
}

// The spare PC the assignment's live sitting moved to, when it did: its journal ends with
// SittingMoved (nothing may follow it at this PC).
std::optional<std::string> movedAwayTo(store::Database& db, const exam::SeatAssignment& assigned) {
    try {
        const auto decision =
            exam::findSeatSitting(db, {assigned.registrationNumber, assigned.assessmentId,
                                       assigned.seatLabel, assigned.sessionId});
        if (decision.verdict != exam::SeatSittingVerdict::Resume) {
            return std::nullopt;
        }
        exam::SittingJournal journal(db, decision.sittingId);
        const auto head = journal.signedHead();
        const auto last =
            head ? journal.loadFrom(head->head.sequence, 1) : std::vector<exam::SittingEvent>{};
        if (!last.empty() && last.back().kind == exam::EventKind::SittingMoved) {
            return last.back().text;
        }
    } catch (const exam::SittingError&) {
        // A journal that cannot be read is the session's to report when it opens the sitting.
    }
    return std::nullopt;
}

StartupFailure packageFailure(exam::PackageError error) {
    switch (error) {
    case exam::PackageError::NotARecipient:
    case exam::PackageError::WrongCentreKey:
        return StartupFailure::PackageOtherCentre;
    case exam::PackageError::SignedByAnotherKey:
        return StartupFailure::PackageOtherSigner;
    case exam::PackageError::NotAVigilPackage:
        return StartupFailure::PackageNotAPackage;
    case exam::PackageError::UnsupportedVersion:
        return StartupFailure::PackageNewerVersion;
    default:
        return StartupFailure::PackageDamaged;
    }
}

} // namespace

TrustMaterial TrustMaterial::load(const std::filesystem::path& dataDir) {
    const auto dir = trustDir(dataDir);
    TrustMaterial trust;
    trust.packageSigner =
        requireTrustKey(crypto::loadSigningPublicKey(dir / "awarding-body-signing.pub"),
                        dir / "awarding-body-signing.pub");
    trust.resultRecipient = requireTrustKey(crypto::loadBoxPublicKey(dir / "awarding-body-box.pub"),
                                            dir / "awarding-body-box.pub");
    trust.assignmentIssuer = requireTrustKey(
        crypto::loadSigningPublicKey(dir / "issuer-signing.pub"), dir / "issuer-signing.pub");

    const auto kioskKeyFile = dataDir / "kiosk-signing.key";
    if (!std::filesystem::exists(kioskKeyFile)) {
        const auto created =
            crypto::saveSigningKeyPair(kioskKeyFile, crypto::generateSigningKeyPair());
        if (!created) {
            fail(StartupStage::Trust, StartupFailure::KioskKeyUnusable, kioskKeyFile,
                 std::string(crypto::describe(created.error())));
        }
    }
    auto kioskKeys = crypto::loadSigningKeyPair(kioskKeyFile);
    if (!kioskKeys) {
        fail(StartupStage::Trust, StartupFailure::KioskKeyUnusable, kioskKeyFile,
             std::string(crypto::describe(kioskKeys.error())));
    }
    trust.kioskKeys = std::move(kioskKeys).value();
    // The public half, for enrolment and for `vigil-pack assign --kiosk-key`: written again
    // whenever it is missing or is not this key's.
    const auto kioskPublicFile = dataDir / "kiosk-signing.pub";
    const auto written = crypto::loadSigningPublicKey(kioskPublicFile);
    if (!written || written.value() != trust.kioskKeys.publicKey) {
        if (auto saved = crypto::saveSigningPublicKey(kioskPublicFile, trust.kioskKeys.publicKey);
            !saved) {
            fail(StartupStage::Trust, StartupFailure::KioskKeyUnusable, kioskPublicFile,
                 std::string(crypto::describe(saved.error())));
        }
    }
    return trust;
}

exam::SittingSetup newSittingFor(const OpenedSeat& seat) {
    const auto& assignment = seat.assignment;
    exam::SittingSetup setup;
    setup.sittingId = exam::newSittingId();
    setup.sessionId = assignment.sessionId;
    setup.candidateRegistration = assignment.registrationNumber;
    setup.centreId = assignment.centreId;
    setup.seat = assignment.seatLabel;
    setup.seed = assignment.sittingSeed;
    setup.assignmentDigest = seat.assignmentDigest;
    setup.packageDigest = assignment.packageDigest;
    return setup;
}

OpenedSeat openSeat(const std::filesystem::path& assignmentFile,
                    const std::filesystem::path& packageFile, const TrustMaterial& trust,
                    const exam::SeatIdentity& seat, std::int64_t nowMs, store::Database* launched,
                    exam::PackageKind delivered) {
    auto assignmentBytes = exam::readSeatAssignmentFile(assignmentFile);
    if (!assignmentBytes) {
        fail(StartupStage::Assignment,
             std::filesystem::exists(assignmentFile) ? StartupFailure::AssignmentUnreadable
                                                     : StartupFailure::AssignmentMissing,
             assignmentFile, exam::describe(assignmentBytes.error()));
    }
    auto assignment = exam::openSeatAssignment(assignmentBytes.value(), trust.assignmentIssuer,
                                               seat, trust.kioskKeys.publicKey, nowMs);
    if (!assignment) {
        assignmentFailed(assignment.error(), assignmentBytes.value(), assignmentFile, trust, seat);
    }
    auto packageBytes = exam::readPackageFile(packageFile);
    if (!packageBytes) {
        fail(StartupStage::Package,
             std::filesystem::exists(packageFile) ? StartupFailure::PackageUnreadable
                                                  : StartupFailure::PackageMissing,
             packageFile, exam::describe(packageBytes.error()));
    }
    if (auto matches = exam::checkPackageMatches(assignment.value(), packageBytes.value());
        !matches) {
        // Not the named package: another package altogether, or a damaged or altered copy.
        const auto info = exam::readPackageInfo(packageBytes.value(), trust.packageSigner);
        if (info) {
            fail(StartupStage::Package, StartupFailure::PackageNotNamed, packageFile,
                 exam::describe(matches.error()), {text(assignment.value().assessmentId)});
        }
        fail(StartupStage::Package, packageFailure(info.error().error), packageFile,
             exam::describe(info.error()), {text(seat.centreId)});
    }
    // The package is this centre's (the content key in the assignment could not be its own
    // otherwise): said plainly rather than as a wrong content key.
    const auto info = exam::readPackageInfo(packageBytes.value(), trust.packageSigner);
    if (!info) {
        fail(StartupStage::Package, packageFailure(info.error().error), packageFile,
             exam::describe(info.error()), {text(seat.centreId)});
    }
    if (auto kind = exam::requirePackageKind(info.value().metadata, delivered); !kind) {
        fail(StartupStage::Package, StartupFailure::PackageWrongKind, packageFile,
             exam::describe(kind.error()));
    }
    const auto& recipients = info.value().recipients;
    if (std::none_of(recipients.begin(), recipients.end(), [&](const exam::RecipientInfo& r) {
            return r.centreId == assignment.value().centreId;
        })) {
        fail(StartupStage::Package, StartupFailure::PackageOtherCentre, packageFile,
             exam::describe(exam::PackageError::NotARecipient).data(), {text(seat.centreId)});
    }
    // Before launch no key on this PC opens the package: the content key comes sealed to this
    // PC's own key, in the assignment (vigil-pack assign) or at launch (the console).
    const auto assignmentDigest = crypto::blake2b(assignmentBytes.value());
    auto sealedKey = assignment.value().sealedContentKey;
    if (sealedKey.empty() && launched) {
        sealedKey = LaunchKeys(*launched).sealedFor(assignmentDigest).value_or(sealedKey);
    }
    if (sealedKey.empty()) {
        // The key went with a sitting moved away from here: that, not a launch, is what the
        // invigilator needs to read (restarted, this PC must not look as if it waits).
        if (const auto toSeat =
                launched ? movedAwayTo(*launched, assignment.value()) : std::nullopt) {
            fail(StartupStage::Assignment, StartupFailure::SittingMovedAway, assignmentFile,
                 "this seat's sitting has moved to " + *toSeat, {text(*toSeat)});
        }
        fail(StartupStage::Assignment, StartupFailure::AwaitingLaunch, assignmentFile,
             "the seat assignment carries no content key for this PC, and the invigilator has "
             "not launched it yet");
    }
    auto contentKey = exam::openContentKeySealedToKiosk(sealedKey, trust.kioskKeys);
    if (!contentKey) {
        fail(StartupStage::Assignment, StartupFailure::AssignmentOtherKiosk, assignmentFile,
             exam::describe(contentKey.error()),
             {text(crypto::toHex(crypto::keyIdOf(assignment.value().kioskKey))),
              text(crypto::toHex(crypto::keyIdOf(trust.kioskKeys.publicKey)))});
    }
    auto assessment = exam::openPackageWithContentKey(packageBytes.value(), trust.packageSigner,
                                                      contentKey.value());
    if (!assessment) {
        fail(StartupStage::Package, packageFailure(assessment.error().error), packageFile,
             exam::describe(assessment.error()), {text(seat.centreId)});
    }
    return {std::move(assignment).value(), std::move(assessment).value(), assignmentDigest};
}

} // namespace vigil::kiosk
