#pragma once

#include <utility>
#include <variant>

namespace vigil::exam {

// A value or a failure of type E: the result of every call that can fail on bad input
// (the package area, the LAN link). Callers branch on error(); such calls do not throw for bad
// input, only for the unexpected.
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

} // namespace vigil::exam
