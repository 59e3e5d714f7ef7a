#pragma once
// What the invigilator and the candidate do at a real vigil-kiosk, from outside, through what
// its screen exposes to a screen reader (pc_desktop.h). Shared by the end-to-end tests of the
// binaries (tst_room_of_kiosk_binaries, tst_demo_of_binaries).
#include "pc_desktop.h"

#include <QDebug>
#include <QRegularExpression>
#include <QTest>
#include <cmath>

// A step that failed ends the test function (a helper's QVERIFY ends only the helper).
#define STEP(call)                                                                                 \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed()) {                                                          \
            return;                                                                                \
        }                                                                                          \
    } while (false)
// `desktop` (a PcDesktop) shows a node named `name` within a minute: its tree is `tree`.
// QTest cuts a failure's message short: the whole screen goes to the log first.
#define DESKTOP_SHOWN(tree, desktop, name)                                                         \
    const auto tree = (desktop).waitForNode(name);                                                 \
    if (!tree) {                                                                                   \
        qWarning().noquote() << (desktop).lastError();                                             \
    }                                                                                              \
    QVERIFY2(tree.has_value(), qPrintable((desktop).lastError()))
// An atspi_probe.py command on `desktop` that must succeed.
#define DESKTOP_ACT(desktop, ...)                                                                  \
    QVERIFY2((desktop).act({__VA_ARGS__}), qPrintable((desktop).lastError()))

namespace vigil::kiosk::testing {

// The kiosk's on-screen keys that type `text` (lower case and digits), as one press command.
inline QStringList onScreenKeysFor(const QString& text) {
    QStringList keys{QStringLiteral("press")};
    for (const QChar c : text) {
        keys << QStringLiteral("Key %1").arg(c);
    }
    return keys;
}

// How the invigilator types the password at the kiosk: on its own on-screen keys (lower case
// and digits only), or on the PC's keyboard.
enum class PasswordTyping { OnScreenKeys, Keyboard };

// The invigilator's login at the kiosk's own screens: Locked, then the PIN on the on-screen
// keys (the PIN field has the focus) and the password.
inline void logInAtKiosk(PcDesktop& kiosk, const QString& pin, const QString& password,
                         PasswordTyping typing) {
    DESKTOP_SHOWN(locked, kiosk, QStringLiteral("Invigilator login"));
    DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Invigilator login"));
    DESKTOP_SHOWN(login, kiosk, QStringLiteral("Key 1"));
    QVERIFY2(kiosk.act(onScreenKeysFor(pin)), qPrintable(kiosk.lastError()));
    DESKTOP_ACT(kiosk, QStringLiteral("focus-role"), QStringLiteral("password text"),
                QStringLiteral("1"));
    if (typing == PasswordTyping::OnScreenKeys) {
        QVERIFY2(kiosk.act(onScreenKeysFor(password)), qPrintable(kiosk.lastError()));
    } else {
        DESKTOP_ACT(kiosk, QStringLiteral("type"), password);
        QTest::qWait(1000); // XTest's keys reach the window on the X server's time
    }
    DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Log in"));
}

// After the login, through whatever the kiosk asks (the machine check's findings accepted with
// a reason, the candidate confirmed, the instructions), to a question; `heading` is what it
// says ("Question 1 of 2", maybe ", flagged for review" after it).
inline void onToAQuestion(PcDesktop& kiosk, QString& heading) {
    const auto question = QStringLiteral("Question * of *");
    for (int screen = 0; screen < 6; ++screen) {
        const auto shown = kiosk.waitForTree(
            [&](const AccessibleTree& t) {
                return indexOf(t, QStringLiteral("Machine check")) >= 0 ||
                       indexOf(t, QStringLiteral("Confirm candidate")) >= 0 ||
                       indexOf(t, QStringLiteral("Start the assessment")) >= 0 ||
                       indexOf(t, question) >= 0;
            },
            QStringLiteral("a screen after the login"));
        QVERIFY2(shown.has_value(), qPrintable(kiosk.lastError()));
        const auto& tree = *shown;
        if (indexOf(tree, question) >= 0) {
            heading = nameOf(tree, question);
            return;
        }
        if (indexOf(tree, QStringLiteral("Machine check")) >= 0) {
            // This may be a virtual machine: each finding accepted with a reason.
            for (int finding = 0; finding < 5; ++finding) {
                if (indexOf(kiosk.tree(), QStringLiteral("Accept")) < 0) {
                    break;
                }
                DESKTOP_ACT(kiosk, QStringLiteral("focus"),
                            QStringLiteral("Reason for accepting: *"));
                DESKTOP_ACT(kiosk, QStringLiteral("type"), QStringLiteral("test room"));
                QTest::qWait(1000);
                DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Accept"));
                QTest::qWait(500);
            }
            DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Continue"));
        } else if (indexOf(tree, QStringLiteral("Confirm candidate")) >= 0) {
            DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Confirm candidate"));
        } else {
            DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Start the assessment"));
        }
        QTest::qWait(300);
    }
    QFAIL(qPrintable(kiosk.name() + QStringLiteral(": no question after the login")));
}

// The question heading the kiosk shows now.
inline QString questionHeading(PcDesktop& kiosk) {
    return nameOf(kiosk.tree(), QStringLiteral("Question * of *"));
}

// The candidate ticks the choice matching `choicePattern` ("A. *", "B. *", ...) of the question
// shown, sees it ticked, and moves on to the next question when `thenNext`.
inline void answerQuestion(PcDesktop& kiosk, const QString& choicePattern, bool thenNext) {
    DESKTOP_SHOWN(question, kiosk, choicePattern);
    const QString choice = nameOf(*question, choicePattern);
    DESKTOP_ACT(kiosk, QStringLiteral("press"), choicePattern);
    const auto ticked = kiosk.waitForTree(
        [&](const AccessibleTree& t) {
            const auto at = indexOf(t, choice);
            return at >= 0 && t[at].has("checked");
        },
        QStringLiteral("the answer ticked: ") + choice);
    QVERIFY2(ticked.has_value(), qPrintable(kiosk.lastError()));
    if (thenNext) {
        const QString before = nameOf(*ticked, QStringLiteral("Question * of *"));
        DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Next"));
        const auto moved = kiosk.waitForTree(
            [&](const AccessibleTree& t) {
                const auto now = nameOf(t, QStringLiteral("Question * of *"));
                return !now.isEmpty() && now != before;
            },
            QStringLiteral("the next question"));
        QVERIFY2(moved.has_value(), qPrintable(kiosk.lastError()));
    }
}

// The candidate submits at the screen and confirms; `verdict` is what the result screen showed,
// as the invigilation record must say it: "Pass 2/2 (100%)".
inline void submitAtKiosk(PcDesktop& kiosk, QString& verdict) {
    DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Finish and submit"));
    DESKTOP_SHOWN(asked, kiosk, QStringLiteral("Submit your answers?"));
    DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Submit"));
    DESKTOP_SHOWN(sure, kiosk, QStringLiteral("Are you sure? *"));
    DESKTOP_ACT(kiosk, QStringLiteral("press"), QStringLiteral("Yes, submit now"));
    DESKTOP_SHOWN(result, kiosk, QStringLiteral("Done (invigilator)"));
    const QString score = nameOf(*result, QStringLiteral("Score: * out of *"));
    const auto shown =
        QRegularExpression(QStringLiteral("^Score: ([0-9.]+) out of ([0-9.]+) \\(([0-9.]+)%\\)"))
            .match(score);
    QVERIFY2(shown.hasMatch(), qPrintable(describe(*result)));
    const bool passed = indexOf(*result, QStringLiteral("Pass")) >= 0;
    QVERIFY(passed != (indexOf(*result, QStringLiteral("Fail")) >= 0));
    verdict = (passed ? QStringLiteral("Pass ") : QStringLiteral("Fail ")) + shown.captured(1) +
              u'/' + shown.captured(2) + QStringLiteral(" (") +
              QString::number(std::lround(shown.captured(3).toDouble())) + QStringLiteral("%)");
}

} // namespace vigil::kiosk::testing
