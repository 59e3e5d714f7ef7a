#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/package_library.h"
#include "vigil/console/signed_in.h"
#include "vigil/sync/upload_client.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

// "Get packages from the awarding body": the packages the awarding body published for this
// centre on its receiver (vigil-syncd publish-package), downloaded over the outbox's pinned
// TLS 1.3 client with requests signed by the centre's key, each verified and imported exactly
// as a package file is (PackageLibrary::importBytes).
namespace vigil::console {

enum class FetchOutcome {
    Imported,    // verified and now in the package list
    AlreadyHeld, // in the package list already: not downloaded again
    Refused,     // downloaded but refused (detail: why); nothing imported
    NotFetched,  // the download failed (detail: why); the next run tries again
};

struct FetchedPackage {
    std::string packageId; // BLAKE2b-256 of the file, hex: the digest it is imported under
    FetchOutcome outcome = FetchOutcome::NotFetched;
    std::string detail; // Imported: "<id> <version> (<title>)"; Refused, NotFetched: why
};

struct FetchReport {
    std::vector<FetchedPackage> packages; // in the receiver's order (oldest published first)

    [[nodiscard]] std::size_t count(FetchOutcome outcome) const;
    // "2 imported, 1 already held, 1 refused, 0 not fetched"
    [[nodiscard]] std::string summary() const;
    // "<package id>: imported LV3-BRAKES-2026A 2026.1 (…)", one line per package.
    [[nodiscard]] std::vector<std::string> lines() const;
};

[[nodiscard]] std::string_view describe(FetchOutcome outcome) noexcept;

// The largest package file the console asks for (exam's own limit on a package file).
[[nodiscard]] std::size_t packageDownloadLimit() noexcept;

// Lists the packages the receiver holds for this centre, then for each one not held already:
// downloads it, checks the file hashes to the id it was listed under (altered in transit:
// Refused), and imports it through `library` as the coordinator `by` (the awarding body's
// signature, sealed to this centre under this console's key, an assessment package: any
// refusal is Refused with the library's sentence, and nothing is imported). progress(done,
// total) after each package. PackagesUnavailable when the list cannot be read (the receiver
// unreachable, the centre not registered there).
[[nodiscard]] ConsoleResult<FetchReport>
fetchPackages(PackageLibrary& library, const SignedIn& by, sync::UploadClient& client,
              const std::function<void(std::size_t, std::size_t)>& progress = {});

} // namespace vigil::console
