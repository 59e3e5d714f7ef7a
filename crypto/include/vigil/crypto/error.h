#pragma once

#include "vigil/checked.h"

#include <string_view>

namespace vigil::crypto {

// Every failure a crypto call can report. Callers branch on these; describe() gives the
// sentence shown to a person.
enum class Error {
    SodiumInitFailed,
    OutOfMemory,
    InvalidArgument,      // a key, nonce or buffer of the wrong size
    Truncated,            // input shorter than its fixed layout
    UnknownFormat,        // damaged (bad checksum), or a tag or version this build does not know
    AuthenticationFailed, // AEAD / sealed box / secretstream: wrong key or altered bytes
    BadSignature,
    KeyMismatch, // a key id or key kind that does not match the expected key
    FileNotFound,
    FilePermissions, // a secret key file readable by others than its owner
    Io,
};

[[nodiscard]] std::string_view describe(Error error) noexcept;

// A value or an Error: the small explicit result every fallible crypto call returns (the one
// result template, vigil/checked.h, with crypto's error enum).
template <class T> using Result = Checked<T, Error>;

// For calls that return nothing on success.
struct Done {};
using Status = Result<Done>;

} // namespace vigil::crypto
