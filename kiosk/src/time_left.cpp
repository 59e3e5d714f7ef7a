#include "vigil/kiosk/time_left.h"

#include <QCoreApplication>

namespace vigil::kiosk {

int wholeSecondsLeft(std::chrono::milliseconds left) {
    return int((left.count() + 999) / 1000);
}

QString clockFaceOf(int seconds) {
    const int hours = seconds / 3600;
    const int minutes = (seconds % 3600) / 60;
    const int rest = seconds % 60;
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2")
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(rest, 2, 10, QLatin1Char('0'));
}

int warningLevelOf(int seconds) {
    return seconds <= 5 * 60 ? 2 : seconds <= 10 * 60 ? 1 : 0;
}

bool TimeWarning::reach(int level) {
    if (level <= announced_) {
        return false;
    }
    announced_ = level;
    // The session's translation context: these sentences were the controller's.
    text_ = QCoreApplication::translate("vigil::kiosk::SessionController",
                                        level == 2 ? "5 minutes left" : "10 minutes left");
    return true;
}

void TimeWarning::reset() {
    announced_ = 0;
    text_.clear();
}

} // namespace vigil::kiosk
