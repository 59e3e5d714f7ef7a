#pragma once

#include <QString>
#include <chrono>

namespace vigil::kiosk {

// The sitting's time left as the screens show it: decided here, never in QML.

// Whole seconds, rounded up: "0:00" shows only once the time is really up.
[[nodiscard]] int wholeSecondsLeft(std::chrono::milliseconds left);

// "MM:SS", or "H:MM:SS" from one hour.
[[nodiscard]] QString clockFaceOf(int seconds);

// 0 none, 1 ten minutes or less, 2 five minutes or less.
[[nodiscard]] int warningLevelOf(int seconds);

// The banner's "10 minutes left" / "5 minutes left": set once when a level is first reached
// in a sitting, kept after (a screen reader reads it when it appears, not every second).
class TimeWarning {
public:
    // The level now; true when it raised the warning.
    bool reach(int level);
    void reset();
    [[nodiscard]] const QString& text() const noexcept { return text_; }

private:
    int announced_ = 0;
    QString text_;
};

} // namespace vigil::kiosk
