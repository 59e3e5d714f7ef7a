#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/clock.h"
#include "vigil/store/database.h"
#include "vigil/sync/outbox_sender.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

// Question-problem reports go to the awarding body at once (issue 13), not with the next
// "send now": a question with a cut-off diagram or a wrong key may be sat by other centres the
// same day. The courier watches the incident logs from a thread of its own and, as soon as a
// problem report (a suspected question problem or a kiosk's problem report) is recorded, or one
// is queued (wake()), queues it and sends the problem reports never tried yet to the configured
// receiver. A send that fails leaves the item waiting with its failure, like every other item:
// the next "send now" takes it.
namespace vigil::console {

struct CourierOptions {
    // How often the incident logs are looked at (one small query) between wakes.
    std::chrono::milliseconds watchEvery{500};
    sync::SenderOptions sender;
    sync::UploadClientOptions client;
};

class ProblemReportCourier {
public:
    // db is the courier's own connection to the console's store, used only on its thread;
    // sendLock is held while it sends (one send at a time per console). Everything given must
    // outlive the courier. Starts watching at once.
    ProblemReportCourier(store::Database& db, std::string centreId,
                         const crypto::SigningKeyPair& centreKeys, std::mutex& sendLock,
                         const exam::Clock& clock, CourierOptions options = {});
    ~ProblemReportCourier(); // stops and waits for a send under way
    ProblemReportCourier(const ProblemReportCourier&) = delete;
    ProblemReportCourier& operator=(const ProblemReportCourier&) = delete;

    // Look now (something was queued) rather than at the next watch.
    void wake();
    // Runs that sent something, and problem reports delivered by them (tests, the self-test).
    [[nodiscard]] int runs() const;
    [[nodiscard]] int delivered() const;

private:
    void watch();
    void deliverNewReports();

    store::Database& db_;
    std::string centreId_;
    const crypto::SigningKeyPair& centreKeys_;
    std::mutex& sendLock_;
    const exam::Clock& clock_;
    CourierOptions options_;
    std::int64_t seenIncidents_ = -1;
    mutable std::mutex mutex_;
    std::condition_variable wakeUp_;
    bool woken_ = true; // the first look is at once: reports recorded while the console was off
    bool stopping_ = false;
    int runs_ = 0;
    int delivered_ = 0;
    std::thread thread_;
};

} // namespace vigil::console
