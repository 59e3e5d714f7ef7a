#include "outbox_controller.h"

#include "vigil/crypto/hash.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTimeZone>
#include <QTimer>
#include <map>
#include <memory>

namespace vigil::console {

namespace {

QString outboxText(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}
QString utcTime(std::int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-dd HH:mm")) +
           QStringLiteral(" UTC");
}
QString ageText(std::int64_t ms) {
    const std::int64_t minutes = ms / 60'000;
    const std::int64_t hours = minutes / 60;
    const std::int64_t days = hours / 24;
    if (days > 0) {
        return QStringLiteral("%1 d %2 h").arg(days).arg(hours % 24);
    }
    if (hours > 0) {
        return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60);
    }
    return QStringLiteral("%1 min").arg(minutes);
}

} // namespace

OutboxController::OutboxController(QObject* parent)
    : QObject(parent) {}

OutboxController::~OutboxController() {
    if (sendThread_) {
        sendThread_->wait(); // the run holds the service: it must end before anything goes
    }
}

void OutboxController::attach(ConsoleService& service, const SignedIn& by) {
    service_ = &service;
    by_.emplace(by);
    outcomes_.clear();
    sendMessage_.clear();
    bundleMessage_.clear();
    packageOutcomes_.clear();
    packagesMessage_.clear();
    refresh();
}

void OutboxController::watchStore(const std::filesystem::path& storeFile) {
    const auto file = QString::fromStdString(storeFile.string());
    storeFiles_ = {file, file + QStringLiteral("-wal")};
    storeWatcher_.addPaths(storeFiles_);
    connect(&storeWatcher_, &QFileSystemWatcher::fileChanged, this, [this] {
        // A file replaced or truncated to nothing may have left the watch: watch it again.
        for (const auto& watched : storeFiles_) {
            if (!storeWatcher_.files().contains(watched) && QFileInfo::exists(watched)) {
                storeWatcher_.addPath(watched);
            }
        }
        // A burst of commits (the link writing kiosks' journals) is read once.
        if (!refreshQueued_) {
            refreshQueued_ = true;
            QTimer::singleShot(200, this, [this] {
                refreshQueued_ = false;
                refresh();
            });
        }
    });
}

void OutboxController::detach() {
    if (sendThread_) {
        sendThread_->wait();
        sendThread_.reset();
        running_ = Run::None;
    }
    service_ = nullptr;
    by_.reset();
    status_ = {};
    receiver_.clear();
    emit changed();
}

void OutboxController::refresh() {
    if (!service_ || sendThread_) {
        return; // while a run holds the service the screen keeps what it last read
    }
    status_ = service_->outboxStatus();
    nowMs_ = service_->clockNowMs();
    receiver_.clear();
    if (auto settings = service_->receiver()) {
        receiver_.insert(QStringLiteral("host"), QString::fromStdString(settings->host));
        receiver_.insert(QStringLiteral("port"), settings->port);
        receiver_.insert(QStringLiteral("key"),
                         QString::fromStdString(crypto::toHex(settings->key)));
    }
    emit changed();
}

QVariantList OutboxController::kinds() const {
    std::map<receiver::ItemKind, int> counts;
    for (const auto& item : status_.waiting) {
        ++counts[item.kind];
    }
    QVariantList list;
    for (const auto& [kind, count] : counts) {
        list.append(QVariantMap{{QStringLiteral("kind"), outboxText(receiver::kindName(kind))},
                                {QStringLiteral("count"), count}});
    }
    return list;
}

QVariantList OutboxController::items() const {
    QVariantList list;
    for (const auto& item : status_.waiting) {
        list.append(
            QVariantMap{{QStringLiteral("kind"), outboxText(receiver::kindName(item.kind))},
                        {QStringLiteral("label"), QString::fromStdString(item.label)},
                        {QStringLiteral("queuedAt"), utcTime(item.queuedAtMs)},
                        {QStringLiteral("attempts"), item.attempts},
                        {QStringLiteral("lastError"), QString::fromStdString(item.lastError)}});
    }
    return list;
}

QString OutboxController::oldestAge() const {
    return status_.oldestAgeMs ? ageText(*status_.oldestAgeMs) : QString();
}

QString OutboxController::lastReceipt() const {
    if (!status_.lastReceipt) {
        return {};
    }
    const auto& stored = *status_.lastReceipt;
    return QString::fromStdString(stored.label) + QStringLiteral(" (") +
           outboxText(receiver::kindName(stored.kind)) + QStringLiteral("), received ") +
           utcTime(stored.receipt.receivedAtMs);
}

QString OutboxController::saveReceiver(const QString& host, int port, const QString& key) {
    if (!service_ || !by_) {
        return QStringLiteral("Nobody is signed in");
    }
    ReceiverSettings settings;
    settings.host = host.trimmed().toStdString();
    if (port <= 0 || port > 65535) {
        return QStringLiteral("The port must be between 1 and 65535");
    }
    settings.port = static_cast<std::uint16_t>(port);
    if (!crypto::fromHex(key.trimmed().toStdString(), settings.key)) {
        return QStringLiteral("The receiver's key must be %1 hex digits, as vigil-syncd init "
                              "prints it")
            .arg(settings.key.size() * 2);
    }
    if (auto saved = service_->setReceiver(*by_, settings); !saved) {
        return QString::fromStdString(describe(saved.error()));
    }
    refresh();
    return {};
}

QString OutboxController::cannotStart() const {
    if (!service_ || !by_) {
        return QStringLiteral("Nobody is signed in");
    }
    switch (running_) {
    case Run::Sending:
        return QStringLiteral("A run is already sending");
    case Run::WritingBundle:
        return QStringLiteral("A bundle is being written: wait until it is verified");
    case Run::FetchingPackages:
        return QStringLiteral("Packages are being got from the awarding body");
    case Run::None:
        break;
    }
    return {};
}

template <class Result>
void OutboxController::runOffGui(Run run, std::function<Result()> work,
                                 std::function<void(const Result&)> done) {
    running_ = run;
    progressDone_ = 0;
    progressTotal_ = 0;
    sendThread_.reset(QThread::create([this, work = std::move(work), done = std::move(done)] {
        auto outcome = std::make_shared<Result>(work());
        QMetaObject::invokeMethod(
            this,
            [this, outcome, done] {
                if (!sendThread_) {
                    return; // detached meanwhile: nobody to tell
                }
                sendThread_->wait();
                sendThread_.reset();
                running_ = Run::None;
                done(*outcome);
            },
            Qt::QueuedConnection);
    }));
    sendThread_->start();
    emit changed();
    emit progressChanged();
}

std::function<void(std::size_t, std::size_t)> OutboxController::progressReporter() {
    return [this](std::size_t done, std::size_t total) {
        QMetaObject::invokeMethod(
            this,
            [this, done, total] { progress(static_cast<int>(done), static_cast<int>(total)); },
            Qt::QueuedConnection);
    };
}

QString OutboxController::sendNow() {
    if (auto refused = cannotStart(); !refused.isEmpty()) {
        return refused;
    }
    outcomes_.clear();
    sendMessage_ = QStringLiteral("Sending…");
    ConsoleService* service = service_;
    const SignedIn by = *by_;
    auto report = progressReporter();
    runOffGui<ConsoleResult<sync::SendReport>>(
        Run::Sending, [service, by, report] { return service->sendOutboxNow(by, report); },
        [this](const ConsoleResult<sync::SendReport>& result) { finished(result); });
    return {};
}

QString OutboxController::writeBundle(const QString& drive) {
    if (auto refused = cannotStart(); !refused.isEmpty()) {
        return refused;
    }
    if (drive.trimmed().isEmpty()) {
        return QStringLiteral("Give the folder of the USB drive");
    }
    bundleMessage_ = QStringLiteral("Writing the bundle and reading it back…");
    ConsoleService* service = service_;
    const SignedIn by = *by_;
    const std::filesystem::path folder = drive.trimmed().toStdString();
    runOffGui<ConsoleResult<receiver::BundleWritten>>(
        Run::WritingBundle,
        [service, by, folder] { return service->writeOutboxBundle(by, folder); },
        [this](const ConsoleResult<receiver::BundleWritten>& result) { bundleWritten(result); });
    return {};
}

void OutboxController::bundleWritten(const ConsoleResult<receiver::BundleWritten>& result) {
    if (!result) {
        bundleMessage_ = QString::fromStdString(describe(result.error()));
    } else {
        bundleMessage_ =
            QString::fromStdString(result.value().summary()) +
            QStringLiteral(". The items stay here until its receipts file is imported.");
    }
    refresh();
    emit changed();
}

QString OutboxController::fetchPackages() {
    if (auto refused = cannotStart(); !refused.isEmpty()) {
        return refused;
    }
    packageOutcomes_.clear();
    packagesMessage_ = QStringLiteral("Getting packages…");
    ConsoleService* service = service_;
    const SignedIn by = *by_;
    auto report = progressReporter();
    runOffGui<ConsoleResult<FetchReport>>(
        Run::FetchingPackages, [service, by, report] { return service->fetchPackages(by, report); },
        [this](const ConsoleResult<FetchReport>& result) { packagesFetched(result); });
    return {};
}

void OutboxController::packagesFetched(const ConsoleResult<FetchReport>& result) {
    packageOutcomes_.clear();
    if (!result) {
        packagesMessage_ = QString::fromStdString(describe(result.error()));
    } else {
        for (const auto& line : result.value().lines()) {
            packageOutcomes_.append(QString::fromStdString(line));
        }
        packagesMessage_ = result.value().packages.empty()
                               ? QStringLiteral("The awarding body has no packages for this centre")
                               : QString::fromStdString(result.value().summary());
    }
    refresh();
    emit changed();
}

QString OutboxController::importReceipts(const QString& file) {
    if (!service_ || !by_) {
        return QStringLiteral("Nobody is signed in");
    }
    if (auto refused = cannotStart(); !refused.isEmpty()) {
        return refused;
    }
    if (file.trimmed().isEmpty()) {
        return QStringLiteral("Give the receipts file (the bundle's folder name + .receipts)");
    }
    auto imported = service_->importOutboxReceipts(*by_, file.trimmed().toStdString());
    if (!imported) {
        bundleMessage_ = QString::fromStdString(describe(imported.error()));
        emit changed();
        return bundleMessage_;
    }
    const auto& done = imported.value();
    bundleMessage_ = QStringLiteral("Receipts imported: %1 cleared, %2 cleared before")
                         .arg(done.cleared)
                         .arg(done.alreadyHeld);
    if (done.refused > 0) {
        bundleMessage_ += QStringLiteral(", %1 refused by the awarding body (kept, each with "
                                         "the reason)")
                              .arg(done.refused);
    }
    refresh();
    return {};
}

void OutboxController::progress(int done, int total) {
    progressDone_ = done;
    progressTotal_ = total;
    emit progressChanged();
}

void OutboxController::finished(const ConsoleResult<sync::SendReport>& result) {
    outcomes_.clear();
    if (!result) {
        sendMessage_ = QString::fromStdString(describe(result.error()));
    } else {
        const auto& report = result.value();
        for (const auto& item : report.items) {
            QString line = QString::fromStdString(item.label) + QStringLiteral(": ") +
                           outboxText(sync::describe(item.outcome));
            if (!item.detail.empty()) {
                line += QStringLiteral(" (") + QString::fromStdString(item.detail) +
                        QStringLiteral(")");
            }
            outcomes_.append(line);
        }
        sendMessage_ = report.items.empty() ? QStringLiteral("Nothing was waiting")
                                            : QStringLiteral("%1 delivered, %2 still waiting")
                                                  .arg(report.delivered)
                                                  .arg(report.stillWaiting);
    }
    refresh();
    emit changed();
}

} // namespace vigil::console
