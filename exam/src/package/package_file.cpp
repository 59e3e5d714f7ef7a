#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"
#include "vigil/exam/package.h"

namespace vigil::exam {

PackageResult<std::vector<std::uint8_t>> readPackageFile(const std::filesystem::path& path) {
    auto read = crypto::readFileBytes(path, kMaxPackageBytes);
    if (!read) {
        return PackageFailure{PackageError::FileUnreadable, read.error().describe()};
    }
    return std::move(read).value();
}

PackageResult<crypto::Done> writePackageFile(const std::filesystem::path& path,
                                             std::span<const std::uint8_t> package) {
    if (std::string reason; !crypto::writeFileAtomically(path, package, 0644, &reason)) {
        return PackageFailure{PackageError::FileWriteFailed, reason};
    }
    return crypto::Done{};
}

} // namespace vigil::exam
