// The console's announcement datagram: what it says, how it is signed, how a kiosk reads it.
#include "field_reader.h"
#include "vigil/crypto/hash.h"
#include "vigil/sync/discovery.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <string_view>

namespace vigil::sync {
namespace {

constexpr std::string_view kContextTag = "vigil/console-announcement/v1";
constexpr const char* kMessageName = "console-announcement";

QJsonObject unsignedJson(const ConsoleAnnouncement& a) {
    return {{"message", QString::fromLatin1(kMessageName)},
            {"protocol", a.protocol},
            {"centreId", detail::text(a.centreId)},
            {"consoleName", detail::text(a.consoleName)},
            {"linkPort", int(a.linkPort)},
            {"consoleKey", detail::text(crypto::toHex(a.consoleKey))},
            {"sequence", double(a.sequence)}};
}

// The context tag, a zero byte, then the compact JSON (QJsonObject keeps keys sorted, so the
// same fields always give the same bytes).
std::vector<std::uint8_t> signedBytes(const QJsonObject& unsignedObject) {
    const QByteArray json = QJsonDocument(unsignedObject).toJson(QJsonDocument::Compact);
    std::vector<std::uint8_t> bytes(kContextTag.begin(), kContextTag.end());
    bytes.push_back(0);
    bytes.insert(bytes.end(), json.begin(), json.end());
    return bytes;
}

LinkFailure malformed(const std::string& detail) {
    return LinkFailure{LinkError::MalformedMessage, std::string(kMessageName) + detail};
}

} // namespace

std::vector<std::uint8_t> encodeAnnouncement(const ConsoleAnnouncement& announcement,
                                             const crypto::SigningKeyPair& console) {
    ConsoleAnnouncement signedAnnouncement = announcement;
    signedAnnouncement.consoleKey = console.publicKey;
    QJsonObject object = unsignedJson(signedAnnouncement);
    const auto signature = crypto::sign(console, signedBytes(object));
    object.insert(QStringLiteral("signature"), detail::text(crypto::toHex(signature)));
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {json.begin(), json.end()};
}

LinkResult<ConsoleAnnouncement> decodeAnnouncement(std::span<const std::uint8_t> datagram) {
    if (datagram.size() > kMaxAnnouncementBytes) {
        return malformed(": over " + std::to_string(kMaxAnnouncementBytes) + " bytes");
    }
    QJsonParseError parseError{};
    const auto document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(datagram.data()), qsizetype(datagram.size())),
        &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return malformed(": not a JSON object");
    }
    QJsonObject object = document.object();
    detail::FieldReader reader(object, kMessageName);
    if (reader.text("message") != kMessageName) {
        return reader.failure() ? *reader.failure() : malformed(".message: not an announcement");
    }
    ConsoleAnnouncement announcement;
    announcement.protocol = int(reader.integer("protocol", 1, 1));
    announcement.centreId = reader.text("centreId");
    announcement.consoleName = reader.text("consoleName");
    announcement.linkPort = std::uint16_t(reader.integer("linkPort", 1, 65'535));
    const auto keyHex = reader.text("consoleKey");
    announcement.sequence = std::uint64_t(reader.integer("sequence", 0, detail::kMaxSafeInteger));
    const auto signatureHex = reader.text("signature");
    if (reader.failure()) {
        return *reader.failure();
    }
    if (!crypto::fromHex(keyHex, announcement.consoleKey)) {
        return malformed(".consoleKey: not 32 bytes of hex");
    }
    crypto::Signature signature{};
    if (!crypto::fromHex(signatureHex, signature)) {
        return malformed(".signature: not 64 bytes of hex");
    }
    // Verified over everything received but the signature, so fields a newer console adds
    // stay covered.
    object.remove(QStringLiteral("signature"));
    if (!crypto::verifySignature(announcement.consoleKey, signedBytes(object), signature)) {
        return LinkFailure{LinkError::PeerKeyMismatch,
                           "the console announcement's signature does not verify"};
    }
    return announcement;
}

} // namespace vigil::sync
