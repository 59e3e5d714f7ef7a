#pragma once

#include <utility>
#include <variant>

namespace vigil {

// A value or a failure of type E: what every Vigil call returns when it can fail on bad input
// or a bad environment (a damaged file, a wrong key, a refused frame). Callers branch on
// ok() / error(); such calls never throw for those, only for the unexpected (see README.md,
// "Expected failures"). crypto::Result<T> is Checked<T, crypto::Error>; each exam and sync area
// names its own failure type. It lives in crypto/, the lowest library, so every library sees it.
template <class T, class E> class [[nodiscard]] Checked {
public:
    Checked(T value)
        : state_(std::in_place_index<0>, std::move(value)) {}
    Checked(E failure)
        : state_(std::in_place_index<1>, std::move(failure)) {}

    [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    [[nodiscard]] const E& error() const { return std::get<1>(state_); }
    [[nodiscard]] T& value() & { return std::get<0>(state_); }
    [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }

private:
    std::variant<T, E> state_;
};

} // namespace vigil
