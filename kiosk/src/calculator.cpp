#include "vigil/kiosk/calculator.h"

namespace vigil::kiosk {

Calculator::Calculator(QObject* parent)
    : QObject(parent) {}

QString Calculator::display() const {
    return QString::fromStdString(engine_.display());
}

void Calculator::press(const QString& key) {
    using Op = CalculatorEngine::Operation;
    if (key.size() == 1 && key[0].isDigit()) {
        engine_.digit(key[0].digitValue());
    } else if (key == QLatin1String(".")) {
        engine_.decimalPoint();
    } else if (key == QLatin1String("+")) {
        engine_.operation(Op::Add);
    } else if (key == QLatin1String("-")) {
        engine_.operation(Op::Subtract);
    } else if (key == QLatin1String("*")) {
        engine_.operation(Op::Multiply);
    } else if (key == QLatin1String("/")) {
        engine_.operation(Op::Divide);
    } else if (key == QLatin1String("=")) {
        engine_.equals();
    } else if (key == QLatin1String("C")) {
        engine_.clear();
    } else if (key == QLatin1String("back")) {
        engine_.backspace();
    } else if (key == QLatin1String("sign")) {
        engine_.toggleSign();
    } else {
        return;
    }
    emit displayChanged();
}

} // namespace vigil::kiosk
