#include "vigil/exam/package.h"

namespace vigil::exam {

std::string_view describe(PackageError error) noexcept {
    switch (error) {
    case PackageError::NotAVigilPackage:
        return "not a Vigil assessment package";
    case PackageError::UnsupportedVersion:
        return "package format version not supported by this build";
    case PackageError::Truncated:
        return "package is truncated (incomplete copy or download)";
    case PackageError::Malformed:
        return "package is malformed";
    case PackageError::SignedByAnotherKey:
        return "package is signed by another key than the awarding body key given";
    case PackageError::BadSignature:
        return "package signature is not valid: the package was altered or damaged";
    case PackageError::NotARecipient:
        return "package is not sealed to this centre";
    case PackageError::WrongCentreKey:
        return "the centre key given is not the key this package was sealed to";
    case PackageError::WrongContentKey:
        return "the content key given is not this package's content key";
    case PackageError::OtherKiosk:
        return "the package's content key was sealed to another PC's key, not this one's";
    case PackageError::ContentAltered:
        return "package content does not decrypt: it was altered or damaged";
    case PackageError::MetadataMismatch:
        return "package content does not belong to its public metadata";
    case PackageError::InvalidInput:
        return "cannot build a package from this input";
    case PackageError::FileUnreadable:
        return "cannot read the package file";
    case PackageError::FileWriteFailed:
        return "cannot write the package file";
    case PackageError::PracticeAsAssessment:
        return "this package is a practice quiz: it can never be delivered as an invigilated "
               "assessment";
    case PackageError::AssessmentAsPractice:
        return "this package is an invigilated assessment: it can never be taken as practice";
    }
    return "unknown package error";
}

PackageResult<crypto::Done> requirePackageKind(const AssessmentMetadata& metadata,
                                               PackageKind delivered) {
    if (metadata.kind == delivered) {
        return crypto::Done{};
    }
    return PackageFailure{delivered == PackageKind::Assessment ? PackageError::PracticeAsAssessment
                                                               : PackageError::AssessmentAsPractice,
                          metadata.id + " " + metadata.version};
}

std::string describe(const PackageFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

} // namespace vigil::exam
