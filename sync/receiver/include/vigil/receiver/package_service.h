#pragma once

#include "vigil/receiver/receiver_store.h"
#include "vigil/receiver/upload_service.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace vigil::receiver {

struct PackagePublished {
    std::string packageId; // BLAKE2b-256 of the file, hex
    bool stored = false;   // false: the centre held it already (nothing changed)
};

// Distributing the awarding body's packages to centres (README.md, "Packages"): the awarding
// body publishes a sealed package for one registered centre; that centre, and no other, lists
// and downloads it with requests signed by its registered key (package_request.h). The
// receiver does not open packages: the console verifies the signature and that the package is
// sealed to it before importing. Stateless beyond the store, like UploadService, whose answer()
// routes /v1/packages here.
class PackageService {
public:
    using Clock = UploadService::Clock;

    explicit PackageService(ReceiverStore& store, Clock clock = UploadService::systemClockMs);

    // UnknownCentre for a centre not registered here; MalformedRequest for bytes that are not
    // framed as a Vigil package; StoreUnavailable when the store does not answer.
    [[nodiscard]] ReceiverResult<PackagePublished> publish(const std::string& centreId,
                                                           std::span<const std::uint8_t> bytes);

    // GET /v1/packages: {"packages":[{"bytes":N,"id":"<hex>","publishedAt":MS}, ...]} oldest
    // first; GET /v1/packages/<id>: the file (application/octet-stream). A centre not
    // registered is refused (403), a bad signature (401), a replayed nonce (409), a package
    // this centre does not hold (another centre's included) is not found (404).
    [[nodiscard]] HttpAnswer answer(const HttpRequestView& request);

private:
    ReceiverStore& store_;
    Clock clock_;
};

} // namespace vigil::receiver
