#include "vigil/kiosk/kiosk_runtime.h"

#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/lockdown/machine_check.h"
#include "vigil/lockdown/standard_steps.h"

#include <QFile>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QScreen>

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

KioskRuntime::KioskRuntime(KioskOptions options)
    : options_(std::move(options)) {
    // Start-up order, written once: data directory and key, store, trust and seat, session,
    // screens, lockdown.
    std::optional<DataDir> dir;
    try {
        dir.emplace(options_.dataDir);
        openStore(*dir);
    } catch (const std::exception& error) {
        setupError_ = QString::fromUtf8(error.what());
    }
    if (!db_) {
        // Without a store nothing may be delivered; a throwaway in-memory-free store is not an
        // option either, so the Locked screen shows the reason and nothing else works.
        qCritical("vigil-kiosk: %s", qPrintable(setupError_));
        return;
    }
    buildSession(*dir);
    loadScreens();
    if (window_) {
        lockDown();
    }
}

KioskRuntime::~KioskRuntime() {
    (void)lockdownSteps_.revert();
    SessionController::setInstance(nullptr);
}

void KioskRuntime::openStore(const DataDir& dir) {
    const auto key = dir.loadOrCreateStoreKey();
    const auto migrations = kioskMigrations();
    db_.emplace(store::Database::open(dir.storeFile(), key, migrations));
}

void KioskRuntime::buildSession(const DataDir& dir) {
    SessionServices services;
    services.db = &*db_;
    services.clock = &clock_;
    services.setupError = setupError_;
    try {
        auto trust = TrustMaterial::load(dir.root());
        services.seat = openSeat(options_.assignment, options_.package, trust, options_.seat,
                                 clock_.wallNowMs());
        services.kioskKeys = std::move(trust.kioskKeys);
        services.resultRecipient = trust.resultRecipient;
    } catch (const std::exception& error) {
        services.seat.reset();
        services.setupError = QString::fromUtf8(error.what());
    }
    services.machineCheck = [] {
        const auto processes = lockdown::makeSystemProcessSource();
        const auto probe = lockdown::makeSystemVirtualMachineProbe();
        lockdown::MachineCheck check(lockdown::MachinePolicy{}, *processes, *probe);
        return check.run(int(QGuiApplication::screens().size()));
    };
    session_ = std::make_unique<SessionController>(std::move(services));
    SessionController::setInstance(session_.get());
}

void KioskRuntime::loadScreens() {
    engine_.addImportPath(QStringLiteral("qrc:/"));
    engine_.addImageProvider(QLatin1String(ItemImageProvider::kName),
                             new ItemImageProvider(session_->mediaLibrary()));
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
    QObject::connect(monitor_.get(), &lockdown::SittingMonitor::findingRaised, session_.get(),
                     [session = session_.get()](const lockdown::Finding& finding) {
                         session->recordMonitorFinding(finding.key, finding.message);
                     });
    QObject::connect(input_.get(), &lockdown::InputLockdown::escapeAttempted, session_.get(),
                     [session = session_.get()](const lockdown::EscapeAttempt& attempt) {
                         session->recordMonitorFinding(lockdown::label(attempt.kind), attempt.what);
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
        session_->refuseSittings(
            QObject::tr("This PC could not be locked down (%1). Call the centre's IT support.")
                .arg(failed));
    }
}

QString KioskRuntime::statusLine() const {
    if (!session_) {
        return QStringLiteral("screen=none setup-error=\"%1\"").arg(setupError_);
    }
    const auto screen =
        QMetaEnum::fromType<SessionController::Screen>().valueToKey(int(session_->screen()));
    return QStringLiteral("screen=%1 sitting-in-progress=%2 qml=%3 setup-error=\"%4\"")
        .arg(QLatin1String(screen), session_->sittingInProgress() ? "yes" : "no",
             window_ ? "loaded" : "failed", session_->setupError());
}

} // namespace vigil::kiosk
