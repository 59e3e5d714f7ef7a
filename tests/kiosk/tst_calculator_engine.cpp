#include "vigil/kiosk/calculator.h"
#include "vigil/kiosk/calculator_engine.h"

#include <QSignalSpy>
#include <QTest>

using vigil::kiosk::Calculator;
using vigil::kiosk::CalculatorEngine;
using Op = CalculatorEngine::Operation;

namespace {
void type(CalculatorEngine& calc, const char* digits) {
    for (const char* p = digits; *p; ++p) {
        if (*p == '.') {
            calc.decimalPoint();
        } else {
            calc.digit(*p - '0');
        }
    }
}
} // namespace

class TestCalculatorEngine : public QObject {
    Q_OBJECT
private slots:
    void startsAtZero() { QCOMPARE(CalculatorEngine().display(), std::string("0")); }

    void addsSubtractsMultipliesDivides() {
        CalculatorEngine calc;
        type(calc, "12");
        calc.operation(Op::Add);
        type(calc, "30");
        calc.equals();
        QCOMPARE(calc.display(), std::string("42"));
        calc.operation(Op::Subtract);
        type(calc, "2.5");
        calc.equals();
        QCOMPARE(calc.display(), std::string("39.5"));
        calc.operation(Op::Multiply);
        type(calc, "2");
        calc.equals();
        QCOMPARE(calc.display(), std::string("79"));
        calc.operation(Op::Divide);
        type(calc, "4");
        calc.equals();
        QCOMPARE(calc.display(), std::string("19.75"));
    }

    void chainsLeftToRightLikeAPocketCalculator() {
        CalculatorEngine calc;
        type(calc, "2");
        calc.operation(Op::Add);
        type(calc, "3");
        calc.operation(Op::Multiply); // shows 5 already
        QCOMPARE(calc.display(), std::string("5"));
        type(calc, "4");
        calc.equals();
        QCOMPARE(calc.display(), std::string("20"));
    }

    void decimalArithmeticShowsNoBinaryNoise() {
        CalculatorEngine calc;
        type(calc, "0.1");
        calc.operation(Op::Add);
        type(calc, "0.2");
        calc.equals();
        QCOMPARE(calc.display(), std::string("0.3"));
    }

    void divisionByZeroIsAnErrorUntilCleared() {
        CalculatorEngine calc;
        type(calc, "7");
        calc.operation(Op::Divide);
        type(calc, "0");
        calc.equals();
        QVERIFY(calc.hasError());
        QCOMPARE(calc.display(), std::string("Error"));
        calc.digit(5); // ignored
        QCOMPARE(calc.display(), std::string("Error"));
        calc.clear();
        QVERIFY(!calc.hasError());
        QCOMPARE(calc.display(), std::string("0"));
    }

    void overflowIsAnError() {
        CalculatorEngine calc;
        type(calc, "999999999999");
        calc.operation(Op::Multiply);
        type(calc, "10");
        calc.equals();
        QVERIFY(calc.hasError());
    }

    void entryIsLimitedToTwelveDigitsAndOneDecimalPoint() {
        CalculatorEngine calc;
        type(calc, "1234567890123");
        QCOMPARE(calc.display(), std::string("123456789012"));
        calc.clear();
        type(calc, "1.2.3");
        QCOMPARE(calc.display(), std::string("1.23"));
    }

    void backspaceAndSign() {
        CalculatorEngine calc;
        type(calc, "125");
        calc.backspace();
        QCOMPARE(calc.display(), std::string("12"));
        calc.toggleSign();
        QCOMPARE(calc.display(), std::string("-12"));
        calc.backspace();
        calc.backspace();
        QCOMPARE(calc.display(), std::string("0"));
    }

    void qmlAdapterMapsKeyNames() {
        Calculator calculator;
        QSignalSpy changed(&calculator, &Calculator::displayChanged);
        for (const char* key : {"6", "*", "7", "="}) {
            calculator.press(QString::fromLatin1(key));
        }
        QCOMPARE(calculator.display(), QStringLiteral("42"));
        QCOMPARE(changed.count(), 4);
        calculator.press(QStringLiteral("rm -rf")); // unknown keys change nothing
        QCOMPARE(changed.count(), 4);
    }
};

QTEST_GUILESS_MAIN(TestCalculatorEngine)
#include "tst_calculator_engine.moc"
