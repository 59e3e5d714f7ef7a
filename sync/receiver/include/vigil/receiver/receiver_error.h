#pragma once

#include "vigil/checked.h"

#include <optional>
#include <string>
#include <string_view>

namespace vigil::receiver {

// Every way an upload to the awarding body's receiver can be refused that a centre must
// expect. Each has one HTTP status (httpStatus) and a stable code in the error body (code), so
// the console can tell "send again later" (503) from "this item will never be accepted" (422).
enum class ReceiverError {
    MalformedRequest,    // a header missing or not of its form, a target that is not an item
    UnknownItemKind,     // Vigil-Kind names no kind this receiver stores
    ItemIdMismatch,      // the body does not hash to the item id named (a tampered body)
    UnknownCentre,       // no centre of that id is registered here
    BadSignature,        // the signature does not verify under the centre's registered key
    StaleRequest,        // the request's timestamp is outside the replay window
    ReplayedRequest,     // the centre's nonce was seen before: the very same request again
    ItemOfAnotherCentre, // an item of this id is held, uploaded by another centre
    BodyTooLarge,        // the body is over the receiver's limit
    HeadersTooLarge,     // the request line and headers are over the receiver's limit
    NotFound,            // no such resource
    MethodNotAllowed,    // a resource that exists, asked with a method it does not answer
    StoreUnavailable,    // the receiver's database did not answer: send again later (stays last:
                         // errorOfCode walks the values up to it)
};

struct ReceiverFailure {
    ReceiverError error = ReceiverError::MalformedRequest;
    std::string detail; // which header, which limit; may be empty
};

// The sentence for a person ("the body does not match the item id it was sent under").
[[nodiscard]] std::string_view describe(ReceiverError error) noexcept;
// describe(error) followed by ": detail" when there is one.
[[nodiscard]] std::string describe(const ReceiverFailure& failure);
// The stable machine code in the error body: "item-id-mismatch", "replayed-request", ...
[[nodiscard]] std::string_view code(ReceiverError error) noexcept;
// The error a code names, as a centre reads a refusal's body; nullopt for a code it does not know
// (a newer receiver's).
[[nodiscard]] std::optional<ReceiverError> errorOfCode(std::string_view code) noexcept;
// 400, 401, 403, 404, 405, 409, 413, 422, 431 or 503 (table in sync/receiver/README.md).
[[nodiscard]] int httpStatus(ReceiverError error) noexcept;
// A refusal's body: compact JSON {"error":"<code>","detail":"<describe(failure)>"}.
[[nodiscard]] std::string encodeRefusal(const ReceiverFailure& failure);

template <class T> using ReceiverResult = Checked<T, ReceiverFailure>;

} // namespace vigil::receiver
