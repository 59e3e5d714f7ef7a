#include "vigil/sync/command_bodies.h"

#include "vigil/crypto/hash.h"
#include "vigil/exam/kiosk_content_key.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::sync {
namespace {

std::string compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

std::string deliverAssignmentBody(std::span<const std::uint8_t> signedAssignment) {
    const QByteArray raw(reinterpret_cast<const char*>(signedAssignment.data()),
                         qsizetype(signedAssignment.size()));
    return compact({{"assignment", QString::fromLatin1(raw.toBase64())}});
}

std::string launchBody(std::span<const std::uint8_t> sealedContentKey) {
    return compact({{"sealedContentKey", QString::fromStdString(crypto::toHex(sealedContentKey))}});
}

std::string reasonBody(const std::string& reason) {
    return compact({{"reason", QString::fromStdString(reason)}});
}

std::string extraTimeBody(int minutes, const std::string& reason) {
    return compact({{"minutes", minutes}, {"reason", QString::fromStdString(reason)}});
}

std::string authoriseResumeBody(const std::string& invigilatorId) {
    return compact({{"invigilatorId", QString::fromStdString(invigilatorId)}});
}

exam::PackageResult<std::string> launchBodyFor(std::span<const std::uint8_t> package,
                                               const crypto::SigningPublicKey& awardingBody,
                                               const std::string& centreId,
                                               const crypto::BoxKeyPair& centreKeys,
                                               const crypto::SigningPublicKey& kioskKey) {
    auto contentKey = exam::unsealContentKey(package, awardingBody, centreId, centreKeys);
    if (!contentKey) {
        return contentKey.error();
    }
    auto sealed = exam::sealContentKeyToKiosk(contentKey.value(), kioskKey);
    if (!sealed) {
        return sealed.error();
    }
    return launchBody(sealed.value());
}

} // namespace vigil::sync
