#include "vigil/kiosk/kiosk_runtime.h"

#include "vigil/exam/package.h"
#include "vigil/kiosk/command_handler.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/launch_keys.h"
#include "vigil/kiosk/seat_commands.h"
#include "vigil/lockdown/machine_check.h"
#include "vigil/lockdown/standard_steps.h"
#include "vigil/lockdown/step.h"

#include <QDateTime>
#include <QFile>
#include <QGuiApplication>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <QScreen>
#include <cstdio>

namespace vigil::kiosk {

namespace {

exam::SeatIdentity readSeatConf(const std::filesystem::path& file) {
    exam::SeatIdentity seat;
    QFile in(QString::fromStdString(file.string()));
    if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return seat;
    }
    while (!in.atEnd()) {
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        const auto equals = line.indexOf(u'=');
        if (line.startsWith(u'#') || equals <= 0) {
            continue;
        }
        const QString key = line.left(equals).trimmed();
        const std::string value = line.mid(equals + 1).trimmed().toStdString();
        if (key == QLatin1String("centre")) {
            seat.centreId = value;
        } else if (key == QLatin1String("room")) {
            seat.room = value;
        } else if (key == QLatin1String("seat")) {
            seat.seatLabel = value;
        }
    }
    return seat;
}

// The typed result of a data folder or store-key check.
StartupResult dataDirFailure(const DataDirError& error) {
    static constexpr std::pair<DataDirFailure, StartupFailure> kMap[] = {
        {DataDirFailure::FolderUnusable, StartupFailure::FolderUnusable},
        {DataDirFailure::KeyMissing, StartupFailure::KeyMissing},
        {DataDirFailure::KeyReadableByOthers, StartupFailure::KeyReadableByOthers},
        {DataDirFailure::KeyDamaged, StartupFailure::KeyDamaged},
        {DataDirFailure::KeyCannotBeCreated, StartupFailure::KeyCannotBeCreated},
        {DataDirFailure::StoreMissing, StartupFailure::StoreMissing},
        {DataDirFailure::StoreAndKeyMissing, StartupFailure::StoreAndKeyMissing},
        {DataDirFailure::StoreLogMissing, StartupFailure::StoreLogMissing},
    };
    StartupFailure failure = StartupFailure::Unexpected;
    for (const auto& [from, to] : kMap) {
        if (from == error.failure()) {
            failure = to;
        }
    }
    return {StartupStage::DataDir, failure, error.file(), QString::fromUtf8(error.what()), {}};
}

StartupResult storeFailure(const std::filesystem::path& storeFile, const store::StoreError& error) {
    StartupFailure failure = StartupFailure::StoreDamaged;
    switch (error.code()) {
    case store::StoreErrorCode::WrongKey:
        failure = StartupFailure::WrongStoreKey;
        break;
    case store::StoreErrorCode::DiskFull:
        failure = StartupFailure::StoreDiskFull;
        break;
    case store::StoreErrorCode::ReadOnly:
    case store::StoreErrorCode::MissingDirectory:
        failure = StartupFailure::StoreReadOnly;
        break;
    case store::StoreErrorCode::NewerSchema:
        failure = StartupFailure::StoreNewerSchema;
        break;
    case store::StoreErrorCode::Busy:
        failure = StartupFailure::StoreBusy;
        break;
    default:
        break;
    }
    return {StartupStage::Store, failure, storeFile, QString::fromUtf8(error.what()), {}};
}

bool seatKnown(const exam::SeatIdentity& seat) {
    return !seat.centreId.empty() && !seat.room.empty() && !seat.seatLabel.empty();
}

// The visible item called `name` under `root` (the visual tree, as a person sees it).
const QQuickItem* findVisibleItem(const QQuickItem* root, const QString& name) {
    if (!root || !root->isVisible()) {
        return nullptr;
    }
    if (root->objectName() == name) {
        return root;
    }
    for (const auto* child : root->childItems()) {
        if (const auto* found = findVisibleItem(child, name)) {
            return found;
        }
    }
    return nullptr;
}
} // namespace

KioskOptions parseKioskOptions(const QStringList& arguments, QString* error) {
    KioskOptions options;
    std::optional<std::string> centre, room, seat;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        const auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= arguments.size()) {
                *error = QStringLiteral("%1 needs a value").arg(arg);
                return std::nullopt;
            }
            return arguments[++i].toStdString();
        };
        std::optional<std::string> v;
        if (arg == QLatin1String("--self-test")) {
            options.selfTest = true;
            continue;
        }
        if (arg == QLatin1String("--data-dir") || arg == QLatin1String("--package") ||
            arg == QLatin1String("--assignment") || arg == QLatin1String("--centre") ||
            arg == QLatin1String("--room") || arg == QLatin1String("--seat")) {
            v = value();
            if (!v) {
                return options;
            }
        } else {
            *error = QStringLiteral("unknown option %1 (known: --data-dir, --package, "
                                    "--assignment, --centre, --room, --seat, --self-test)")
                         .arg(arg);
            return options;
        }
        if (arg == QLatin1String("--data-dir")) {
            options.dataDir = *v;
        } else if (arg == QLatin1String("--package")) {
            options.package = *v;
        } else if (arg == QLatin1String("--assignment")) {
            options.assignment = *v;
        } else if (arg == QLatin1String("--centre")) {
            centre = v;
        } else if (arg == QLatin1String("--room")) {
            room = v;
        } else {
            seat = v;
        }
    }
    if (options.package.empty()) {
        options.package = options.dataDir / "seat" / "assessment.vigil";
    }
    if (options.assignment.empty()) {
        options.assignment = options.dataDir / "seat" / "assignment.vseat";
    }
    options.seat = readSeatConf(options.dataDir / "seat.conf");
    if (centre) {
        options.seat.centreId = *centre;
    }
    if (room) {
        options.seat.room = *room;
    }
    if (seat) {
        options.seat.seatLabel = *seat;
    }
    return options;
}

StartupStatus::StartupStatus(const exam::Clock& clock, int recheckSeconds)
    : clock_(clock)
    , recheckSeconds_(recheckSeconds) {
    clockBeat_.setInterval(1000);
    connect(&clockBeat_, &QTimer::timeout, this, &StartupStatus::clockChanged);
    clockBeat_.start();
}

QString StartupStatus::clockText() const {
    return QDateTime::fromMSecsSinceEpoch(clock_.wallNowMs())
        .toLocalTime()
        .toString(QStringLiteral("HH:mm"));
}

void StartupStatus::report(StartupProblem problem, const QString& seatLabel) {
    problem_ = std::move(problem);
    seatLabel_ = seatLabel;
    ++checks_;
    emit problemChanged();
}

void StartupStatus::clear() {
    problem_ = {};
    ++checks_;
    emit problemChanged();
}

KioskRuntime::KioskRuntime(KioskOptions options)
    : options_(std::move(options))
    , status_(clock_, std::max(1, options_.recheckSeconds)) {
    // Start-up order, written once: the start-up steps (store, seat, trust, assignment and
    // package, session), then screens and lockdown. The screens load either way: the Out of
    // service screen needs no store.
    options_.practice =
        options_.practice || seatConfAsksForPractice(options_.dataDir / "seat.conf");
    appendStartupSteps();
    recheck();
    loadScreens();
    if (window_) {
        lockDown();
    }
    recheckTimer_.setInterval(status_.recheckSeconds() * 1000);
    QObject::connect(&recheckTimer_, &QTimer::timeout, [this] { recheck(); });
    if (!session_ && !practice_) {
        recheckTimer_.start();
    }
}

KioskRuntime::~KioskRuntime() {
    recheckTimer_.stop();
    (void)lockdownSteps_.revert();
    SessionController::setInstance(nullptr);
}

void KioskRuntime::appendStartup(const char* name, StartupStage stage,
                                 std::function<void()> perform, std::function<void()> revert) {
    // A step reports its typed failure here; anything else it throws is Unexpected at its stage.
    auto performStep = [this, stage, perform = std::move(perform)] {
        try {
            perform();
            return lockdown::StepResult::Success;
        } catch (const StartupError& error) {
            failure_ = error.result();
        } catch (const std::exception& error) {
            failure_ = StartupResult{stage,
                                     StartupFailure::Unexpected,
                                     options_.dataDir,
                                     QString::fromUtf8(error.what()),
                                     {}};
        }
        return lockdown::StepResult::Failed;
    };
    auto revertStep = [revert = std::move(revert)] {
        if (revert) {
            revert();
        }
        return lockdown::StepResult::Success;
    };
    startupSteps_.append(std::make_unique<lockdown::DelegateStep>(
        QString::fromLatin1(name), std::move(performStep), std::move(revertStep)));
}

void KioskRuntime::appendStartupSteps() {
    // A failed step reverts the ones before it (StepSequence), and the next check runs them
    // all again: nothing half-open stays behind an Out of service screen.
    appendStartup(
        "store", StartupStage::Store, [this] { openStore(); }, [this] { db_.reset(); });
    appendStartup("seat", StartupStage::Seat, [this] { readSeat(); }, {});
    appendStartup(
        "trust", StartupStage::Trust,
        [this] {
            trust_.emplace(TrustMaterial::load(options_.dataDir));
            // The link runs as soon as the PC knows its store, seat and keys: a seat waiting for
            // its assignment or its launch gets them from the console over it.
            startLink();
        },
        [this] { trust_.reset(); });
    appendStartup(
        "seat assignment and package", StartupStage::Assignment,
        [this] {
            if (!options_.practice) { // a practice seat has its practice set instead
                seat_.emplace(openSeat(options_.assignment, options_.package, *trust_,
                                       options_.seat, clock_.wallNowMs(), &*db_));
            }
        },
        [this] { seat_.reset(); });
    // The session is the last step and fails only by a bug: it is never reverted while QML
    // may hold it.
    appendStartup("session", StartupStage::Session,
                  [this] { options_.practice ? openPractice() : openSession(); }, {});
}

bool KioskRuntime::recheck() {
    if (session_ || practice_) {
        return true;
    }
    failure_.reset();
    if (startupSteps_.perform() != lockdown::StepResult::Success) {
        auto problem = describe(failure_.value_or(StartupResult{}), options_.dataDir);
        if (problem.title != status_.title() || problem.detail != status_.detail() ||
            status_.checks() == 0) {
            qCritical("vigil-kiosk: out of service: %s (%s)", qPrintable(problem.title),
                      qPrintable(problem.detail));
        }
        status_.report(std::move(problem), QString::fromStdString(options_.seat.seatLabel));
        pushOutOfService();
        return false;
    }
    recheckTimer_.stop();
    if (status_.outOfService()) {
        std::fprintf(stderr, "vigil-kiosk: start-up problem resolved; the kiosk is in service\n");
    }
    if (!lockdownFailure_.isEmpty() && session_) {
        session_->refuseSittings(lockdownFailure_);
    }
    status_.clear(); // Main.qml swaps the Out of service screen for the session's screens
    return true;
}

void KioskRuntime::openStore() {
    std::optional<DataDir> dir;
    std::optional<DataDir::StoreKey> key;
    try {
        dir.emplace(options_.dataDir);
        key.emplace(dir->openStoreKey());
    } catch (const DataDirError& error) {
        throw StartupError(dataDirFailure(error));
    }
    storeFile_ = dir->storeFile();
    storeKey_.emplace(crypto::SecureBuffer::copyOf(key->key.span()));
    try {
        const auto migrations = kioskMigrations();
        // An existing store is only ever opened: were it to vanish now, nothing new is made.
        db_.emplace(store::Database::open(dir->storeFile(), key->key, migrations,
                                          key->storeExists ? store::OpenMode::MustExist
                                                           : store::OpenMode::CreateIfMissing));
    } catch (const store::StoreError& error) {
        throw StartupError(storeFailure(dir->storeFile(), error));
    }
}

void KioskRuntime::readSeat() {
    // seat.conf may have been delivered since the last try; the command line still wins.
    const auto seatConf = options_.dataDir / "seat.conf";
    QString consoleError;
    console_ = readConsoleAddress(seatConf, &consoleError);
    if (!consoleError.isEmpty()) {
        throw StartupError({StartupStage::Seat,
                            StartupFailure::ConsoleAddressInvalid,
                            seatConf,
                            consoleError,
                            {}});
    }
    if (seatKnown(options_.seat)) {
        return;
    }
    const auto conf = readSeatConf(seatConf);
    for (auto [field, fromConf] : {std::pair{&options_.seat.centreId, &conf.centreId},
                                   std::pair{&options_.seat.room, &conf.room},
                                   std::pair{&options_.seat.seatLabel, &conf.seatLabel}}) {
        if (field->empty()) {
            *field = *fromConf;
        }
    }
    if (!seatKnown(options_.seat)) {
        throw StartupError({StartupStage::Seat,
                            StartupFailure::SeatNotConfigured,
                            seatConf,
                            QObject::tr("centre, room or seat is missing"),
                            {}});
    }
}

void KioskRuntime::openSession() {
    startLink(); // before the kiosk's keys move into the session
    SessionServices services;
    services.db = &*db_;
    services.clock = &clock_;
    services.seat = std::move(*seat_);
    services.kioskKeys = std::move(trust_->kioskKeys);
    services.resultRecipient = trust_->resultRecipient;
    services.unlockIssuer = trust_->assignmentIssuer;
    services.unlockDir = options_.dataDir / "unlock";
    seat_.reset();
    trust_.reset();
    services.machineCheck = [] {
        const auto processes = lockdown::makeSystemProcessSource();
        const auto probe = lockdown::makeSystemVirtualMachineProbe();
        lockdown::MachineCheck check(lockdown::MachinePolicy{}, *processes, *probe);
        return check.run(int(QGuiApplication::screens().size()));
    };
    session_ = std::make_unique<SessionController>(std::move(services));
    SessionController::setInstance(session_.get());
    if (link_.linked()) {
        link_.follow(*session_);
    }
    // The content key launched for this assignment is kept only while its sitting can still
    // run: once it is completed, it goes.
    QObject::connect(session_.get(), &SessionController::sittingChanged, session_.get(), [this] {
        if (session_->sitting() || session_->setupError().isEmpty()) {
            return;
        }
        if (auto bytes = exam::readSeatAssignmentFile(options_.assignment)) {
            LaunchKeys(*db_).forget(crypto::blake2b(bytes.value()));
        }
    });
    engine_.addImageProvider(QLatin1String(ItemImageProvider::kName),
                             new ItemImageProvider(session_->mediaLibrary()));
}

void KioskRuntime::openPractice() {
    // No seat assignment, no sitting, no invigilator: the quizzes assigned to this seat
    // (practice_set.h) and the candidate's progress in the store.
    practice_ = std::make_unique<PracticeController>(
        *db_, clock_, loadPracticeSet(options_.dataDir, *trust_, options_.seat, clock_.wallNowMs()),
        QString::fromStdString(options_.seat.seatLabel));
    PracticeController::setInstance(practice_.get());
    trust_.reset();
    engine_.addImageProvider(QLatin1String(ItemImageProvider::kName),
                             new ItemImageProvider(practice_->mediaLibrary()));
}

void KioskRuntime::startLink() {
    if (console_ && !link_.linked()) {
        ConsoleLink::Setup setup;
        setup.storeFile = storeFile_;
        setup.storeKey = &*storeKey_;
        setup.kioskKeys = &trust_->kioskKeys;
        setup.consoleKey = trust_->assignmentIssuer;
        setup.address = *console_;
        setup.centreId = options_.seat.centreId;
        setup.seat = options_.seat.seatLabel;
        setup.commandHandler = onThreadOf(&engine_, [this](const sync::ConsoleCommand& command) {
            return applyCommand(command);
        });
        link_.start(setup);
        QObject::connect(&link_, &ConsoleLink::storeBehind, &status_,
                         [this](const QString& reason) { stopForStoreBehind(reason); });
    }
    storeKey_.reset();
}

void KioskRuntime::pushOutOfService() {
    if (!link_.linked()) {
        return;
    }
    // What the console's live room needs to offer the right action: a seat waiting for its
    // assignment (any assignment problem is put right by delivering one) or for its launch.
    const auto& problem = status_.problem();
    sync::KioskStatus status;
    // A sitting moved away leaves the seat Locked, as the move itself did.
    status.screen = problem.kind == QLatin1String("assignment") ? "AwaitingAssignment"
                    : problem.kind == QLatin1String("launch")   ? "AwaitingLaunch"
                    : problem.kind == QLatin1String("moved")    ? "Locked"
                                                                : "OutOfService";
    status.problem = problem.title.toStdString();
    link_.pushStatus(status);
}

void KioskRuntime::stopForStoreBehind(const QString& reason) {
    // The console is the witness: this store lost events it had sent. No sitting goes on here;
    // the Out of service screen says why, as for a start-up problem (but no re-check clears it).
    auto problem =
        describe({StartupStage::Store, StartupFailure::StoreBehindConsole, storeFile_, reason, {}},
                 options_.dataDir);
    qCritical("vigil-kiosk: out of service: %s (%s)", qPrintable(problem.title),
              qPrintable(problem.detail));
    if (session_) {
        session_->refuseSittings(reason);
    }
    status_.report(std::move(problem), QString::fromStdString(options_.seat.seatLabel));
}

void KioskRuntime::loadScreens() {
    ConsoleLink::setInstance(&link_);
    engine_.addImportPath(QStringLiteral("qrc:/"));
    engine_.rootContext()->setContextProperty(QStringLiteral("Startup"), &status_);
    engine_.load(QUrl(options_.practice ? QStringLiteral("qrc:/Vigil/Kiosk/PracticeMain.qml")
                                        : QStringLiteral("qrc:/Vigil/Kiosk/Main.qml")));
    if (!engine_.rootObjects().isEmpty()) {
        window_ = qobject_cast<QQuickWindow*>(engine_.rootObjects().constFirst());
    }
}

void KioskRuntime::lockDown() {
    clipboard_ = std::make_unique<lockdown::ClipboardGuard>();
    input_ = std::make_unique<lockdown::InputLockdown>(window_);
    monitor_ = std::make_unique<lockdown::SittingMonitor>(
        lockdown::ProcessDenyList::defaults(),
        std::shared_ptr<const lockdown::ProcessSource>(lockdown::makeSystemProcessSource()));
    // Out of service there is no session (and maybe no store) yet: findings go to the log.
    const auto record = [this](const QString& key, const QString& message) {
        if (session_) {
            session_->recordMonitorFinding(key, message);
        } else {
            qWarning("vigil-kiosk: %s: %s", qPrintable(key), qPrintable(message));
        }
    };
    QObject::connect(
        monitor_.get(), &lockdown::SittingMonitor::findingRaised, &status_,
        [record](const lockdown::Finding& finding) { record(finding.key, finding.message); });
    QObject::connect(input_.get(), &lockdown::InputLockdown::escapeAttempted, &status_,
                     [record](const lockdown::EscapeAttempt& attempt) {
                         record(lockdown::label(attempt.kind), attempt.what);
                     });
    // The offscreen platform (self-test, tests) has no keyboard to hold.
    const bool needKeyboardLock = QGuiApplication::platformName() != QLatin1String("offscreen");
    lockdownSteps_.append(lockdown::makeClipboardStep(*clipboard_));
    lockdownSteps_.append(lockdown::makeInputLockdownStep(*input_, needKeyboardLock));
    lockdownSteps_.append(lockdown::makeMonitorStep(*monitor_));
    if (lockdownSteps_.perform() != lockdown::StepResult::Success) {
        QString failed;
        for (const auto& record : lockdownSteps_.history()) {
            if (record.result != lockdown::StepResult::Success) {
                failed = record.step + (record.error.isEmpty() ? QString() : ": " + record.error);
                break;
            }
        }
        lockdownFailure_ =
            QObject::tr("This PC could not be locked down (%1). Call the centre's IT support.")
                .arg(failed);
        if (session_) {
            session_->refuseSittings(lockdownFailure_);
        }
    }
}

std::string KioskRuntime::outOfServiceRefusal(const sync::ConsoleCommand& command) const {
    const auto refusal = [](const QString& title, const QString& detail) {
        return (QStringLiteral("this PC is Out of service: ") + title +
                (detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + u')') +
                QStringLiteral("; nothing was applied"))
            .toStdString();
    };
    if (!lockdownFailure_.isEmpty()) {
        return refusal(lockdownFailure_, {});
    }
    if (!status_.outOfService()) {
        return {};
    }
    // A spare PC waiting for an assignment takes a moved sitting too: it carries one.
    const bool seatCommand = command.kind == sync::CommandKind::DeliverAssignment ||
                             command.kind == sync::CommandKind::Launch ||
                             command.kind == sync::CommandKind::MoveSittingHere;
    // Only a start-up stopped at the seat's own assignment or package (never a store behind
    // the console, which keeps the session and no failure_) is put right by a command.
    const bool seatProblem =
        !session_ && failure_ &&
        (failure_->stage == StartupStage::Assignment || failure_->stage == StartupStage::Package) &&
        failure_->failure != StartupFailure::Unexpected;
    if (seatCommand && seatProblem) {
        return {};
    }
    return refusal(status_.problem().title, status_.problem().detail);
}

sync::CommandResult KioskRuntime::applyCommand(const sync::ConsoleCommand& command) {
    if (auto refused = outOfServiceRefusal(command); !refused.empty()) {
        return {command.commandId, false, std::move(refused), false};
    }
    if (!db_) {
        // Out of service (waiting for its assignment or its launch, say): the start-up steps
        // closed the store again; it is opened for the command, as the next check would.
        try {
            openStore();
        } catch (const StartupError& error) {
            return {command.commandId, false,
                    std::string("this PC's store cannot be opened: ") + error.what(), false};
        }
    }
    std::optional<TrustMaterial> trust;
    try {
        trust.emplace(TrustMaterial::load(options_.dataDir));
    } catch (const StartupError& error) {
        return {command.commandId, false, error.what(), false};
    }
    SeatCommandContext context;
    context.assignmentFile = options_.assignment;
    context.packageFile = options_.package;
    context.seat = options_.seat;
    context.assignmentIssuer = trust->assignmentIssuer;
    context.packageSigner = trust->packageSigner;
    context.kioskKeys = &trust->kioskKeys;
    context.db = &*db_;
    context.nowMs = [this] {
        return clock_.wallNowMs();
    };
    context.seatOpen = [this] {
        return session_ && session_->setupError().isEmpty();
    };
    context.sittingUnderWay = [this] {
        return session_ && (session_->screen() != SessionController::Screen::Locked ||
                            session_->sittingInProgress());
    };
    context.reloadSeat = [this] {
        if (!session_) {
            (void)recheck();
            return;
        }
        // Locked, no sitting: the session takes the seat as it is now, or says why it cannot.
        std::optional<OpenedSeat> opened;
        QString problem;
        try {
            const auto trust = TrustMaterial::load(options_.dataDir);
            opened.emplace(openSeat(options_.assignment, options_.package, trust, options_.seat,
                                    clock_.wallNowMs(), &*db_));
        } catch (const StartupError& error) {
            problem = describe(error.result(), options_.dataDir).title;
        }
        (void)session_->reloadSeat(std::move(opened), problem);
    };
    context.applyToSitting = [this](const SittingOrder& order) {
        return session_ ? session_->applySittingOrder(order).toStdString()
                        : std::string("no sitting is open at this PC");
    };
    auto result = SeatCommands(std::move(context)).apply(command);
    if (!session_) {
        db_.reset(); // still Out of service: closed again, as the failed check left it
    }
    return result;
}

QString KioskRuntime::statusLine() const {
    if (practice_ && !status_.outOfService()) {
        const auto screen =
            QMetaEnum::fromType<PracticeController::Screen>().valueToKey(int(practice_->screen()));
        return QStringLiteral("screen=Practice%1 quizzes=%2 refused=%3 qml=%4")
            .arg(QLatin1String(screen))
            .arg(practice_->quizzes().size())
            .arg(practice_->refusedQuizzes().size())
            .arg(window_ ? "loaded" : "failed");
    }
    if (!session_ || status_.outOfService()) {
        const auto& problem = status_.problem();
        // What the window really shows, read back from the screen itself.
        const QQuickItem* shown =
            window_ ? findVisibleItem(window_->contentItem(), QStringLiteral("problemTitle"))
                    : nullptr;
        return QStringLiteral("screen=OutOfService problem=%1 file=\"%2\" qml=%3 shown=\"%4\" "
                              "setup-error=\"%5\"")
            .arg(problem.kind, problem.file, window_ ? "loaded" : "failed",
                 shown ? shown->property("text").toString() : QString(), problem.detail);
    }
    const auto screen =
        QMetaEnum::fromType<SessionController::Screen>().valueToKey(int(session_->screen()));
    return QStringLiteral("screen=%1 sitting-in-progress=%2 qml=%3 setup-error=\"%4\"")
        .arg(QLatin1String(screen), session_->sittingInProgress() ? "yes" : "no",
             window_ ? "loaded" : "failed", session_->setupError());
}

} // namespace vigil::kiosk
