#pragma once

#include <optional>
#include <string>

namespace vigil::kiosk {

// The basic four-function calculator some assessments allow, with the behaviour of a pocket
// calculator: immediate execution left to right, "=" repeats nothing, an error needs Clear.
// Plain C++ so its arithmetic is tested without a window.
class CalculatorEngine {
public:
    enum class Operation { None, Add, Subtract, Multiply, Divide };

    void digit(int value); // 0..9
    void decimalPoint();
    void operation(Operation op);
    void equals();
    void clear();
    void backspace();
    void toggleSign();

    // What the calculator's display shows: at most kMaxDigits significant digits.
    [[nodiscard]] const std::string& display() const noexcept { return display_; }
    [[nodiscard]] bool hasError() const noexcept { return error_; }

    static constexpr int kMaxDigits = 12;

private:
    void applyPending();
    void showValue(double value);
    [[nodiscard]] double displayedValue() const;

    std::string display_ = "0";
    std::optional<double> accumulator_;
    Operation pending_ = Operation::None;
    bool startNewEntry_ = true;
    bool error_ = false;
};

} // namespace vigil::kiosk
