#pragma once

#include "vigil/console/centre.h"
#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/console/signed_in.h"
#include "vigil/exam/assessment.h"
#include "vigil/exam/clock.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vigil::console {

// An assessment package the console holds, as the coordinator sees it: metadata only (what
// the awarding body's public key alone reveals), never content.
struct ImportedPackage {
    std::string digest; // BLAKE2b-256 of the file in hex: what seat assignments name
    exam::AssessmentMetadata metadata;
    std::size_t fileBytes = 0;
    std::int64_t importedAtMs = 0;
    std::string importedBy;
};

// Assessment packages imported into the console. Import verifies the awarding body's
// signature (exam::readPackageInfo) and that the package is sealed to this centre's box key,
// then keeps the file byte for byte in the encrypted store; the content is never opened here.
class PackageLibrary {
public:
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    PackageLibrary(ConsoleStore& store, const Centre& centre, const exam::Clock& clock);

    // Coordinator only.
    [[nodiscard]] ConsoleResult<ImportedPackage> import(const SignedIn& by,
                                                        const std::filesystem::path& file);
    // The same checks and the same row for a package file's bytes already in memory (one the
    // awarding body's receiver sent): `name` is what refusals name it by.
    [[nodiscard]] ConsoleResult<ImportedPackage>
    importBytes(const SignedIn& by, const std::string& name, std::span<const std::uint8_t> bytes);
    // Newest first; any signed-in user (metadata is what sessions are planned with).
    [[nodiscard]] std::vector<ImportedPackage> packages(const SignedIn& by);
    [[nodiscard]] ConsoleResult<ImportedPackage> find(const SignedIn& by,
                                                      const std::string& digest);
    // The file as imported, for delivery to a kiosk when a session's invigilator launches it.
    [[nodiscard]] ConsoleResult<std::vector<std::uint8_t>> fileBytes(const SignedIn& by,
                                                                     const std::string& digest);

private:
    [[nodiscard]] ConsoleResult<ImportedPackage> find(const std::string& digest);

    store::Database& db_;
    const Centre& centre_;
    const exam::Clock& clock_;
};

} // namespace vigil::console
