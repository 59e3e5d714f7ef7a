#pragma once

#include "vigil/exam/clock.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/session_controller.h"
#include "vigil/lockdown/clipboard_guard.h"
#include "vigil/lockdown/input_lockdown.h"
#include "vigil/lockdown/sitting_monitor.h"
#include "vigil/lockdown/step_sequence.h"
#include "vigil/store/database.h"

#include <QQmlApplicationEngine>
#include <QStringList>
#include <filesystem>
#include <memory>
#include <optional>

namespace vigil::kiosk {

struct KioskOptions {
    std::filesystem::path dataDir = DataDir::kDefaultPath;
    std::filesystem::path package;    // default <data-dir>/seat/assessment.vigil
    std::filesystem::path assignment; // default <data-dir>/seat/assignment.vseat
    exam::SeatIdentity seat;          // default from <data-dir>/seat.conf
    bool selfTest = false;
};

// Reads the command line (--data-dir, --package, --assignment, --centre, --room, --seat,
// --self-test). Returns the error sentence in `error` for a bad command line.
[[nodiscard]] KioskOptions parseKioskOptions(const QStringList& arguments, QString* error);

// The kiosk, assembled in start-up order: data directory and store key, encrypted store,
// trust material, seat assignment and package, session, screens, lockdown steps. Anything that
// fails before the screens exist still ends on the Locked screen, saying why, never on a
// crash. main() builds one; the end-to-end runner builds one in-process to drive it.
class KioskRuntime {
public:
    explicit KioskRuntime(KioskOptions options);
    ~KioskRuntime();
    KioskRuntime(const KioskRuntime&) = delete;
    KioskRuntime& operator=(const KioskRuntime&) = delete;

    [[nodiscard]] bool loaded() const { return window_ != nullptr; }
    [[nodiscard]] SessionController* session() { return session_.get(); }
    [[nodiscard]] QQuickWindow* window() { return window_; }
    [[nodiscard]] QQmlApplicationEngine& engine() { return engine_; }
    // One line for --self-test: screen, whether a sitting waits, any setup error.
    [[nodiscard]] QString statusLine() const;

private:
    void openStore(const DataDir& dir);
    void buildSession(const DataDir& dir);
    void loadScreens();
    void lockDown();

    KioskOptions options_;
    exam::SystemClock clock_;
    std::optional<store::Database> db_;
    QString setupError_;
    std::unique_ptr<SessionController> session_;
    QQmlApplicationEngine engine_;
    QQuickWindow* window_ = nullptr;
    std::unique_ptr<lockdown::ClipboardGuard> clipboard_;
    std::unique_ptr<lockdown::InputLockdown> input_;
    std::unique_ptr<lockdown::SittingMonitor> monitor_;
    lockdown::StepSequence lockdownSteps_;
};

} // namespace vigil::kiosk
