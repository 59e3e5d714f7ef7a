#include "vigil/receiver/receiver_error.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::receiver {

std::string_view describe(ReceiverError error) noexcept {
    switch (error) {
    case ReceiverError::MalformedRequest:
        return "the request is not an upload this receiver understands";
    case ReceiverError::UnknownItemKind:
        return "the request names a kind of item this receiver does not store";
    case ReceiverError::ItemIdMismatch:
        return "the body does not match the item id it was sent under";
    case ReceiverError::UnknownCentre:
        return "no centre of that id is registered with the awarding body";
    case ReceiverError::BadSignature:
        return "the request is not signed by the centre's registered key";
    case ReceiverError::StaleRequest:
        return "the request's time is too far from the receiver's clock (check the centre's clock)";
    case ReceiverError::ReplayedRequest:
        return "this exact request was received before (a replay)";
    case ReceiverError::ItemOfAnotherCentre:
        return "an item with these exact bytes is held for another centre";
    case ReceiverError::BodyTooLarge:
        return "the item is over the receiver's size limit";
    case ReceiverError::HeadersTooLarge:
        return "the request's headers are over the receiver's size limit";
    case ReceiverError::NotFound:
        return "there is nothing at that address";
    case ReceiverError::MethodNotAllowed:
        return "that address does not answer this method";
    case ReceiverError::StoreUnavailable:
        return "the receiver cannot reach its database: send again later";
    }
    return "unknown receiver error";
}

std::string describe(const ReceiverFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

std::string_view code(ReceiverError error) noexcept {
    switch (error) {
    case ReceiverError::MalformedRequest:
        return "malformed-request";
    case ReceiverError::UnknownItemKind:
        return "unknown-item-kind";
    case ReceiverError::ItemIdMismatch:
        return "item-id-mismatch";
    case ReceiverError::UnknownCentre:
        return "unknown-centre";
    case ReceiverError::BadSignature:
        return "bad-signature";
    case ReceiverError::StaleRequest:
        return "stale-request";
    case ReceiverError::ReplayedRequest:
        return "replayed-request";
    case ReceiverError::ItemOfAnotherCentre:
        return "item-of-another-centre";
    case ReceiverError::BodyTooLarge:
        return "body-too-large";
    case ReceiverError::HeadersTooLarge:
        return "headers-too-large";
    case ReceiverError::NotFound:
        return "not-found";
    case ReceiverError::MethodNotAllowed:
        return "method-not-allowed";
    case ReceiverError::StoreUnavailable:
        return "store-unavailable";
    }
    return "unknown";
}

std::optional<ReceiverError> errorOfCode(std::string_view text) noexcept {
    for (int value = 0; value <= static_cast<int>(ReceiverError::StoreUnavailable); ++value) {
        const auto error = static_cast<ReceiverError>(value);
        if (code(error) == text) {
            return error;
        }
    }
    return std::nullopt;
}

int httpStatus(ReceiverError error) noexcept {
    switch (error) {
    case ReceiverError::MalformedRequest:
    case ReceiverError::UnknownItemKind:
        return 400; // Bad Request: the request itself is broken
    case ReceiverError::BadSignature:
    case ReceiverError::StaleRequest:
        return 401; // Unauthorized: the request does not prove the centre sent it just now
    case ReceiverError::UnknownCentre:
        return 403; // Forbidden: no signature could make this centre acceptable
    case ReceiverError::NotFound:
        return 404;
    case ReceiverError::MethodNotAllowed:
        return 405;
    case ReceiverError::ReplayedRequest:
        return 409; // Conflict: the nonce is already used; re-sign to send again
    case ReceiverError::ItemOfAnotherCentre:
        return 409; // Conflict: the id is taken, and not by this centre
    case ReceiverError::BodyTooLarge:
        return 413;
    case ReceiverError::ItemIdMismatch:
        return 422; // Unprocessable: well-formed, but the body is not the item named
    case ReceiverError::HeadersTooLarge:
        return 431;
    case ReceiverError::StoreUnavailable:
        return 503;
    }
    return 500;
}

std::string encodeRefusal(const ReceiverFailure& failure) {
    QJsonObject object;
    object.insert(QStringLiteral("error"), QString::fromUtf8(code(failure.error)));
    object.insert(QStringLiteral("detail"), QString::fromStdString(describe(failure)));
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace vigil::receiver
