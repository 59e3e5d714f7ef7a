#pragma once

#include <string_view>
#include <utility>
#include <variant>

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

// A value or an Error: the small explicit result every fallible call returns.
template <class T> class [[nodiscard]] Result {
public:
    Result(T value)
        : state_(std::move(value)) {}
    Result(Error error)
        : state_(error) {}

    [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    [[nodiscard]] Error error() const { return std::get<1>(state_); }
    [[nodiscard]] T& value() & { return std::get<0>(state_); }
    [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }

private:
    std::variant<T, Error> state_;
};

// For calls that return nothing on success.
struct Done {};
using Status = Result<Done>;

} // namespace vigil::crypto
