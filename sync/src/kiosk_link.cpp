#include "vigil/sync/kiosk_link.h"

#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/store/database.h"
#include "vigil/store/store_error.h"
#include "vigil/sync/reconnect_backoff.h"
#include "vigil/sync/result_acks.h"

#include <QDateTime>
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace vigil::sync {
namespace {

using Clock = std::chrono::steady_clock;

crypto::SigningKeyPair copyOf(const crypto::SigningKeyPair& keys) {
    auto copy = crypto::signingKeyPairFromSeed(keys.secretKey.span().first(32));
    if (!copy) {
        throw std::invalid_argument("the kiosk's signing key is not a whole Ed25519 key");
    }
    return std::move(copy).value();
}

} // namespace

struct KioskLink::Impl {
    Impl(std::filesystem::path storePath, const crypto::SecureBuffer& key,
         const crypto::SigningKeyPair& kiosk, const crypto::SigningPublicKey& console,
         KioskLinkOptions linkOptions)
        : options(std::move(linkOptions))
        , store(std::move(storePath))
        , storeKey(crypto::SecureBuffer::copyOf(key.span()))
        , keys(copyOf(kiosk))
        , consoleKey(console)
        , backoff(options.firstRetry, options.retryCap)
        , intake(console, options.seat) {
        status = KioskStatus{"Locked", {}, 0, 0, 0, {}};
        if (!options.followAnnouncements) {
            host = options.host;
            port = options.port;
        }
    }

    KioskLinkOptions options;
    std::filesystem::path store;
    crypto::SecureBuffer storeKey;
    crypto::SigningKeyPair keys;
    crypto::SigningPublicKey consoleKey{};

    mutable std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool connecting = false;
    std::shared_ptr<Connection> connection;
    Standing standing = Standing::Connecting;
    std::string refusal;
    std::string consoleName;
    std::map<std::string, std::int64_t> acked; // by the console
    std::map<std::string, std::int64_t> sent;  // sent on this connection, maybe not yet acked
    // Sittings whose result record the console acknowledged (in its outbox) and this store
    // records (ResultAcks), those whose record went on this connection and waits for its ack,
    // and acks received that the worker has yet to write to the store.
    std::set<std::string> resultsAcked;
    std::set<std::string> resultsSent;
    std::deque<ResultAck> resultAcksToRecord;
    KioskStatus status;
    bool statusDirty = true;
    bool journalDirty = true;
    Clock::time_point nextAttempt = Clock::now();
    Clock::time_point lastStatusSent;
    // How often the status is repeated: the console's heartbeat setting once it has said it
    // (HelloReply.heartbeatMs), the options' until then.
    std::chrono::milliseconds heartbeat = options.heartbeat;
    ReconnectBackoff backoff;
    std::unique_ptr<LinkClient> client;
    std::thread worker;
    CommandIntake intake;
    // Commands received, taken up one by one on the worker thread (which holds the store).
    std::deque<std::pair<std::shared_ptr<Connection>, ConsoleCommand>> commands;
    std::function<void(const View&)> changed;
    std::optional<View> reported; // the last view `changed` was told
    // Where it connects now (as configured, or as last announced) and where the attempt under
    // way goes.
    std::string host;
    std::uint16_t port = 0;
    std::string attemptHost;
    std::uint16_t attemptPort = 0;
    std::unique_ptr<ConsoleFinder> finder;
    std::string listenProblem;

    View currentView() const {
        return View{standing, refusal, consoleName, host, port, listenProblem};
    }

    // The finder's thread: the console was heard somewhere new. The connection to the old place
    // is closed; the next attempt goes to the new one after the usual back-off.
    void moveTo(const FoundConsole& found) {
        std::lock_guard lock(mutex);
        if (found.host == host && found.port == port) {
            return;
        }
        host = found.host;
        port = found.port;
        if (consoleName.empty()) {
            consoleName = found.consoleName;
        }
        backoff.reset();
        if (connection) {
            connection->close(); // onClose schedules the next attempt
        } else {
            nextAttempt = Clock::now();
        }
        reportIfChanged();
        wake.notify_all();
    }

    // Under the lock, after anything a View shows may have changed: the handler hears each
    // change once and in order.
    void reportIfChanged() {
        const auto now = currentView();
        if (changed && now != reported) {
            reported = now;
            changed(now);
        }
    }

    // ---- the network thread

    void onOpen(const std::shared_ptr<Connection>& opened) {
        std::lock_guard lock(mutex);
        if (attemptHost != host || attemptPort != port) {
            connecting = false; // the console moved while this attempt was under way
            nextAttempt = Clock::now();
            opened->close();
            wake.notify_all();
            return;
        }
        connection = opened;
        connecting = false;
        backoff.reset();
        opened->send(encodeMessage(
            Hello{kProtocolVersion, options.centreId, options.seat, options.software}));
    }

    void onFrame(const Frame& frame) {
        auto decoded = decodeMessage(frame);
        std::lock_guard lock(mutex);
        if (!decoded) {
            if (connection) {
                connection->close();
            }
            return;
        }
        if (const auto* reply = std::get_if<HelloReply>(&decoded.value())) {
            consoleName = reply->consoleName;
            if (standing == Standing::StoreBehind) {
                reportIfChanged();
                return; // stays stopped whatever the console says: a person must decide
            }
            switch (reply->standing) {
            case HelloReply::Standing::Enrolled:
                standing = Standing::Enrolled;
                refusal.clear();
                acked.clear();
                for (const auto& ack : reply->acknowledged) {
                    acked[ack.sittingId] = ack.through;
                }
                sent = acked;
                if (reply->heartbeatMs > 0) {
                    heartbeat = std::chrono::milliseconds(reply->heartbeatMs);
                }
                statusDirty = true;
                journalDirty = true;
                break;
            case HelloReply::Standing::AwaitingEnrolment:
                standing = Standing::AwaitingEnrolment;
                break;
            case HelloReply::Standing::Refused:
                standing = Standing::Refused;
                refusal = reply->reason;
                break;
            }
        } else if (const auto* ack = std::get_if<JournalAck>(&decoded.value())) {
            auto& through = acked[ack->sittingId];
            through = std::max(through, ack->through);
        } else if (const auto* resultAck = std::get_if<ResultAck>(&decoded.value())) {
            resultAcksToRecord.push_back(*resultAck); // the worker writes it to the store
        } else if (const auto* command = std::get_if<ConsoleCommand>(&decoded.value())) {
            commands.emplace_back(connection, *command);
        } else if (const auto* refused = std::get_if<JournalRefused>(&decoded.value())) {
            // The console logged it as an incident; this side keeps its journal as it is and
            // does not send that batch again on this connection.
            refusal = refused->reason;
        }
        reportIfChanged();
        wake.notify_all();
    }

    void onClose(const std::shared_ptr<Connection>& closed) {
        std::lock_guard lock(mutex);
        if (closed && closed != connection) {
            return;
        }
        connection.reset();
        connecting = false;
        if (standing == Standing::Enrolled || standing == Standing::AwaitingEnrolment) {
            standing = Standing::Connecting;
        }
        sent = acked; // what was not acknowledged goes again next time
        resultsSent.clear();
        nextAttempt = Clock::now() + backoff.nextDelay();
        reportIfChanged();
        wake.notify_all();
    }

    // ---- the worker thread

    void run() {
        std::optional<store::Database> db;
        std::unique_lock lock(mutex);
        while (!stopping) {
            const auto now = Clock::now();
            if (!connection && !connecting && now >= nextAttempt && port != 0) {
                connecting = true;
                attemptHost = host;
                attemptPort = port;
                lock.unlock();
                client->connect(attemptHost, attemptPort);
                lock.lock();
                continue;
            }
            if (!commands.empty()) {
                auto [from, command] = std::move(commands.front());
                commands.pop_front();
                lock.unlock();
                takeCommand(db, from, command);
                lock.lock();
                continue;
            }
            if (!resultAcksToRecord.empty()) {
                auto ack = std::move(resultAcksToRecord.front());
                resultAcksToRecord.pop_front();
                lock.unlock();
                recordResultAck(db, ack);
                lock.lock();
                continue;
            }
            if (connection && standing == Standing::Enrolled) {
                if (statusDirty || now - lastStatusSent >= heartbeat) {
                    connection->send(encodeMessage(status));
                    statusDirty = false;
                    lastStatusSent = now;
                }
                if (journalDirty) {
                    journalDirty = false;
                    lock.unlock();
                    sendJournals(db);
                    lock.lock();
                    continue;
                }
            }
            auto until = std::min(nextAttempt, lastStatusSent + heartbeat);
            until = std::max(until, now + std::chrono::milliseconds(5));
            wake.wait_until(lock, std::min(until, now + std::chrono::milliseconds(200)));
        }
    }

    // Sends every sitting's events the console does not have yet. Runs without the lock: it
    // reads the store; what it sends goes through the connection it captured. It reads only
    // what is new (each sitting's event count, then the events after what was sent), so an
    // answer costs the same late in a long sitting as early in it.
    void sendJournals(std::optional<store::Database>& db) {
        try {
            std::map<std::string, std::int64_t> local; // each sitting's last sequence here
            for (const auto& summary : exam::SittingJournal::list(storeOf(db))) {
                local[summary.sittingId] = summary.eventCount - 1;
            }
            if (rolledBack(local)) {
                return;
            }
            for (const auto& [sittingId, last] : local) {
                try {
                    sendFrom(*db, sittingId, last);
                    sendResult(*db, sittingId);
                } catch (const exam::SittingError&) {
                    // A damaged journal: the kiosk's screens deal with it; nothing is sent.
                }
            }
        } catch (const store::StoreError&) {
            // The store is being created or cannot be read now: try again at the next change.
            std::lock_guard lock(mutex);
            journalDirty = true;
        }
    }

    // The sitting's sealed result record, once it has one (written with the event that ended
    // the sitting), after its journal on the same connection: once per connection until the
    // console acknowledges it. The store's row is the queue, as the journal is.
    void sendResult(store::Database& db, const std::string& sittingId) {
        std::shared_ptr<Connection> target;
        {
            std::lock_guard lock(mutex);
            if (!connection || standing != Standing::Enrolled || resultsAcked.contains(sittingId) ||
                resultsSent.contains(sittingId)) {
                return;
            }
            target = connection;
        }
        auto sealed = exam::SittingJournal(db, sittingId).sealedResult();
        if (!sealed || sealed->empty()) {
            return;
        }
        if (ResultAcks(db).find(sittingId)) {
            // Acknowledged before this process started (a restart, a kill -9): not sent again.
            std::lock_guard lock(mutex);
            resultsAcked.insert(sittingId);
            return;
        }
        target->send(encodeMessage(SittingResult{sittingId, std::move(*sealed)}));
        std::lock_guard lock(mutex);
        if (connection == target) {
            resultsSent.insert(sittingId);
        }
    }

    // The console holds the sitting's result record: written to the store before
    // resultAcknowledged() says so, so no restart sends it again. A store that cannot take the
    // row now still stops the resends of this run (the console keeps one item per record).
    void recordResultAck(std::optional<store::Database>& db, const ResultAck& ack) {
        try {
            ResultAcks(storeOf(db)).record({ack.sittingId, ack.itemId, nowMs()});
        } catch (const store::StoreError&) {
        }
        std::lock_guard lock(mutex);
        resultsAcked.insert(ack.sittingId);
    }

    store::Database& storeOf(std::optional<store::Database>& db) {
        if (!db) {
            db.emplace(store::Database::open(store, storeKey, {}, store::OpenMode::MustExist));
        }
        return *db;
    }

    std::int64_t nowMs() const {
        return options.nowMs ? options.nowMs() : QDateTime::currentMSecsSinceEpoch();
    }

    // One command through the intake; its answer goes back on the connection it came on.
    void takeCommand(std::optional<store::Database>& db, const std::shared_ptr<Connection>& from,
                     const ConsoleCommand& command) {
        CommandResult result{command.commandId, false, {}, false};
        try {
            result = intake.take(command, storeOf(db), nowMs());
        } catch (const store::StoreError& error) {
            result.reason = std::string("this PC's store cannot record the command now (") +
                            error.what() + "): nothing was applied";
        }
        if (from) {
            from->send(encodeMessage(result));
        }
    }

    // The console's replica is the witness: it holds more of a sitting than this store does.
    bool rolledBack(const std::map<std::string, std::int64_t>& local) {
        std::lock_guard lock(mutex);
        for (const auto& [sittingId, through] : acked) {
            const auto here = local.find(sittingId);
            const std::int64_t held = here == local.end() ? -1 : here->second;
            if (through > held) {
                standing = Standing::StoreBehind;
                refusal = "the console holds sitting " + sittingId + " up to event " +
                          std::to_string(through) + " but this PC's store " +
                          (here == local.end() ? std::string("does not hold it")
                                               : "ends at event " + std::to_string(held)) +
                          ": its store was restored from an older copy or deleted. Move the "
                          "candidate to a spare PC; the invigilator decides on the console.";
                status = KioskStatus{"StoreBehind", sittingId, 0, 0, 0, refusal};
                reportIfChanged();
                if (connection) {
                    connection->send(encodeMessage(status));
                }
                return true;
            }
        }
        return false;
    }

    // Sends the sitting's events after the last one sent on this connection, up to `last`,
    // reading one batch at a time from the store.
    void sendFrom(store::Database& db, const std::string& sittingId, std::int64_t last) {
        std::shared_ptr<Connection> target;
        std::int64_t from = 0;
        {
            std::lock_guard lock(mutex);
            if (!connection || standing != Standing::Enrolled) {
                return;
            }
            target = connection;
            const auto found = sent.find(sittingId);
            from = (found == sent.end() ? -1 : found->second) + 1;
        }
        exam::SittingJournal journal(db, sittingId);
        while (from <= last) {
            const auto events = journal.loadFrom(from, options.eventsPerBatch);
            if (events.empty() || events.front().sequence != from) {
                return; // changed under us (cannot happen to an append-only journal): next time
            }
            const auto to = events.back().sequence;
            JournalEvents batch;
            batch.sittingId = sittingId;
            batch.firstSequence = from;
            batch.events.reserve(events.size());
            for (const auto& event : events) {
                batch.events.push_back(exam::canonicalEventJson(event));
            }
            // The kiosk vouches for its journal up to `to`, not only up to its latest head.
            const exam::JournalHead head{to, exam::chainHashOf(events.back())};
            const auto signedHead = exam::signJournalHead(sittingId, head, keys);
            batch.headHex = crypto::toHex(head.hash);
            batch.signatureHex = crypto::toHex(signedHead.signature);
            target->send(encodeMessage(batch));
            {
                std::lock_guard lock(mutex);
                if (connection != target) {
                    return; // the connection went: resend from the ack next time
                }
                sent[sittingId] = to;
            }
            from = to + 1;
        }
    }
};

KioskLink::KioskLink(std::filesystem::path store, const crypto::SecureBuffer& storeKey,
                     const crypto::SigningKeyPair& kioskKeys,
                     const crypto::SigningPublicKey& consoleKey, KioskLinkOptions options)
    : impl_(std::make_unique<Impl>(std::move(store), storeKey, kioskKeys, consoleKey,
                                   std::move(options))) {
    Impl* impl = impl_.get();
    impl_->client = std::make_unique<LinkClient>(
        impl_->keys, consoleKey, impl_->options.limits,
        LinkHandlers{
            .onOpen = [impl](const std::shared_ptr<Connection>& c) { impl->onOpen(c); },
            .onFrame = [impl](const std::shared_ptr<Connection>&,
                              Frame frame) { impl->onFrame(frame); },
            .onClose = [impl](const std::shared_ptr<Connection>& c,
                              const LinkFailure&) { impl->onClose(c); },
        });
}

KioskLink::~KioskLink() {
    stop();
}

void KioskLink::start() {
    if (impl_->options.followAnnouncements && !impl_->finder) {
        FinderOptions finding;
        finding.listenAddress = impl_->options.announcementAddress;
        finding.port = impl_->options.announcementPort;
        finding.centreId = impl_->options.centreId;
        finding.consoleKey = impl_->consoleKey; // announcements of any other key are ignored
        impl_->finder = std::make_unique<ConsoleFinder>(std::move(finding));
        impl_->finder->onFound(
            [impl = impl_.get()](const FoundConsole& found) { impl->moveTo(found); });
        auto listening = impl_->finder->start();
        if (!listening) {
            std::lock_guard lock(impl_->mutex);
            impl_->listenProblem = describe(listening.error());
        }
    }
    std::lock_guard lock(impl_->mutex);
    impl_->reportIfChanged();
    if (!impl_->worker.joinable() && !impl_->stopping) {
        impl_->worker = std::thread([impl = impl_.get()] { impl->run(); });
    }
}

void KioskLink::stop() {
    if (impl_->finder) {
        impl_->finder->stop();
    }
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
        impl_->wake.notify_all();
    }
    if (impl_->worker.joinable()) {
        impl_->worker.join();
    }
    impl_->client->stop();
}

void KioskLink::setCommandHandler(CommandHandler handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->intake.setHandler(std::move(handler));
}

void KioskLink::setStatus(const KioskStatus& status) {
    std::lock_guard lock(impl_->mutex);
    if (impl_->standing == Standing::StoreBehind) {
        return;
    }
    impl_->status = status;
    impl_->statusDirty = true;
    impl_->wake.notify_all();
}

void KioskLink::journalChanged() {
    std::lock_guard lock(impl_->mutex);
    impl_->journalDirty = true;
    impl_->wake.notify_all();
}

void KioskLink::onChanged(std::function<void(const View&)> handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->changed = std::move(handler);
    impl_->reported.reset();
}

KioskLink::View KioskLink::view() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->currentView();
}

KioskLink::Standing KioskLink::standing() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->standing;
}

std::string KioskLink::refusal() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->refusal;
}

std::string KioskLink::consoleName() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->consoleName;
}

std::uint64_t KioskLink::ignoredAnnouncements() const {
    return impl_->finder ? impl_->finder->ignored() : 0;
}

std::string KioskLink::lastIgnoredAnnouncement() const {
    return impl_->finder ? impl_->finder->lastIgnoredReason() : std::string();
}

bool KioskLink::resultAcknowledged(const std::string& sittingId) const {
    std::lock_guard lock(impl_->mutex);
    return impl_->resultsAcked.contains(sittingId);
}

std::int64_t KioskLink::acknowledged(const std::string& sittingId) const {
    std::lock_guard lock(impl_->mutex);
    const auto found = impl_->acked.find(sittingId);
    return found == impl_->acked.end() ? -1 : found->second;
}

} // namespace vigil::sync
