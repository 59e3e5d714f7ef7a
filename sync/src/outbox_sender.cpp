#include "vigil/sync/outbox_sender.h"

#include <thread>

namespace vigil::sync {

std::string_view describe(SendOutcome outcome) noexcept {
    switch (outcome) {
    case SendOutcome::Delivered:
        return "delivered (receipt stored)";
    case SendOutcome::Refused:
        return "refused by the receiver";
    case SendOutcome::ReceiptRejected:
        return "answered with a receipt that does not verify";
    case SendOutcome::NotSent:
        return "not sent: the receiver could not be reached";
    }
    return "unknown";
}

OutboxSender::OutboxSender(Outbox& outbox, UploadClient& client, SenderOptions options)
    : outbox_(outbox)
    , client_(client)
    , options_(std::move(options))
    , backoff_(options_.firstWait, options_.maxWait, options_.uniform) {
    if (!options_.sleep) {
        options_.sleep = [](std::chrono::milliseconds wait) {
            std::this_thread::sleep_for(wait);
        };
    }
    if (!options_.nowMs) {
        options_.nowMs = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    }
}

SendReport OutboxSender::sendNow(const std::function<void(std::size_t, std::size_t)>& progress) {
    SendReport report;
    const auto waiting = outbox_.waiting();
    for (const auto& item : waiting) {
        if (options_.select && !options_.select(item)) {
            continue;
        }
        report.items.push_back({item.id, item.kind, item.label, SendOutcome::NotSent, {}, {}});
    }
    bool unreachable = false;
    for (std::size_t i = 0; i < report.items.size() && !unreachable; ++i) {
        auto& outcome = report.items[i];
        const auto bytes = outbox_.bytesOf(outcome.id);
        if (!bytes) {
            continue; // cleared meanwhile (by a bundle's receipts)
        }
        for (int attempt = 1;; ++attempt) {
            auto answer = client_.upload(outcome.kind, *bytes);
            if (answer) {
                backoff_.reset();
                nextWait_ = std::chrono::milliseconds(0);
                auto accepted = outbox_.acceptReceipt(answer.value(), options_.nowMs());
                if (accepted) {
                    outcome.outcome = SendOutcome::Delivered;
                    outcome.receipt = std::move(answer).value();
                    ++report.delivered;
                } else {
                    outcome.outcome = SendOutcome::ReceiptRejected;
                    outcome.detail = std::string(describe(accepted.error()));
                    outbox_.recordFailure(outcome.id, outcome.detail, options_.nowMs());
                }
                break;
            }
            const auto& failure = answer.error();
            outcome.detail = describe(failure);
            outbox_.recordFailure(outcome.id, outcome.detail, options_.nowMs());
            if (!failure.retryable()) {
                outcome.outcome = SendOutcome::Refused;
                break;
            }
            const auto wait = backoff_.nextDelay();
            nextWait_ = wait;
            if (attempt >= options_.attemptsPerItem) {
                unreachable = true;
                break;
            }
            report.waits.push_back(wait);
            options_.sleep(wait);
        }
        if (progress) {
            progress(i + 1, report.items.size());
        }
    }
    report.stillWaiting = outbox_.waitingCount();
    return report;
}

} // namespace vigil::sync
