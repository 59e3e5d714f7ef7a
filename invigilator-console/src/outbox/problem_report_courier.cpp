#include "vigil/console/problem_report_courier.h"

#include "vigil/console/centre_outbox.h"
#include "vigil/sync/upload_client.h"

#include <utility>

namespace vigil::console {

ProblemReportCourier::ProblemReportCourier(store::Database& db, std::string centreId,
                                           const crypto::SigningKeyPair& centreKeys,
                                           std::mutex& sendLock, const exam::Clock& clock,
                                           CourierOptions options)
    : db_(db)
    , centreId_(std::move(centreId))
    , centreKeys_(centreKeys)
    , sendLock_(sendLock)
    , clock_(clock)
    , options_(std::move(options)) {
    thread_ = std::thread([this] { watch(); });
}

ProblemReportCourier::~ProblemReportCourier() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    thread_.join();
}

void ProblemReportCourier::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

int ProblemReportCourier::runs() const {
    std::lock_guard lock(mutex_);
    return runs_;
}

int ProblemReportCourier::delivered() const {
    std::lock_guard lock(mutex_);
    return delivered_;
}

void ProblemReportCourier::watch() {
    for (;;) {
        bool woken = false;
        {
            std::unique_lock lock(mutex_);
            wakeUp_.wait_for(lock, options_.watchEvery, [this] { return woken_ || stopping_; });
            if (stopping_) {
                return;
            }
            woken = std::exchange(woken_, false);
        }
        try {
            auto latest = db_.prepare("SELECT COALESCE(MAX(rowid), 0) FROM console_incidents");
            const std::int64_t incidents = latest.step() ? latest.int64(0) : 0;
            if (!woken && incidents == seenIncidents_) {
                continue;
            }
            deliverNewReports();
            seenIncidents_ = incidents;
        } catch (const std::exception&) {
            // The store did not answer (busy past its timeout, a full disk): the thread's edge.
            // Nothing was cleared; the next look tries again, and "send now" still works.
        }
    }
}

void ProblemReportCourier::deliverNewReports() {
    const auto settings = loadReceiverSettings(db_);
    auto outbox = outboxOn(db_, centreId_);
    (void)queueIncidentReports(db_, centreKeys_, outbox, clock_.wallNowMs());
    const auto untried = [](const sync::OutboxItem& item) {
        return item.kind == receiver::ItemKind::ProblemReport && item.attempts == 0;
    };
    bool anyUntried = false;
    for (const auto& item : outbox.waiting()) {
        anyUntried = anyUntried || untried(item);
    }
    if (!settings || !anyUntried) {
        return; // without a receiver they wait for one, like every item
    }
    std::lock_guard sending(sendLock_);
    auto options = options_.sender;
    options.select = untried;
    if (!options.nowMs) {
        options.nowMs = [this] {
            return clock_.wallNowMs();
        };
    }
    sync::UploadClient client({settings->host, settings->port, settings->key}, centreId_,
                              centreKeys_, options_.client);
    sync::OutboxSender sender(outbox, client, std::move(options));
    const auto report = sender.sendNow();
    std::lock_guard lock(mutex_);
    ++runs_;
    delivered_ += static_cast<int>(report.delivered);
}

} // namespace vigil::console
