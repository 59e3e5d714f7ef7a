#include "vigil/kiosk/kiosk_runtime.h"

#include "vigil/exam/package.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/lockdown/machine_check.h"
#include "vigil/lockdown/standard_steps.h"

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

QString qs(const std::filesystem::path& path) {
    return QString::fromStdString(path.string());
}

QString timeText(std::int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(
        QStringLiteral("d MMM yyyy HH:mm"));
}

QString doNotDelete() {
    return QObject::tr("Do not delete or replace kiosk.db: it holds the candidates' answers and "
                       "is kept as it is for recovery.");
}

StartupProblem dataDirProblem(const std::filesystem::path& root, const char* reason) {
    return {QStringLiteral("data-dir"), QObject::tr("The kiosk's data folder cannot be used."),
            qs(root),
            QObject::tr("Ask the centre's IT support to put the folder right: it must exist, "
                        "belong to the kiosk user with mode 0700, and its disk must have free "
                        "space and be writable."),
            QString::fromUtf8(reason)};
}

StartupProblem dataDirProblem(const DataDir& dir, const DataDirError& error) {
    StartupProblem problem{
        QStringLiteral("store-key"), {}, qs(error.file()), {}, QString::fromUtf8(error.what())};
    switch (error.failure()) {
    case DataDirFailure::FolderUnusable:
        return dataDirProblem(dir.root(), error.what());
    case DataDirFailure::KeyMissing:
        problem.title = QObject::tr("The store key of this kiosk is missing.");
        problem.action = QObject::tr("Restore store.key from the centre's backup of this PC "
                                     "into %1. %2")
                             .arg(qs(dir.root()), doNotDelete());
        break;
    case DataDirFailure::KeyReadableByOthers:
        problem.title = QObject::tr("The store key can be read by other users.");
        problem.action = QObject::tr("Ask the centre's IT support to make store.key readable by "
                                     "the kiosk user only (chmod 600).");
        break;
    case DataDirFailure::KeyCannotBeCreated:
        problem.title = QObject::tr("The kiosk cannot create its store key.");
        problem.action = QObject::tr("Ask the centre's IT support to make %1 writable by the "
                                     "kiosk user and to free disk space.")
                             .arg(qs(dir.root()));
        break;
    case DataDirFailure::KeyDamaged:
        problem.title = QObject::tr("The store key of this kiosk is damaged.");
        problem.action = QObject::tr("Restore store.key from the centre's backup of this PC. %1")
                             .arg(doNotDelete());
        break;
    case DataDirFailure::StoreMissing:
        problem.kind = QStringLiteral("store");
        problem.title = QObject::tr("The kiosk's store is missing: its key is still here.");
        problem.action =
            QObject::tr("The store holds the record of every sitting at this PC: it was deleted "
                        "or moved away. Call the centre's IT support to put kiosk.db back into "
                        "%1 (from where it was moved, or the centre's backup of this PC) and "
                        "report it to the centre coordinator. The kiosk never starts a new "
                        "store over a lost one.")
                .arg(qs(dir.root()));
        break;
    case DataDirFailure::StoreAndKeyMissing:
        problem.kind = QStringLiteral("store");
        problem.title = QObject::tr("The kiosk's store and its key are missing.");
        problem.action =
            QObject::tr("This PC has run as a kiosk before (it holds its signing key), so its "
                        "store of sittings was deleted or moved away. Call the centre's IT "
                        "support to put kiosk.db and store.key back into %1 (from the centre's "
                        "backup of this PC) and report it to the centre coordinator.")
                .arg(qs(dir.root()));
        break;
    case DataDirFailure::StoreLogMissing:
        problem.kind = QStringLiteral("store");
        problem.title = QObject::tr("Part of the kiosk's store is missing: the latest answers "
                                    "may be lost.");
        problem.action =
            QObject::tr("kiosk.db-wal, which holds the latest writes to the store, was deleted "
                        "or moved away. Call the centre's IT support to put it back into %1 and "
                        "report it to the centre coordinator. %2")
                .arg(qs(dir.root()), doNotDelete());
        break;
    }
    return problem;
}

StartupProblem storeProblem(const DataDir& dir, const store::StoreError& error) {
    StartupProblem problem{
        QStringLiteral("store"), {}, qs(dir.storeFile()), {}, QString::fromUtf8(error.what())};
    switch (error.code()) {
    case store::StoreErrorCode::WrongKey:
        problem.title = QObject::tr("The store key does not open this kiosk's store.");
        problem.action = QObject::tr("Put back the store.key that belongs to this kiosk.db (from "
                                     "the centre's backup of this PC). %1")
                             .arg(doNotDelete());
        break;
    case store::StoreErrorCode::DiskFull:
        problem.title = QObject::tr("The disk of this PC is full.");
        problem.action = QObject::tr("Ask the centre's IT support to free space on the disk "
                                     "that holds %1. %2")
                             .arg(qs(dir.root()), doNotDelete());
        break;
    case store::StoreErrorCode::ReadOnly:
    case store::StoreErrorCode::MissingDirectory:
        problem.title = QObject::tr("The kiosk's store cannot be written.");
        problem.action = QObject::tr("Ask the centre's IT support to make %1 and the files in it "
                                     "writable by the kiosk user. %2")
                             .arg(qs(dir.root()), doNotDelete());
        break;
    case store::StoreErrorCode::NewerSchema:
        problem.title = QObject::tr("The store was written by a newer version of Vigil.");
        problem.action =
            QObject::tr("Install the newer version of Vigil on this PC. %1").arg(doNotDelete());
        break;
    case store::StoreErrorCode::Busy:
        problem.title = QObject::tr("The kiosk's store is in use by another program.");
        problem.action = QObject::tr("Close the other program (or a second kiosk) using %1.")
                             .arg(qs(dir.storeFile()));
        break;
    default:
        problem.title = QObject::tr("The kiosk's store is damaged.");
        problem.action = QObject::tr("Call the centre's IT support: copy the whole folder %1 for "
                                     "recovery (vigil-store check). %2")
                             .arg(qs(dir.root()), doNotDelete());
        break;
    }
    return problem;
}

StartupProblem seatConfProblem(const std::filesystem::path& seatConf) {
    return {QStringLiteral("seat"), QObject::tr("This PC has no seat configured."), qs(seatConf),
            QObject::tr("Ask the centre's IT support to write seat.conf (centre, room and seat "
                        "of this PC), as the installer does."),
            QObject::tr("centre, room or seat is missing")};
}

StartupProblem trustProblem(const std::filesystem::path& dataDir, const char* reason) {
    const QString text = QString::fromUtf8(reason);
    const auto kioskKey = dataDir / "kiosk-signing.key";
    if (text.startsWith(qs(kioskKey))) {
        return {QStringLiteral("trust"), QObject::tr("This kiosk's signing key cannot be used."),
                qs(kioskKey),
                QObject::tr("Ask the centre's IT support: the file must belong to the kiosk user "
                            "(mode 0600) and the folder must be writable."),
                text};
    }
    QString file = qs(TrustMaterial::trustDir(dataDir));
    for (const char* name : {"awarding-body-signing.pub", "awarding-body-box.pub",
                             "issuer-signing.pub", "centre-box.key"}) {
        const auto candidate = TrustMaterial::trustDir(dataDir) / name;
        if (text.startsWith(qs(candidate))) {
            file = qs(candidate);
        }
    }
    const bool missing = !std::filesystem::exists(file.toStdString());
    return {QStringLiteral("trust"),
            missing ? QObject::tr("A trust key of this PC is missing.")
                    : QObject::tr("A trust key of this PC is damaged."),
            file,
            QObject::tr("Install the centre's trust keys again with the Vigil installer (folder "
                        "%1).")
                .arg(qs(TrustMaterial::trustDir(dataDir))),
            text};
}

QString askForAssignment(const std::filesystem::path& file) {
    return QObject::tr("Ask the centre coordinator to issue this seat's assignment and copy it "
                       "to %1.")
        .arg(qs(file));
}

StartupProblem assignmentProblem(const KioskOptions& options, const TrustMaterial& trust,
                                 std::int64_t nowMs, const QString& reason) {
    StartupProblem problem{QStringLiteral("assignment"),
                           {},
                           qs(options.assignment),
                           askForAssignment(options.assignment),
                           reason};
    const auto bytes = exam::readSeatAssignmentFile(options.assignment);
    if (!bytes) {
        problem.title = std::filesystem::exists(options.assignment)
                            ? QObject::tr("The seat assignment cannot be read.")
                            : QObject::tr("There is no seat assignment for this PC.");
        return problem;
    }
    const auto read = exam::readSeatAssignment(bytes.value(), trust.assignmentIssuer);
    if (!read) {
        problem.title = read.error().error == exam::SeatAssignmentError::SignedByAnotherKey
                            ? QObject::tr("The seat assignment was issued by another centre's key.")
                            : QObject::tr("The seat assignment is damaged or was altered.");
        return problem;
    }
    const auto& assignment = read.value();
    const auto& seat = options.seat;
    if (assignment.centreId != seat.centreId) {
        problem.title = QObject::tr("The seat assignment is for centre %1; this PC is at "
                                    "centre %2.")
                            .arg(QString::fromStdString(assignment.centreId),
                                 QString::fromStdString(seat.centreId));
    } else if (assignment.room != seat.room || assignment.seatLabel != seat.seatLabel) {
        problem.title =
            QObject::tr("The seat assignment is for %1 (%2); this is %3 (%4).")
                .arg(QString::fromStdString(assignment.seatLabel),
                     QString::fromStdString(assignment.room),
                     QString::fromStdString(seat.seatLabel), QString::fromStdString(seat.room));
    } else if (nowMs > assignment.validUntilMs) {
        problem.title = QObject::tr("The seat assignment expired at %1.")
                            .arg(timeText(assignment.validUntilMs));
        problem.action = QObject::tr("Check this PC's clock; if it is right, ask the centre "
                                     "coordinator to issue a new assignment and copy it to %1.")
                             .arg(qs(options.assignment));
    } else if (nowMs < assignment.issuedAtMs - exam::kSeatAssignmentClockSkewMs) {
        problem.title = QObject::tr("The seat assignment is not valid before %1.")
                            .arg(timeText(assignment.issuedAtMs));
        problem.action = QObject::tr("Check this PC's clock and the issuing PC's clock; the "
                                     "kiosk checks again by itself.");
    } else {
        problem.title = QObject::tr("The seat assignment cannot be used.");
    }
    return problem;
}

StartupProblem packageProblem(const KioskOptions& options, const TrustMaterial& trust,
                              std::int64_t nowMs, const QString& reason) {
    StartupProblem problem{
        QStringLiteral("package"),
        {},
        qs(options.package),
        QObject::tr("Copy this sitting's assessment package (.vigil) from the awarding body's "
                    "delivery to %1 again.")
            .arg(qs(options.package)),
        reason};
    const auto bytes = exam::readPackageFile(options.package);
    if (!bytes) {
        problem.title = std::filesystem::exists(options.package)
                            ? QObject::tr("The assessment package cannot be read.")
                            : QObject::tr("The assessment package is missing.");
        return problem;
    }
    const auto assignmentBytes = exam::readSeatAssignmentFile(options.assignment);
    const auto assignment =
        assignmentBytes ? exam::openSeatAssignment(assignmentBytes.value(), trust.assignmentIssuer,
                                                   options.seat, nowMs)
                        : exam::SeatAssignmentResult<exam::SeatAssignment>(assignmentBytes.error());
    std::optional<exam::PackageError> error;
    if (assignment && !exam::checkPackageMatches(assignment.value(), bytes.value())) {
        // Not the named package: a damaged or altered copy, or another package altogether.
        const auto info = exam::readPackageInfo(bytes.value(), trust.packageSigner);
        if (info) {
            problem.title =
                QObject::tr("The assessment package is not the one this seat's assignment names.");
            problem.action =
                QObject::tr("Copy the package named in the assignment (%1) to %2, or ask the "
                            "centre coordinator for the matching assignment.")
                    .arg(QString::fromStdString(assignment.value().assessmentId),
                         qs(options.package));
            return problem;
        }
        error = info.error().error;
    } else {
        const auto opened = exam::openPackage(bytes.value(), trust.packageSigner,
                                              options.seat.centreId, trust.centreKeys);
        if (opened) {
            problem.title = QObject::tr("The assessment package cannot be used.");
            return problem;
        }
        error = opened.error().error;
    }
    switch (*error) {
    case exam::PackageError::NotARecipient:
    case exam::PackageError::WrongCentreKey:
        problem.title = QObject::tr("The assessment package is for another centre (not sealed "
                                    "to centre %1).")
                            .arg(QString::fromStdString(options.seat.centreId));
        problem.action = QObject::tr("Ask the awarding body for this centre's package and copy "
                                     "it to %1; if it is this centre's, reinstall the centre key.")
                             .arg(qs(options.package));
        break;
    case exam::PackageError::SignedByAnotherKey:
        problem.title = QObject::tr("The assessment package is not signed by the awarding body.");
        break;
    case exam::PackageError::NotAVigilPackage:
        problem.title = QObject::tr("The file is not an assessment package.");
        break;
    case exam::PackageError::UnsupportedVersion:
        problem.title =
            QObject::tr("The assessment package needs a newer version of Vigil on this PC.");
        break;
    default:
        problem.title = QObject::tr("The assessment package is damaged or was altered.");
        break;
    }
    return problem;
}

// openSeat refused: find out, file by file, what exactly is wrong, in the order openSeat checks.
StartupProblem seatProblem(const KioskOptions& options, const TrustMaterial& trust,
                           std::int64_t nowMs, const char* reason) {
    const QString text = QString::fromUtf8(reason);
    if (text.startsWith(qs(options.assignment))) {
        return assignmentProblem(options, trust, nowMs, text);
    }
    return packageProblem(options, trust, nowMs, text);
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
    // Start-up order, written once: data directory and key, store, trust and seat, session,
    // screens, lockdown. The screens load either way: the Out of service screen needs no store.
    recheck();
    loadScreens();
    if (window_) {
        lockDown();
    }
    recheckTimer_.setInterval(status_.recheckSeconds() * 1000);
    QObject::connect(&recheckTimer_, &QTimer::timeout, [this] { recheck(); });
    if (!session_) {
        recheckTimer_.start();
    }
}

KioskRuntime::~KioskRuntime() {
    recheckTimer_.stop();
    (void)lockdownSteps_.revert();
    SessionController::setInstance(nullptr);
}

bool KioskRuntime::recheck() {
    if (session_) {
        return true;
    }
    auto problem = openStore();
    if (!problem) {
        problem = openSeatAndSession();
    }
    if (problem) {
        if (problem->title != status_.title() || problem->detail != status_.detail() ||
            status_.checks() == 0) {
            qCritical("vigil-kiosk: out of service: %s (%s)", qPrintable(problem->title),
                      qPrintable(problem->detail));
        }
        status_.report(std::move(*problem), QString::fromStdString(options_.seat.seatLabel));
        return false;
    }
    recheckTimer_.stop();
    if (status_.outOfService()) {
        std::fprintf(stderr, "vigil-kiosk: start-up problem resolved; the kiosk is in service\n");
    }
    if (!lockdownFailure_.isEmpty()) {
        session_->refuseSittings(lockdownFailure_);
    }
    status_.clear(); // Main.qml swaps the Out of service screen for the session's screens
    return true;
}

std::optional<StartupProblem> KioskRuntime::openStore() {
    if (db_) {
        return std::nullopt;
    }
    std::optional<DataDir> dir;
    try {
        dir.emplace(options_.dataDir);
    } catch (const DataDirError& error) {
        return dataDirProblem(options_.dataDir, error.what());
    }
    std::optional<DataDir::StoreKey> key;
    try {
        key.emplace(dir->openStoreKey());
    } catch (const DataDirError& error) {
        return dataDirProblem(*dir, error);
    }
    try {
        const auto migrations = kioskMigrations();
        // An existing store is only ever opened: were it to vanish now, nothing new is made.
        db_.emplace(store::Database::open(dir->storeFile(), key->key, migrations,
                                          key->storeExists ? store::OpenMode::MustExist
                                                           : store::OpenMode::CreateIfMissing));
    } catch (const store::StoreError& error) {
        return storeProblem(*dir, error);
    } catch (const std::exception& error) {
        return storeProblem(*dir, store::StoreError(store::StoreErrorCode::Io, error.what()));
    }
    return std::nullopt;
}

std::optional<StartupProblem> KioskRuntime::openSeatAndSession() {
    if (options_.seat.centreId.empty() || options_.seat.room.empty() ||
        options_.seat.seatLabel.empty()) {
        // seat.conf may have been delivered since the last try; the command line still wins.
        const auto conf = readSeatConf(options_.dataDir / "seat.conf");
        for (auto [field, fromConf] : {std::pair{&options_.seat.centreId, &conf.centreId},
                                       std::pair{&options_.seat.room, &conf.room},
                                       std::pair{&options_.seat.seatLabel, &conf.seatLabel}}) {
            if (field->empty()) {
                *field = *fromConf;
            }
        }
        if (options_.seat.centreId.empty() || options_.seat.room.empty() ||
            options_.seat.seatLabel.empty()) {
            return seatConfProblem(options_.dataDir / "seat.conf");
        }
    }
    SessionServices services;
    services.db = &*db_;
    services.clock = &clock_;
    try {
        auto trust = TrustMaterial::load(options_.dataDir);
        try {
            services.seat = openSeat(options_.assignment, options_.package, trust, options_.seat,
                                     clock_.wallNowMs());
        } catch (const std::exception& error) {
            return seatProblem(options_, trust, clock_.wallNowMs(), error.what());
        }
        services.kioskKeys = std::move(trust.kioskKeys);
        services.resultRecipient = trust.resultRecipient;
    } catch (const std::exception& error) {
        return trustProblem(options_.dataDir, error.what());
    }
    services.machineCheck = [] {
        const auto processes = lockdown::makeSystemProcessSource();
        const auto probe = lockdown::makeSystemVirtualMachineProbe();
        lockdown::MachineCheck check(lockdown::MachinePolicy{}, *processes, *probe);
        return check.run(int(QGuiApplication::screens().size()));
    };
    session_ = std::make_unique<SessionController>(std::move(services));
    SessionController::setInstance(session_.get());
    engine_.addImageProvider(QLatin1String(ItemImageProvider::kName),
                             new ItemImageProvider(session_->mediaLibrary()));
    return std::nullopt;
}

void KioskRuntime::loadScreens() {
    engine_.addImportPath(QStringLiteral("qrc:/"));
    engine_.rootContext()->setContextProperty(QStringLiteral("Startup"), &status_);
    engine_.load(QUrl(QStringLiteral("qrc:/Vigil/Kiosk/Main.qml")));
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

QString KioskRuntime::statusLine() const {
    if (!session_) {
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
