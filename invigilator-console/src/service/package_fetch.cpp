#include "vigil/console/package_fetch.h"

#include "vigil/crypto/hash.h"
#include "vigil/exam/package.h"
#include "vigil/receiver/package_request.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace vigil::console {

namespace {

constexpr std::size_t kListLimitBytes = 1024 * 1024;

bool isPackageId(const std::string& id) {
    return id.size() == 64 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The list's ids, or why it is not one.
Checked<std::vector<std::string>, std::string> listedIds(const std::string& body) {
    const auto document =
        QJsonDocument::fromJson(QByteArray(body.data(), static_cast<qsizetype>(body.size())));
    const auto packages = document.object().value(QStringLiteral("packages"));
    if (!document.isObject() || !packages.isArray()) {
        return std::string("the receiver's package list is not a list");
    }
    std::vector<std::string> ids;
    for (const auto& line : packages.toArray()) {
        auto id = line.toObject().value(QStringLiteral("id")).toString().toStdString();
        if (!isPackageId(id)) {
            return "the receiver's package list names an id that is not one: " + id.substr(0, 80);
        }
        ids.push_back(std::move(id));
    }
    return ids;
}

FetchedPackage fetchOne(PackageLibrary& library, const SignedIn& by, sync::UploadClient& client,
                        const std::string& id) {
    auto file = client.get(std::string(receiver::kPackagesPath) + "/" + id, packageDownloadLimit());
    if (!file) {
        return {id, FetchOutcome::NotFetched, sync::describe(file.error())};
    }
    const std::span bytes(reinterpret_cast<const std::uint8_t*>(file.value().data()),
                          file.value().size());
    if (crypto::toHex(exam::packageDigest(bytes)) != id) {
        return {id, FetchOutcome::Refused,
                "the file the receiver sent does not hash to the id it listed"};
    }
    auto imported = library.importBytes(by, "package " + id.substr(0, 12), bytes);
    if (!imported) {
        return {id, FetchOutcome::Refused, describe(imported.error())};
    }
    const auto& metadata = imported.value().metadata;
    return {id, FetchOutcome::Imported,
            metadata.id + " " + metadata.version + " (" + metadata.title + ")"};
}

} // namespace

std::size_t FetchReport::count(FetchOutcome outcome) const {
    return static_cast<std::size_t>(
        std::count_if(packages.begin(), packages.end(),
                      [&](const FetchedPackage& package) { return package.outcome == outcome; }));
}

std::string FetchReport::summary() const {
    return std::to_string(count(FetchOutcome::Imported)) + " imported, " +
           std::to_string(count(FetchOutcome::AlreadyHeld)) + " already held, " +
           std::to_string(count(FetchOutcome::Refused)) + " refused, " +
           std::to_string(count(FetchOutcome::NotFetched)) + " not fetched";
}

std::vector<std::string> FetchReport::lines() const {
    std::vector<std::string> out;
    for (const auto& package : packages) {
        auto line = package.packageId.substr(0, 12) + ": " + std::string(describe(package.outcome));
        if (!package.detail.empty()) {
            line += " " + package.detail;
        }
        out.push_back(std::move(line));
    }
    return out;
}

std::string_view describe(FetchOutcome outcome) noexcept {
    switch (outcome) {
    case FetchOutcome::Imported:
        return "imported";
    case FetchOutcome::AlreadyHeld:
        return "already held";
    case FetchOutcome::Refused:
        return "refused:";
    case FetchOutcome::NotFetched:
        return "not fetched:";
    }
    return "unknown";
}

std::size_t packageDownloadLimit() noexcept {
    return exam::kMaxPackageBytes;
}

ConsoleResult<FetchReport>
fetchPackages(PackageLibrary& library, const SignedIn& by, sync::UploadClient& client,
              const std::function<void(std::size_t, std::size_t)>& progress) {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "getting packages from the awarding body");
    }
    const auto list = client.get(std::string(receiver::kPackagesPath), kListLimitBytes);
    if (!list) {
        return refusal(ConsoleError::PackagesUnavailable, sync::describe(list.error()));
    }
    auto ids = listedIds(list.value());
    if (!ids) {
        return refusal(ConsoleError::PackagesUnavailable, ids.error());
    }
    FetchReport report;
    const auto total = ids.value().size();
    for (const auto& id : ids.value()) {
        if (library.find(by, id)) {
            report.packages.push_back({id, FetchOutcome::AlreadyHeld, {}});
        } else {
            report.packages.push_back(fetchOne(library, by, client, id));
        }
        if (progress) {
            progress(report.packages.size(), total);
        }
    }
    return report;
}

} // namespace vigil::console
