#include "vigil/kiosk/calculator_engine.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace vigil::kiosk {

namespace {

int significantDigits(const std::string& text) {
    int count = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            ++count;
        }
    }
    return count;
}

} // namespace

void CalculatorEngine::digit(int value) {
    if (error_ || value < 0 || value > 9) {
        return;
    }
    if (startNewEntry_) {
        display_ = "0";
        startNewEntry_ = false;
    }
    if (significantDigits(display_) >= kMaxDigits) {
        return;
    }
    const char c = static_cast<char>('0' + value);
    if (display_ == "0") {
        display_ = std::string(1, c);
    } else if (display_ == "-0") {
        display_ = std::string("-") + c;
    } else {
        display_ += c;
    }
}

void CalculatorEngine::decimalPoint() {
    if (error_) {
        return;
    }
    if (startNewEntry_) {
        display_ = "0";
        startNewEntry_ = false;
    }
    if (display_.find('.') == std::string::npos) {
        display_ += '.';
    }
}

void CalculatorEngine::operation(Operation op) {
    if (error_) {
        return;
    }
    if (!startNewEntry_ || !accumulator_) {
        applyPending();
    }
    if (error_) {
        return;
    }
    pending_ = op;
    startNewEntry_ = true;
}

void CalculatorEngine::equals() {
    if (error_) {
        return;
    }
    applyPending();
    pending_ = Operation::None;
    accumulator_.reset();
    startNewEntry_ = true;
}

void CalculatorEngine::clear() {
    display_ = "0";
    accumulator_.reset();
    pending_ = Operation::None;
    startNewEntry_ = true;
    error_ = false;
}

void CalculatorEngine::backspace() {
    if (error_ || startNewEntry_) {
        return;
    }
    display_.pop_back();
    if (display_.empty() || display_ == "-") {
        display_ = "0";
    }
}

void CalculatorEngine::toggleSign() {
    if (error_ || display_ == "0") {
        return;
    }
    display_ = display_.front() == '-' ? display_.substr(1) : "-" + display_;
}

double CalculatorEngine::displayedValue() const {
    return std::stod(display_);
}

void CalculatorEngine::applyPending() {
    const double entered = displayedValue();
    if (!accumulator_ || pending_ == Operation::None) {
        accumulator_ = entered;
        showValue(entered);
        return;
    }
    double result = *accumulator_;
    switch (pending_) {
    case Operation::Add:
        result += entered;
        break;
    case Operation::Subtract:
        result -= entered;
        break;
    case Operation::Multiply:
        result *= entered;
        break;
    case Operation::Divide:
        if (entered == 0.0) {
            error_ = true;
            display_ = "Error";
            accumulator_.reset();
            return;
        }
        result /= entered;
        break;
    case Operation::None:
        break;
    }
    accumulator_ = result;
    showValue(result);
}

void CalculatorEngine::showValue(double value) {
    if (!std::isfinite(value) || std::fabs(value) >= 1e12) {
        error_ = true;
        display_ = "Error";
        accumulator_.reset();
        return;
    }
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", kMaxDigits, value);
    std::string text = buffer;
    if (text == "-0") {
        text = "0";
    }
    display_ = text;
}

} // namespace vigil::kiosk
