#include "vigil/crypto/durable_file.h"
#include "vigil/exam/durable_file.h"
#include "vigil/exam/package.h"

namespace vigil::exam {

PackageResult<std::vector<std::uint8_t>> readPackageFile(const std::filesystem::path& path) {
    auto read = readWholeFile(path, kMaxPackageBytes);
    if (auto* reason = std::get_if<std::string>(&read)) {
        return PackageFailure{PackageError::FileUnreadable, *reason};
    }
    return std::get<std::vector<std::uint8_t>>(std::move(read));
}

PackageResult<crypto::Done> writePackageFile(const std::filesystem::path& path,
                                             std::span<const std::uint8_t> package) {
    if (std::string reason; !crypto::writeFileAtomically(path, package, 0644, &reason)) {
        return PackageFailure{PackageError::FileWriteFailed, reason};
    }
    return crypto::Done{};
}

} // namespace vigil::exam
