#include "vigil/receiver/usb_bundle.h"

#include "vigil/exam/signed_file.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace vigil::receiver {

namespace {

constexpr std::array<std::uint16_t, 1> kManifestVersions{kBundleManifestVersion};
constexpr exam::SignedFileFormat kManifestFile{.magic = kBundleManifestMagic,
                                               .versions = kManifestVersions,
                                               .lengthBytes = 4,
                                               .maxBodyBytes = kMaxBundleManifestBodyBytes};
constexpr double kMaxSafeInteger = 9007199254740991.0; // 2^53 - 1
constexpr std::size_t kMaxCentreIdBytes = 256;

BundleFailure malformedBundle(std::string detail) {
    return {BundleError::ManifestMalformed, std::move(detail)};
}

// A non-negative integer JSON number no bigger than 2^53 - 1 (exact in a double).
std::optional<std::uint64_t> wholeNumber(const QJsonValue& value) {
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!(number >= 0) || number > kMaxSafeInteger || std::floor(number) != number) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(number);
}

bool isPlainCentreId(const QString& text) {
    const auto utf8 = text.toUtf8();
    return !utf8.isEmpty() && std::size_t(utf8.size()) <= kMaxCentreIdBytes &&
           std::none_of(utf8.begin(), utf8.end(), [](char c) {
               const auto byte = static_cast<unsigned char>(c);
               return byte < 0x20 || byte == 0x7F;
           });
}

bool hasExactly(const QJsonObject& object, std::initializer_list<const char*> keys) {
    if (std::size_t(object.size()) != keys.size()) {
        return false;
    }
    return std::all_of(keys.begin(), keys.end(),
                       [&](const char* key) { return object.contains(QLatin1String(key)); });
}

BundleResult<BundleEntry> decodeEntry(const QJsonValue& value, std::size_t index,
                                      const BundleLimits& limits) {
    const auto where = "items[" + std::to_string(index) + "]";
    if (!value.isObject() || !hasExactly(value.toObject(), {"id", "kind", "size"})) {
        return malformedBundle(where + ": not an object of exactly id, kind and size");
    }
    const auto object = value.toObject();
    const auto idText = object.value(QStringLiteral("id")).toString().toStdString();
    const auto id = parseItemId(idText);
    // Lower case only: the id is the item's file name, and a name has one spelling.
    if (!object.value(QStringLiteral("id")).isString() || !id || itemIdHex(*id) != idText) {
        return malformedBundle(where + ".id: not 64 lower-case hex digits");
    }
    const auto kindValue = object.value(QStringLiteral("kind"));
    const auto kind = parseKind(kindValue.toString().toStdString());
    if (!kindValue.isString() || !kind) {
        return malformedBundle(where + ".kind: not a kind of item this receiver stores");
    }
    const auto size = wholeNumber(object.value(QStringLiteral("size")));
    if (!size) {
        return malformedBundle(where + ".size: not a whole number of bytes");
    }
    if (*size > limits.maxFileBytes) {
        return BundleFailure{BundleError::ItemOverLimit,
                             "item " + idText + " is " + std::to_string(*size) +
                                 " bytes; the limit is " + std::to_string(limits.maxFileBytes)};
    }
    return BundleEntry{*id, *kind, *size};
}

BundleFailure bundleFailureFrom(const exam::SignedFileFailure& failure) {
    switch (failure.error) {
    case exam::SignedFileError::SignedByAnotherKey:
        return {BundleError::SignedByAnotherKey, failure.detail};
    case exam::SignedFileError::BadSignature:
        return {BundleError::BadSignature, failure.detail};
    case exam::SignedFileError::WrongMagic:
    case exam::SignedFileError::UnsupportedVersion:
    case exam::SignedFileError::Truncated:
    case exam::SignedFileError::Malformed:
        break;
    }
    return malformedBundle(exam::describe(failure));
}

} // namespace

std::string_view describe(BundleError error) noexcept {
    switch (error) {
    case BundleError::NotABundle:
        return "this is not a bundle: there is no manifest.vbm (or its writing never finished)";
    case BundleError::Unreadable:
        return "a file of the bundle cannot be read";
    case BundleError::ManifestMalformed:
        return "the bundle's manifest is damaged or not of a format this build reads";
    case BundleError::UnknownCentre:
        return "the bundle's centre is not registered with the awarding body";
    case BundleError::SignedByAnotherKey:
        return "the bundle's manifest is signed by another key than the centre's registered key";
    case BundleError::BadSignature:
        return "the bundle's manifest was altered after the centre signed it";
    case BundleError::MissingItem:
        return "an item the manifest lists is missing from the bundle";
    case BundleError::ExtraFile:
        return "the bundle holds a file its manifest does not list";
    case BundleError::UnsafeEntry:
        return "an item of the bundle is a link, a folder or a device, not a plain file";
    case BundleError::ItemOverLimit:
        return "an item is bigger than a bundle's file may be";
    case BundleError::SizeMismatch:
        return "an item's file is not the size its manifest gives (cut short or added to)";
    case BundleError::ItemIdMismatch:
        return "an item's bytes do not match its id (altered)";
    case BundleError::ItemOfAnotherCentre:
        return "an item with these exact bytes is held for another centre";
    case BundleError::StoreUnavailable:
        return "the receiver cannot reach its database: import the bundle again later";
    }
    return "unknown bundle error";
}

std::string describe(const BundleFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

std::string_view code(BundleError error) noexcept {
    switch (error) {
    case BundleError::NotABundle:
        return "not-a-bundle";
    case BundleError::Unreadable:
        return "unreadable";
    case BundleError::ManifestMalformed:
        return "manifest-malformed";
    case BundleError::UnknownCentre:
        return "unknown-centre";
    case BundleError::SignedByAnotherKey:
        return "signed-by-another-key";
    case BundleError::BadSignature:
        return "bad-signature";
    case BundleError::MissingItem:
        return "missing-item";
    case BundleError::ExtraFile:
        return "extra-file";
    case BundleError::UnsafeEntry:
        return "unsafe-entry";
    case BundleError::ItemOverLimit:
        return "item-over-limit";
    case BundleError::SizeMismatch:
        return "size-mismatch";
    case BundleError::ItemIdMismatch:
        return "item-id-mismatch";
    case BundleError::ItemOfAnotherCentre:
        return "item-of-another-centre";
    case BundleError::StoreUnavailable:
        return "store-unavailable";
    }
    return "unknown";
}

std::vector<std::uint8_t> encodeManifestBody(const BundleManifest& manifest) {
    QJsonArray items;
    for (const auto& entry : manifest.items) {
        QJsonObject item;
        item.insert(QStringLiteral("id"), QString::fromStdString(itemIdHex(entry.id)));
        item.insert(QStringLiteral("kind"), QString::fromUtf8(kindName(entry.kind)));
        item.insert(QStringLiteral("size"), static_cast<double>(entry.size));
        items.append(item);
    }
    QJsonObject object;
    object.insert(QStringLiteral("centre"), QString::fromStdString(manifest.centreId));
    object.insert(QStringLiteral("createdAt"), static_cast<double>(manifest.createdAtMs));
    object.insert(QStringLiteral("items"), items);
    const auto json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {json.begin(), json.end()};
}

BundleResult<BundleManifest> decodeManifestBody(std::span<const std::uint8_t> body,
                                                const BundleLimits& limits) {
    if (body.size() > kMaxBundleManifestBodyBytes) {
        return malformedBundle("the body is over " + std::to_string(kMaxBundleManifestBodyBytes) +
                               " bytes");
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(body.data()), static_cast<qsizetype>(body.size())),
        &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return malformedBundle("the body is not a JSON object");
    }
    const auto object = document.object();
    if (!hasExactly(object, {"centre", "createdAt", "items"})) {
        return malformedBundle("the body is not exactly centre, createdAt and items");
    }
    BundleManifest manifest;
    const auto centre = object.value(QStringLiteral("centre"));
    if (!centre.isString() || !isPlainCentreId(centre.toString())) {
        return malformedBundle("centre: not 1 to 256 bytes of text");
    }
    manifest.centreId = centre.toString().toStdString();
    const auto createdAt = wholeNumber(object.value(QStringLiteral("createdAt")));
    if (!createdAt) {
        return malformedBundle("createdAt: not a whole number of milliseconds");
    }
    manifest.createdAtMs = static_cast<std::int64_t>(*createdAt);
    const auto items = object.value(QStringLiteral("items"));
    if (!items.isArray()) {
        return malformedBundle("items: not a list");
    }
    const auto list = items.toArray();
    if (std::size_t(list.size()) > limits.maxItems) {
        return malformedBundle("items: " + std::to_string(list.size()) + " items; at most " +
                               std::to_string(limits.maxItems));
    }
    std::set<ItemId> seen;
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto entry = decodeEntry(list.at(i), std::size_t(i), limits);
        if (!entry) {
            return entry.error();
        }
        if (!seen.insert(entry.value().id).second) {
            return malformedBundle("items[" + std::to_string(i) + "]: item " +
                                   itemIdHex(entry.value().id) + " is listed twice");
        }
        manifest.items.push_back(entry.value());
    }
    return manifest;
}

std::vector<std::uint8_t> signManifest(const BundleManifest& manifest,
                                       const crypto::SigningKeyPair& centreKeys) {
    return exam::writeSignedFile(kManifestFile, encodeManifestBody(manifest), centreKeys);
}

BundleResult<BundleManifest> readManifest(std::span<const std::uint8_t> bytes,
                                          const CentreKeyLookup& keyOf,
                                          const BundleLimits& limits) {
    const auto frame = exam::readSignedFileFrame(bytes, kManifestFile);
    if (!frame) {
        return bundleFailureFrom(frame.error());
    }
    auto manifest = decodeManifestBody(frame.value().body, limits);
    if (!manifest) {
        return manifest.error();
    }
    const auto key = keyOf(manifest.value().centreId);
    if (!key) {
        return BundleFailure{BundleError::UnknownCentre, manifest.value().centreId};
    }
    const auto verified = exam::readSignedFile(bytes, kManifestFile, *key);
    if (!verified) {
        return bundleFailureFrom(verified.error());
    }
    return manifest;
}

} // namespace vigil::receiver
