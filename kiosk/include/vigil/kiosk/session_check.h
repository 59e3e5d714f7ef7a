#pragma once

#include "vigil/kiosk/kiosk_runtime.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <optional>

namespace vigil::kiosk {

// `vigil-kiosk --session-check <report-file>`: for a technician after installing the kiosk
// session on a centre PC (installer/README.md). The kiosk starts on the real display, waits
// until the Locked screen has been drawn fullscreen with the keyboard locked, writes a short
// report and quits: 0 when the session is locked down, 1 otherwise.

// Removes `--session-check <report-file>` from the arguments (KioskRuntime does not know it).
// Returns the report file, or nothing when the option is absent; a missing value is an error.
[[nodiscard]] std::optional<QString> takeSessionCheckOption(QStringList& arguments, QString* error);

class SessionCheck {
public:
    SessionCheck(KioskRuntime& runtime, QString reportFile);

private:
    void poll();

    KioskRuntime& runtime_;
    QString reportFile_;
    bool frameShown_ = false;
    QElapsedTimer clock_;
    QTimer timer_;
};

} // namespace vigil::kiosk
