#include "vigil/kiosk/seat_setup.h"

#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"

namespace vigil::kiosk {

namespace {

template <class T> T require(crypto::Result<T> result, const std::filesystem::path& file) {
    if (!result) {
        throw SeatSetupError(file.string() + ": " + std::string(crypto::describe(result.error())));
    }
    return std::move(result).value();
}

} // namespace

TrustMaterial TrustMaterial::load(const std::filesystem::path& dataDir) {
    const auto dir = trustDir(dataDir);
    TrustMaterial trust;
    trust.packageSigner = require(crypto::loadSigningPublicKey(dir / "awarding-body-signing.pub"),
                                  dir / "awarding-body-signing.pub");
    trust.resultRecipient = require(crypto::loadBoxPublicKey(dir / "awarding-body-box.pub"),
                                    dir / "awarding-body-box.pub");
    trust.assignmentIssuer = require(crypto::loadSigningPublicKey(dir / "issuer-signing.pub"),
                                     dir / "issuer-signing.pub");
    trust.centreKeys =
        require(crypto::loadBoxKeyPair(dir / "centre-box.key"), dir / "centre-box.key");

    const auto kioskKeyFile = dataDir / "kiosk-signing.key";
    if (!std::filesystem::exists(kioskKeyFile)) {
        const auto created =
            crypto::saveSigningKeyPair(kioskKeyFile, crypto::generateSigningKeyPair());
        if (!created) {
            throw SeatSetupError(kioskKeyFile.string() + ": " +
                                 std::string(crypto::describe(created.error())));
        }
    }
    trust.kioskKeys = require(crypto::loadSigningKeyPair(kioskKeyFile), kioskKeyFile);
    return trust;
}

OpenedSeat openSeat(const std::filesystem::path& assignmentFile,
                    const std::filesystem::path& packageFile, const TrustMaterial& trust,
                    const exam::SeatIdentity& seat, std::int64_t nowMs) {
    auto assignmentBytes = exam::readSeatAssignmentFile(assignmentFile);
    if (!assignmentBytes) {
        throw SeatSetupError(assignmentFile.string() + ": " +
                             exam::describe(assignmentBytes.error()));
    }
    auto assignment =
        exam::openSeatAssignment(assignmentBytes.value(), trust.assignmentIssuer, seat, nowMs);
    if (!assignment) {
        throw SeatSetupError(assignmentFile.string() + ": " + exam::describe(assignment.error()));
    }
    auto packageBytes = exam::readPackageFile(packageFile);
    if (!packageBytes) {
        throw SeatSetupError(packageFile.string() + ": " + exam::describe(packageBytes.error()));
    }
    if (auto matches = exam::checkPackageMatches(assignment.value(), packageBytes.value());
        !matches) {
        throw SeatSetupError(packageFile.string() + ": " + exam::describe(matches.error()));
    }
    auto assessment = exam::openPackage(packageBytes.value(), trust.packageSigner,
                                        assignment.value().centreId, trust.centreKeys);
    if (!assessment) {
        throw SeatSetupError(packageFile.string() + ": " + exam::describe(assessment.error()));
    }
    return {std::move(assignment).value(), std::move(assessment).value(),
            crypto::blake2b(assignmentBytes.value())};
}

} // namespace vigil::kiosk
