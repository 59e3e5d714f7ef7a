#include "vigil/console/package_library.h"

#include "role_checks.h"
#include "vigil/console/admin_log.h"
#include "vigil/crypto/hash.h"
#include "vigil/exam/package.h"
#include "vigil/exam/serialization.h"

#include <algorithm>

namespace vigil::console {
namespace {

constexpr std::string_view kPackageColumns =
    "digest, metadata, file_bytes, imported_at_ms, imported_by";

ImportedPackage packageFrom(const store::Statement& select) {
    ImportedPackage package;
    package.digest = select.text(0);
    const auto metadata = select.blob(1);
    if (auto read = exam::deserializeMetadata(metadata)) {
        package.metadata = std::move(read).value();
    }
    package.fileBytes = static_cast<std::size_t>(select.int64(2));
    package.importedAtMs = select.int64(3);
    package.importedBy = select.text(4);
    return package;
}

} // namespace

std::string_view PackageLibrary::schemaSql() noexcept {
    return R"sql(
CREATE TABLE console_packages (
    digest TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL,
    metadata BLOB NOT NULL,
    file_bytes INTEGER NOT NULL,
    file BLOB NOT NULL,
    imported_at_ms INTEGER NOT NULL,
    imported_by TEXT NOT NULL
);
)sql";
}

PackageLibrary::PackageLibrary(ConsoleStore& store, const Centre& centre, const exam::Clock& clock)
    : db_(store.db())
    , centre_(centre)
    , clock_(clock) {}

ConsoleResult<ImportedPackage> PackageLibrary::import(const SignedIn& by,
                                                      const std::filesystem::path& file) {
    if (auto refusedRole = roles::requireCoordinator(by, "import assessment packages")) {
        return *refusedRole;
    }
    auto bytes = exam::readPackageFile(file);
    if (!bytes) {
        return refusal(ConsoleError::PackageRefused, exam::describe(bytes.error()));
    }
    return importBytes(by, file.filename().string(), bytes.value());
}

ConsoleResult<ImportedPackage> PackageLibrary::importBytes(const SignedIn& by,
                                                           const std::string& name,
                                                           std::span<const std::uint8_t> bytes) {
    if (auto refusedRole = roles::requireCoordinator(by, "import assessment packages")) {
        return *refusedRole;
    }
    auto info = exam::readPackageInfo(bytes, centre_.awardingBodySigningKey());
    if (!info) {
        return refusal(ConsoleError::PackageRefused, name + ": " + exam::describe(info.error()));
    }
    // The console plans invigilated sessions: a practice quiz has no place in one.
    if (auto kind = exam::requirePackageKind(info.value().metadata, exam::PackageKind::Assessment);
        !kind) {
        return refusal(ConsoleError::PracticePackage, name + ": " + exam::describe(kind.error()));
    }
    const auto ourBoxKey = crypto::keyIdOf(centre_.boxKeys().publicKey);
    const auto& recipients = info.value().recipients;
    const bool forUs = std::any_of(recipients.begin(), recipients.end(), [&](const auto& r) {
        return r.centreId == centre_.id() && r.boxKeyId == ourBoxKey;
    });
    if (!forUs) {
        return refusal(ConsoleError::PackageNotForCentre,
                       info.value().metadata.id + " is not sealed to centre " + centre_.id() +
                           " under this console's key");
    }
    ImportedPackage package{crypto::toHex(info.value().packageDigest), info.value().metadata,
                            bytes.size(), clock_.wallNowMs(), by.userId()};
    if (find(package.digest)) {
        return refusal(ConsoleError::PackageAlreadyImported,
                       package.metadata.id + " " + package.metadata.version);
    }
    db_.transaction([&] {
        db_.prepare("INSERT INTO console_packages (digest, assessment_id, metadata, file_bytes, "
                    "file, imported_at_ms, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, package.digest)
            .bind(2, package.metadata.id)
            .bindBlob(3, exam::serializeMetadata(package.metadata))
            .bind(4, static_cast<std::int64_t>(package.fileBytes))
            .bindBlob(5, bytes)
            .bind(6, package.importedAtMs)
            .bind(7, package.importedBy)
            .run();
        AdminLog(db_).append({package.importedAtMs, by.userId(), "package-imported", package.digest,
                              package.metadata.id + " " + package.metadata.version + " (" +
                                  package.metadata.title + ")"});
    });
    return package;
}

std::vector<ImportedPackage> PackageLibrary::packages(const SignedIn&) {
    auto& select = db_.cached("SELECT " + std::string(kPackageColumns) +
                              " FROM console_packages ORDER BY imported_at_ms DESC, digest");
    std::vector<ImportedPackage> packages;
    while (select.step()) {
        packages.push_back(packageFrom(select));
    }
    select.reset();
    return packages;
}

ConsoleResult<ImportedPackage> PackageLibrary::find(const std::string& digest) {
    auto& select = db_.cached("SELECT " + std::string(kPackageColumns) +
                              " FROM console_packages WHERE digest = ?");
    select.bind(1, digest);
    if (!select.step()) {
        select.reset();
        return refusal(ConsoleError::UnknownPackage, digest);
    }
    auto package = packageFrom(select);
    select.reset();
    return package;
}

ConsoleResult<ImportedPackage> PackageLibrary::find(const SignedIn&, const std::string& digest) {
    return find(digest);
}

ConsoleResult<std::vector<std::uint8_t>> PackageLibrary::fileBytes(const SignedIn&,
                                                                   const std::string& digest) {
    auto select = db_.prepare("SELECT file FROM console_packages WHERE digest = ?");
    select.bind(1, digest);
    if (!select.step()) {
        return refusal(ConsoleError::UnknownPackage, digest);
    }
    return select.blob(0);
}

} // namespace vigil::console
