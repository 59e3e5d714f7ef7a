#pragma once

#include "vigil/kiosk/calculator_engine.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace vigil::kiosk {

// The calculator panel's backend: QML sends key names, C++ does the arithmetic.
class Calculator : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString display READ display NOTIFY displayChanged)

public:
    explicit Calculator(QObject* parent = nullptr);
    [[nodiscard]] QString display() const;

    // "0".."9", ".", "+", "-", "*", "/", "=", "C", "back", "sign"; anything else is ignored.
    Q_INVOKABLE void press(const QString& key);

signals:
    void displayChanged();

private:
    CalculatorEngine engine_;
};

} // namespace vigil::kiosk
