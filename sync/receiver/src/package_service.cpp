#include "vigil/receiver/package_service.h"

#include "vigil/crypto/hash.h"
#include "vigil/exam/package.h"
#include "vigil/receiver/package_request.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::receiver {

namespace {

std::string listJson(const std::vector<PackageListing>& listed) {
    QJsonArray packages;
    for (const auto& package : listed) {
        QJsonObject line;
        line.insert(QStringLiteral("id"), QString::fromStdString(package.packageId));
        line.insert(QStringLiteral("bytes"), static_cast<double>(package.bytes));
        line.insert(QStringLiteral("publishedAt"), static_cast<double>(package.publishedAtMs));
        packages.append(line);
    }
    QJsonObject object;
    object.insert(QStringLiteral("packages"), packages);
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

PackageService::PackageService(ReceiverStore& store, Clock clock)
    : store_(store)
    , clock_(std::move(clock)) {}

ReceiverResult<PackagePublished> PackageService::publish(const std::string& centreId,
                                                         std::span<const std::uint8_t> bytes) {
    if (auto framed = exam::locatePackageRegions(bytes); !framed) {
        return ReceiverFailure{ReceiverError::MalformedRequest,
                               "not a Vigil package: " + exam::describe(framed.error())};
    }
    try {
        if (!store_.findCentre(centreId)) {
            return ReceiverFailure{ReceiverError::UnknownCentre, centreId};
        }
        PublishedPackage package{centreId, crypto::toHex(exam::packageDigest(bytes)),
                                 std::vector<std::uint8_t>(bytes.begin(), bytes.end()), clock_()};
        const bool stored = store_.publishPackage(package);
        return PackagePublished{package.packageId, stored};
    } catch (const StoreUnavailableError& error) {
        return ReceiverFailure{ReceiverError::StoreUnavailable, error.what()};
    }
}

HttpAnswer PackageService::answer(const HttpRequestView& request) {
    const auto decoded = decodePackageRequest(request.method, request.target, request.headers);
    if (!decoded) {
        return UploadService::refusal(decoded.error());
    }
    const auto& asked = decoded.value();
    try {
        const auto centre = store_.findCentre(asked.centreId);
        if (!centre) {
            return UploadService::refusal({ReceiverError::UnknownCentre, asked.centreId});
        }
        if (auto verified = verifyPackageRequest(asked, centre->signingKey, clock_()); !verified) {
            return UploadService::refusal(verified.error());
        }
        if (!store_.recordNonce(asked.centreId, asked.nonce, asked.timestampMs)) {
            return UploadService::refusal(
                {ReceiverError::ReplayedRequest, "nonce " + crypto::toHex(asked.nonce)});
        }
        const auto packageId = packageIdOfTarget(asked.target);
        if (packageId.empty()) {
            return {200, listJson(store_.packagesFor(asked.centreId))};
        }
        auto file = store_.packageFor(asked.centreId, packageId);
        if (!file) {
            return UploadService::refusal(
                {ReceiverError::NotFound, "no package " + packageId + " for this centre"});
        }
        return {200, std::string(file->begin(), file->end()), "application/octet-stream"};
    } catch (const StoreUnavailableError& error) {
        return UploadService::refusal({ReceiverError::StoreUnavailable, error.what()});
    }
}

} // namespace vigil::receiver
