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

namespace {

// The receiver refused the batch as a request (its size, its route, its form), which says
// nothing of the items in it; a refusal of the centre (its key, its clock) or of the receiver
// (a pinned key it does not prove) would refuse each item alike, and is not asked again.
bool refusesTheBatchNotTheItems(const UploadFailure& failure) {
    using receiver::ReceiverError;
    if (failure.error != UploadError::Refused || !failure.refusal) {
        return false;
    }
    switch (*failure.refusal) {
    case ReceiverError::BodyTooLarge:
    case ReceiverError::NotFound:
    case ReceiverError::MethodNotAllowed:
    case ReceiverError::MalformedRequest:
    case ReceiverError::UnknownItemKind:
    case ReceiverError::ItemIdMismatch:
        return true;
    default:
        return false;
    }
}

// The items of one request: consecutive waiting items, as many as one batch may carry.
struct Batch {
    std::vector<std::size_t> indexes; // into SendReport::items
    std::vector<std::vector<std::uint8_t>> bytes;
};

} // namespace

SendReport OutboxSender::sendNow(const std::function<void(std::size_t, std::size_t)>& progress) {
    SendReport report;
    const auto waiting = outbox_.waiting();
    for (const auto& item : waiting) {
        if (options_.select && !options_.select(item)) {
            continue;
        }
        report.items.push_back({item.id, item.kind, item.label, SendOutcome::NotSent, {}, {}});
    }
    std::size_t done = 0;
    std::size_t next = 0;
    bool unreachable = false;
    while (next < report.items.size() && !unreachable) {
        Batch batch;
        std::size_t batchBytes = 0;
        for (; next < report.items.size() && batch.indexes.size() < receiver::kMaxBatchItems;
             ++next) {
            auto bytes = outbox_.bytesOf(report.items[next].id);
            if (!bytes) {
                continue; // cleared meanwhile (by a bundle's receipts)
            }
            if (!batch.indexes.empty() && batchBytes + bytes->size() > options_.batchBytes) {
                break; // the next request's
            }
            batchBytes += bytes->size();
            batch.indexes.push_back(next);
            batch.bytes.push_back(std::move(*bytes));
        }
        if (batch.indexes.empty()) {
            break;
        }
        unreachable = !send(batch.indexes, batch.bytes, report);
        done += batch.indexes.size();
        if (progress) {
            progress(done, report.items.size());
        }
    }
    report.stillWaiting = outbox_.waitingCount();
    return report;
}

bool OutboxSender::send(const std::vector<std::size_t>& indexes,
                        const std::vector<std::vector<std::uint8_t>>& bytes, SendReport& report) {
    std::vector<receiver::BatchItem> items;
    for (std::size_t i = 0; i < indexes.size(); ++i) {
        items.push_back({report.items[indexes[i]].kind, bytes[i]});
    }
    for (int attempt = 1;; ++attempt) {
        auto answers = items.size() == 1 ? uploadOne(items.front()) : client_.uploadBatch(items);
        if (answers) {
            backoff_.reset();
            nextWait_ = std::chrono::milliseconds(0);
            for (std::size_t i = 0; i < indexes.size(); ++i) {
                settle(report.items[indexes[i]], answers.value()[i], report);
            }
            return true;
        }
        const auto& failure = answers.error();
        for (const auto index : indexes) {
            auto& outcome = report.items[index];
            outcome.detail = describe(failure);
            outbox_.recordFailure(outcome.id, outcome.detail, options_.nowMs());
        }
        if (items.size() > 1 && refusesTheBatchNotTheItems(failure)) {
            // A batch this receiver will not take (one that predates batches, or a body limit
            // below ours): each item goes on its own and gets its own answer.
            for (std::size_t i = 0; i < indexes.size(); ++i) {
                if (!send({indexes[i]}, {bytes[i]}, report)) {
                    return false;
                }
            }
            return true;
        }
        if (!failure.retryable()) {
            for (const auto index : indexes) {
                report.items[index].outcome = SendOutcome::Refused;
            }
            return true;
        }
        const auto wait = backoff_.nextDelay();
        nextWait_ = wait;
        if (attempt >= options_.attemptsPerItem) {
            return false;
        }
        report.waits.push_back(wait);
        options_.sleep(wait);
    }
}

UploadResult<std::vector<receiver::BatchItemAnswer>>
OutboxSender::uploadOne(const receiver::BatchItem& item) {
    auto answer = client_.upload(item.kind, item.bytes);
    if (!answer) {
        return answer.error();
    }
    std::vector<receiver::BatchItemAnswer> answers;
    answers.emplace_back(std::move(answer).value());
    return answers;
}

void OutboxSender::settle(ItemOutcome& outcome, const receiver::BatchItemAnswer& answer,
                          SendReport& report) {
    if (!answer) {
        // That one item refused (held for another centre): the others of its batch go on.
        outcome.outcome = SendOutcome::Refused;
        outcome.detail = "refused by the receiver: " + receiver::describe(answer.error());
        outbox_.recordFailure(outcome.id, outcome.detail, options_.nowMs());
        return;
    }
    const auto accepted = outbox_.acceptReceipt(answer.value(), options_.nowMs());
    if (accepted) {
        outcome.outcome = SendOutcome::Delivered;
        outcome.receipt = answer.value();
        ++report.delivered;
    } else {
        outcome.outcome = SendOutcome::ReceiptRejected;
        outcome.detail = std::string(describe(accepted.error()));
        outbox_.recordFailure(outcome.id, outcome.detail, options_.nowMs());
    }
}

} // namespace vigil::sync
