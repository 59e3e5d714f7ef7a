#pragma once

#include "vigil/console/console_service.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace vigil::console {

// What the outbox screen sees: what waits for the awarding body (count per kind, each item),
// the oldest item's age, the last receipt, the warning past a day, the receiver's settings, and
// "Send now" with its progress and each item's outcome, the USB bundle, and "Get packages from
// the awarding body" with its progress and each package's outcome. Holds no rule: every call
// goes to ConsoleService with the signed-in person. Sending, writing a bundle (written, then
// read back and verified) and getting packages block, so each runs on a thread of its own, one
// at a time; while one runs the screen reads nothing from the service and the outcome comes
// back queued to the GUI thread.
class OutboxController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the console controller makes the outbox")
    Q_PROPERTY(int waitingCount READ waitingCount NOTIFY changed)
    Q_PROPERTY(QVariantList kinds READ kinds NOTIFY changed)
    Q_PROPERTY(QVariantList items READ items NOTIFY changed)
    Q_PROPERTY(QString oldestAge READ oldestAge NOTIFY changed)
    Q_PROPERTY(int overADay READ overADay NOTIFY changed)
    Q_PROPERTY(QString lastReceipt READ lastReceipt NOTIFY changed)
    Q_PROPERTY(QVariantMap receiver READ receiver NOTIFY changed)
    Q_PROPERTY(bool sending READ sending NOTIFY changed)
    Q_PROPERTY(int progressDone READ progressDone NOTIFY progressChanged)
    Q_PROPERTY(int progressTotal READ progressTotal NOTIFY progressChanged)
    Q_PROPERTY(QStringList outcomes READ outcomes NOTIFY changed)
    Q_PROPERTY(QString sendMessage READ sendMessage NOTIFY changed)
    Q_PROPERTY(QString bundleMessage READ bundleMessage NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(bool writingBundle READ writingBundle NOTIFY changed)
    Q_PROPERTY(bool fetchingPackages READ fetchingPackages NOTIFY changed)
    Q_PROPERTY(QStringList packageOutcomes READ packageOutcomes NOTIFY changed)
    Q_PROPERTY(QString packagesMessage READ packagesMessage NOTIFY changed)

public:
    explicit OutboxController(QObject* parent = nullptr);
    ~OutboxController() override;

    // The person signed in (both outlive the attachment; detach before either goes).
    void attach(ConsoleService& service, const SignedIn& by);
    // Re-reads whenever the console's store file or its write-ahead log changes, whoever wrote
    // it: `vigil-console import-receipts` or `write-bundle` run from the command line while the
    // app is open change what waits, and the open screen follows.
    void watchStore(const std::filesystem::path& storeFile);
    void detach();

    [[nodiscard]] int waitingCount() const { return static_cast<int>(status_.waiting.size()); }
    // Each kind waiting: kind ("result-record", ...), count.
    [[nodiscard]] QVariantList kinds() const;
    // Oldest first: kind, label, queuedAt, attempts, lastError.
    [[nodiscard]] QVariantList items() const;
    // "3 h 20 min", or "" when nothing waits.
    [[nodiscard]] QString oldestAge() const;
    [[nodiscard]] int overADay() const { return static_cast<int>(status_.overADay); }
    // "invigilation record S-1 (invigilation-record), received 2026-11-23 14:02 UTC", or "".
    [[nodiscard]] QString lastReceipt() const;
    // host, port, key (hex); empty before the coordinator sets one.
    [[nodiscard]] QVariantMap receiver() const { return receiver_; }
    [[nodiscard]] bool sending() const { return running_ == Run::Sending; }
    // Something runs off the GUI thread (a send, a bundle being written, packages being got).
    [[nodiscard]] bool busy() const { return sendThread_ != nullptr; }
    [[nodiscard]] bool writingBundle() const { return running_ == Run::WritingBundle; }
    [[nodiscard]] bool fetchingPackages() const { return running_ == Run::FetchingPackages; }
    // The last "Get packages" run: a line per package ("<id>: imported …", "… refused: why").
    [[nodiscard]] QStringList packageOutcomes() const { return packageOutcomes_; }
    // Its summary ("2 imported, 1 already held, …"), or why it could not run.
    [[nodiscard]] QString packagesMessage() const { return packagesMessage_; }
    [[nodiscard]] int progressDone() const { return progressDone_; }
    [[nodiscard]] int progressTotal() const { return progressTotal_; }
    // The last run's outcome per item: "label: delivered" or "label: not sent (why)".
    [[nodiscard]] QStringList outcomes() const { return outcomes_; }
    // The last run's summary, or why it could not start.
    [[nodiscard]] QString sendMessage() const { return sendMessage_; }
    // What the last bundle written or receipts file imported came to, or why not.
    [[nodiscard]] QString bundleMessage() const { return bundleMessage_; }

    Q_INVOKABLE void refresh();
    // The coordinator's: "" once saved, else why not. key: the receiver's public key in hex.
    Q_INVOKABLE QString saveReceiver(const QString& host, int port, const QString& key);
    // Starts a run off the GUI thread: "" once started, else why not.
    Q_INVOKABLE QString sendNow();
    // The coordinator's USB drive: the outbox written as one bundle in a folder of its own
    // inside `drive` and verified, off the GUI thread (writingBundle while it runs); the receipts
    // file vigil-syncd wrote, imported. Each returns "" when started or done (bundleMessage says
    // what was done) or why not.
    Q_INVOKABLE QString writeBundle(const QString& drive);
    Q_INVOKABLE QString importReceipts(const QString& file);
    // The coordinator's "Get packages from the awarding body", off the GUI thread: "" once
    // started, else why not; progress as a send's, the outcome in packageOutcomes.
    Q_INVOKABLE QString fetchPackages();

signals:
    void changed();
    void progressChanged();

private:
    enum class Run { None, Sending, WritingBundle, FetchingPackages };

    // Why a run cannot start now, or "" (someone signed in, nothing else running).
    [[nodiscard]] QString cannotStart() const;
    // Runs work() on a thread of its own, then done(its result) on the GUI thread.
    template <class Result>
    void runOffGui(Run run, std::function<Result()> work, std::function<void(const Result&)> done);
    // The progress callback a run reports through (queued to the GUI thread).
    [[nodiscard]] std::function<void(std::size_t, std::size_t)> progressReporter();
    void progress(int done, int total);
    void finished(const ConsoleResult<sync::SendReport>& result);
    void bundleWritten(const ConsoleResult<receiver::BundleWritten>& result);
    void packagesFetched(const ConsoleResult<FetchReport>& result);

    ConsoleService* service_ = nullptr;
    std::optional<SignedIn> by_;
    OutboxStatus status_;
    std::int64_t nowMs_ = 0;
    QVariantMap receiver_;
    std::unique_ptr<QThread> sendThread_;
    int progressDone_ = 0;
    int progressTotal_ = 0;
    QStringList outcomes_;
    QString sendMessage_;
    QString bundleMessage_;
    Run running_ = Run::None;
    QFileSystemWatcher storeWatcher_;
    QStringList storeFiles_;
    bool refreshQueued_ = false;
    QStringList packageOutcomes_;
    QString packagesMessage_;
};

} // namespace vigil::console
