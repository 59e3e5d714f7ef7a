#pragma once

#include "vigil/exam/clock.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/console_link.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/practice_controller.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/kiosk/session_controller.h"
#include "vigil/kiosk/startup_failure.h"
#include "vigil/lockdown/clipboard_guard.h"
#include "vigil/lockdown/input_lockdown.h"
#include "vigil/lockdown/sitting_monitor.h"
#include "vigil/lockdown/step_sequence.h"
#include "vigil/store/database.h"
#include "vigil/sync/console_command.h"

#include <QObject>
#include <QQmlApplicationEngine>
#include <QStringList>
#include <QTimer>
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
    int recheckSeconds = 5; // Out of service: how often the files are checked again
    // A practice seat (seat.conf `mode = practice`): the practice set instead of a seat
    // assignment, the Practice screens instead of the session's (practice_set.h).
    bool practice = false;
};

// Reads the command line (--data-dir, --package, --assignment, --centre, --room, --seat,
// --self-test). Returns the error sentence in `error` for a bad command line.
[[nodiscard]] KioskOptions parseKioskOptions(const QStringList& arguments, QString* error);

// The Out of service screen's model, given to QML as the context property `Startup`. Nothing
// here needs the store, so it works when the store cannot be opened.
class StartupStatus : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool outOfService READ outOfService NOTIFY problemChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY problemChanged)
    Q_PROPERTY(QString title READ title NOTIFY problemChanged)
    Q_PROPERTY(QString file READ file NOTIFY problemChanged)
    Q_PROPERTY(QString action READ action NOTIFY problemChanged)
    Q_PROPERTY(QString detail READ detail NOTIFY problemChanged)
    Q_PROPERTY(QString seatLabel READ seatLabel NOTIFY problemChanged)
    Q_PROPERTY(QString clockText READ clockText NOTIFY clockChanged)
    Q_PROPERTY(int recheckSeconds READ recheckSeconds CONSTANT)
    Q_PROPERTY(int checks READ checks NOTIFY problemChanged)

public:
    explicit StartupStatus(const exam::Clock& clock, int recheckSeconds);

    [[nodiscard]] bool outOfService() const { return !problem_.title.isEmpty(); }
    [[nodiscard]] const StartupProblem& problem() const { return problem_; }
    [[nodiscard]] QString kind() const { return problem_.kind; }
    [[nodiscard]] QString title() const { return problem_.title; }
    [[nodiscard]] QString file() const { return problem_.file; }
    [[nodiscard]] QString action() const { return problem_.action; }
    [[nodiscard]] QString detail() const { return problem_.detail; }
    [[nodiscard]] QString seatLabel() const { return seatLabel_; }
    [[nodiscard]] QString clockText() const;
    [[nodiscard]] int recheckSeconds() const { return recheckSeconds_; }
    [[nodiscard]] int checks() const { return checks_; }

    void report(StartupProblem problem, const QString& seatLabel);
    void clear();

signals:
    void problemChanged();
    void clockChanged();

private:
    const exam::Clock& clock_;
    int recheckSeconds_;
    int checks_ = 0;
    StartupProblem problem_;
    QString seatLabel_;
    QTimer clockBeat_;
};

// The kiosk, assembled in start-up order: data directory and store key, encrypted store,
// seat, trust material, seat assignment and package, session (each a step of a StepSequence
// with a typed StartupResult when it fails), then screens and lockdown steps. When any step
// before the session fails, the window shows the Out of service screen (StartupStatus) saying
// what is wrong and what to do, and the runtime tries the start-up again every
// `recheckSeconds`; the first try that succeeds builds the session and the normal screens.
// Nothing is deleted or overwritten on the way: a store that will not open is kept as it is
// for recovery. main() builds one; the end-to-end runner builds one in-process to drive it.
class KioskRuntime {
public:
    explicit KioskRuntime(KioskOptions options);
    ~KioskRuntime();
    KioskRuntime(const KioskRuntime&) = delete;
    KioskRuntime& operator=(const KioskRuntime&) = delete;

    [[nodiscard]] bool loaded() const { return window_ != nullptr; }
    // Start-up failed: the Out of service screen is shown; session() is null until a re-check
    // succeeds.
    [[nodiscard]] bool outOfService() const { return status_.outOfService(); }
    [[nodiscard]] const StartupStatus& startupStatus() const { return status_; }
    // One start-up attempt now (the re-check timer calls it too). True when the kiosk is up.
    bool recheck();
    [[nodiscard]] SessionController* session() { return session_.get(); }
    // A practice seat's controller once in service; null on an assessment seat.
    [[nodiscard]] PracticeController* practice() { return practice_.get(); }
    [[nodiscard]] QQuickWindow* window() { return window_; }
    [[nodiscard]] QQmlApplicationEngine& engine() { return engine_; }
    // A console command, verified by the link (signature, seat, at most once): applied to this
    // seat (SeatCommands) on the GUI thread. Hand it to the link with
    // onThreadOf(&runtime.engine(), ...) (command_handler.h). Out of service for a reason no
    // command puts right (outOfServiceRefusal), every command is refused with that reason.
    [[nodiscard]] sync::CommandResult applyCommand(const sync::ConsoleCommand& command);
    // One line for --self-test: screen, whether a sitting waits, any setup error.
    [[nodiscard]] QString statusLine() const;
    // The link to the console (seat.conf's `console` line); unlinked when there is none.
    [[nodiscard]] const ConsoleLink& link() const { return link_; }
    [[nodiscard]] ConsoleLink& link() { return link_; }

private:
    void appendStartup(const char* name, StartupStage stage, std::function<void()> perform,
                       std::function<void()> revert);
    void appendStartupSteps();
    // The start-up steps; each throws StartupError naming its failure and file.
    void openStore();
    void readSeat();
    void openSession();
    void openPractice();
    void loadScreens();
    void lockDown();
    void startLink();
    // Out of service with the link running: the console is told why (AwaitingAssignment,
    // AwaitingLaunch, or OutOfService with the screen's title).
    void pushOutOfService();
    void stopForStoreBehind(const QString& reason);
    // Why this PC takes no console command now, or empty: Out of service (the store behind the
    // console, a start-up problem) or not locked down. Only a seat waiting for its assignment or
    // its launch (its assignment or package refused) takes the two commands that put it right.
    [[nodiscard]] std::string outOfServiceRefusal(const sync::ConsoleCommand& command) const;

    KioskOptions options_;
    exam::SystemClock clock_;
    std::optional<store::Database> db_;
    std::optional<TrustMaterial> trust_;
    std::optional<OpenedSeat> seat_;
    lockdown::StepSequence startupSteps_;
    std::optional<StartupResult> failure_; // the failed step's result, this check
    StartupStatus status_;
    // Before the session and the screens: it outlives both (QML reads it, it follows the session).
    ConsoleLink link_{nullptr};
    std::optional<ConsoleAddress> console_; // from seat.conf
    std::filesystem::path storeFile_;
    std::optional<crypto::SecureBuffer> storeKey_; // kept only until the link has its copy
    QTimer recheckTimer_;
    QString lockdownFailure_;
    std::unique_ptr<SessionController> session_;
    std::unique_ptr<PracticeController> practice_;
    QQmlApplicationEngine engine_;
    QQuickWindow* window_ = nullptr;
    std::unique_ptr<lockdown::ClipboardGuard> clipboard_;
    std::unique_ptr<lockdown::InputLockdown> input_;
    std::unique_ptr<lockdown::SittingMonitor> monitor_;
    lockdown::StepSequence lockdownSteps_;
};

} // namespace vigil::kiosk
