#include "vigil/sync/console_hub.h"

#include "vigil/sync/fingerprint.h"

#include <QDateTime>
#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace vigil::sync {
namespace {

enum class Stage { AwaitingHello, Waiting, Enrolled, Refused };

struct Peer {
    std::shared_ptr<Connection> connection;
    Stage stage = Stage::AwaitingHello;
    std::string seat;
    bool storeBehindNoted = false; // the coordinator was told on this connection
};

using SteadyClock = std::chrono::steady_clock;

// A command sent, waiting for its kiosk's answer until its deadline.
struct AwaitedAnswer {
    std::string seat;
    SteadyClock::time_point deadline;
    ConsoleHub::CommandCallback callback;
};

std::string secondsText(std::chrono::milliseconds span) {
    const auto ms = span.count();
    return ms % 1000 == 0
               ? std::to_string(ms / 1000) + " s"
               : std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

// The heartbeat a kiosk is told must be one it accepts (HelloReply.heartbeatMs's range).
ConsoleHubOptions withHeartbeatInRange(ConsoleHubOptions options) {
    options.heartbeat = heartbeatInRange(options.heartbeat);
    return options;
}

} // namespace

struct ConsoleHub::Impl {
    Impl(store::Database& database, const crypto::SigningKeyPair& consoleKeys,
         ConsoleHubOptions hubOptions)
        : options(withHeartbeatInRange(std::move(hubOptions)))
        , keys{consoleKeys.publicKey, crypto::SecureBuffer::copyOf(consoleKeys.secretKey.span())}
        , db(database)
        , registry(database, options.centreId)
        , replica(database)
        , roomStatus(options.heartbeat, options.missedHeartbeats) {
        if (!options.nowMs) {
            options.nowMs = [] {
                return QDateTime::currentMSecsSinceEpoch();
            };
        }
        deadlines = std::thread([this] { watchDeadlines(); });
    }

    ~Impl() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        deadlineWake.notify_all();
        deadlines.join();
    }

    ConsoleHubOptions options;
    crypto::SigningKeyPair keys; // signs commands
    mutable std::mutex mutex;
    std::map<std::string, AwaitedAnswer> awaitingResults; // by command id
    std::set<std::string> pastDeadline; // ids told "no answer": a late answer is a notice
    std::condition_variable deadlineWake;
    bool stopping = false;
    std::thread deadlines;
    store::Database& db;
    EnrolmentRegistry registry;
    JournalReplica replica;
    RoomStatus roomStatus;
    std::map<Connection*, Peer> peers;
    std::vector<LinkNotice> noticeLog;
    std::unique_ptr<LinkServer> server;

    void notice(const Peer* peer, const std::string& address, std::string text) {
        noticeLog.push_back(
            {options.nowMs(), peer ? peer->seat : std::string(), address, std::move(text)});
    }

    void send(Peer& peer, const Message& message) { peer.connection->send(encodeMessage(message)); }

    void onOpen(const std::shared_ptr<Connection>& connection) {
        std::lock_guard lock(mutex);
        peers[connection.get()] = Peer{connection, Stage::AwaitingHello, {}};
    }

    void onFrame(const std::shared_ptr<Connection>& connection, const Frame& frame) {
        std::lock_guard lock(mutex);
        const auto found = peers.find(connection.get());
        if (found == peers.end()) {
            return;
        }
        Peer& peer = found->second;
        auto decoded = decodeMessage(frame);
        if (!decoded) {
            notice(&peer, connection->peerAddress(), describe(decoded.error()));
            connection->close();
            return;
        }
        auto& message = decoded.value();
        if (const auto* hello = std::get_if<Hello>(&message)) {
            onHello(peer, *hello);
        } else if (const auto* status = std::get_if<KioskStatus>(&message)) {
            if (peer.stage == Stage::Enrolled) {
                noteStoreBehind(peer, *status);
                roomStatus.heard(peer.seat, *status, options.nowMs());
                if (options.onStatus) {
                    options.onStatus(peer.seat, *status);
                }
            }
        } else if (const auto* batch = std::get_if<JournalEvents>(&message)) {
            onJournalEvents(peer, *batch);
        } else if (const auto* result = std::get_if<CommandResult>(&message)) {
            onCommandResult(peer, *result);
        } else if (const auto* sittingResult = std::get_if<SittingResult>(&message)) {
            onSittingResult(peer, *sittingResult);
        } else {
            notice(&peer, connection->peerAddress(),
                   "unexpected message from the kiosk: type " + std::to_string(frame.type));
            connection->close();
        }
    }

    // The console is the witness: a kiosk that found its store behind the replica (restored
    // from an older copy, deleted) has stopped; the coordinator is told once per connection,
    // and the replica keeps what it holds.
    void noteStoreBehind(Peer& peer, const KioskStatus& status) {
        if (status.screen != "StoreBehind" || peer.storeBehindNoted) {
            return;
        }
        peer.storeBehindNoted = true;
        notice(&peer, peer.connection->peerAddress(),
               peer.seat + "'s store is behind the console's replica (" + status.problem +
                   "): the console keeps its replica; an invigilator decides (move the "
                   "candidate to a spare PC)");
    }

    void onHello(Peer& peer, const Hello& hello) {
        if (peer.stage != Stage::AwaitingHello) {
            notice(&peer, peer.connection->peerAddress(), "a second Hello on one connection");
            peer.connection->close();
            return;
        }
        peer.seat = hello.seat;
        auto reply = registry.admit(hello, peer.connection->peerKey(),
                                    peer.connection->peerAddress(), options.nowMs());
        reply.consoleName = options.consoleName;
        if (reply.standing == HelloReply::Standing::Enrolled) {
            reply = welcome(peer.connection->peerKey());
        }
        switch (reply.standing) {
        case HelloReply::Standing::Enrolled:
            peer.stage = Stage::Enrolled;
            closeOtherConnectionsOf(peer);
            break;
        case HelloReply::Standing::AwaitingEnrolment:
            peer.stage = Stage::Waiting;
            notice(&peer, peer.connection->peerAddress(),
                   hello.seat + " is waiting to be enrolled (" +
                       shortFingerprint(peer.connection->peerKey()) + ")");
            break;
        case HelloReply::Standing::Refused:
            peer.stage = Stage::Refused;
            notice(&peer, peer.connection->peerAddress(), reply.reason);
            break;
        }
        send(peer, reply);
        if (peer.stage == Stage::Refused) {
            peer.connection->close();
        }
    }

    void onJournalEvents(Peer& peer, const JournalEvents& batch) {
        if (peer.stage != Stage::Enrolled) {
            notice(&peer, peer.connection->peerAddress(),
                   "journal events from a PC that is not enrolled were ignored");
            peer.connection->close();
            return;
        }
        auto received = replica.receive(peer.seat, peer.connection->peerKey(), batch);
        if (received) {
            send(peer, JournalAck{batch.sittingId, received.value()});
            if (options.onJournalEvents) {
                options.onJournalEvents(peer.seat, batch);
            }
            return;
        }
        // An incident for the coordinator: the kiosk's journal does not continue what the
        // console holds (a rolled-back store, a forged event, another PC's sitting).
        notice(&peer, peer.connection->peerAddress(), received.error().reason);
        if (options.onJournalRefused) {
            options.onJournalRefused(peer.seat, batch.sittingId, received.error().reason);
        }
        send(peer,
             JournalRefused{batch.sittingId, received.error().sequence, received.error().reason});
    }

    // A sitting's result record: kept (the console's outbox) only for a sitting this kiosk's
    // journal reached the replica with, then acknowledged. The same record again (a resend
    // after a lost ack, a kiosk restarted) is the same outbox item, acknowledged again.
    void onSittingResult(Peer& peer, const SittingResult& result) {
        if (peer.stage != Stage::Enrolled) {
            notice(&peer, peer.connection->peerAddress(),
                   "a result record from a PC that is not enrolled was ignored");
            peer.connection->close();
            return;
        }
        const auto sittings = replica.sittings();
        const bool ours = std::any_of(sittings.begin(), sittings.end(), [&](const auto& held) {
            return held.sittingId == result.sittingId && held.kiosk == peer.connection->peerKey();
        });
        if (!ours) {
            notice(&peer, peer.connection->peerAddress(),
                   peer.seat + " sent a result record for sitting " + result.sittingId +
                       ", whose journal the console does not hold from this PC: not kept");
            return;
        }
        if (!options.onResultRecord) {
            return;
        }
        const auto itemId = options.onResultRecord(peer.seat, result.sittingId, result.sealed);
        if (!itemId) {
            notice(&peer, peer.connection->peerAddress(),
                   "the result record of sitting " + result.sittingId + " from " + peer.seat +
                       " could not be kept now: the PC sends it again");
            return;
        }
        send(peer, ResultAck{result.sittingId, *itemId});
    }

    void onCommandResult(Peer& peer, const CommandResult& result) {
        if (!result.applied) {
            notice(&peer, peer.connection->peerAddress(),
                   peer.seat + " refused command " + result.commandId + ": " + result.reason);
        }
        const auto found = awaitingResults.find(result.commandId);
        if (found == awaitingResults.end()) {
            if (pastDeadline.erase(result.commandId) > 0) {
                notice(&peer, peer.connection->peerAddress(),
                       peer.seat + " answered command " + result.commandId +
                           " after its deadline: " +
                           (result.applied ? std::string("applied") : "refused: " + result.reason));
            }
            return;
        }
        auto callback = std::move(found->second.callback);
        awaitingResults.erase(found);
        if (callback) {
            callback(result);
        }
    }

    // The hub's own thread: a command whose kiosk has not answered by its deadline is answered
    // here, once, so no caller waits for ever on a kiosk that went away.
    void watchDeadlines() {
        std::unique_lock lock(mutex);
        while (!stopping) {
            auto next = SteadyClock::time_point::max();
            std::vector<std::pair<CommandResult, CommandCallback>> expired;
            const auto now = SteadyClock::now();
            for (auto it = awaitingResults.begin(); it != awaitingResults.end();) {
                if (it->second.deadline > now) {
                    next = std::min(next, it->second.deadline);
                    ++it;
                    continue;
                }
                const auto text = "no answer from " + it->second.seat + " within " +
                                  secondsText(options.commandDeadline) + " to command " +
                                  it->first +
                                  ": not applied as far as the console knows (the PC went away or "
                                  "is slow); send it again with the same id to learn its outcome";
                noticeLog.push_back({options.nowMs(), it->second.seat, {}, text});
                expired.emplace_back(CommandResult{it->first, false, text, false},
                                     std::move(it->second.callback));
                pastDeadline.insert(it->first);
                it = awaitingResults.erase(it);
            }
            if (!expired.empty()) {
                lock.unlock(); // a callback may call the hub again (send the command again)
                for (auto& [result, callback] : expired) {
                    if (callback) {
                        callback(result);
                    }
                }
                lock.lock();
                continue;
            }
            if (next == SteadyClock::time_point::max()) {
                deadlineWake.wait(lock);
            } else {
                deadlineWake.wait_until(lock, next);
            }
        }
    }

    Peer* connectedEnrolled(const std::string& seat) {
        for (auto& [raw, peer] : peers) {
            if (peer.stage == Stage::Enrolled && peer.seat == seat) {
                return &peer;
            }
        }
        return nullptr;
    }

    HelloReply welcome(const crypto::SigningPublicKey& key) {
        HelloReply reply{
            HelloReply::Standing::Enrolled, {}, options.consoleName, {}, options.heartbeat.count()};
        for (const auto& sitting : replica.sittings()) {
            if (sitting.kiosk == key) {
                reply.acknowledged.push_back({sitting.sittingId, sitting.head.sequence});
            }
        }
        // A sitting moved away from this PC: what it gave up to the hand-over is held (the
        // spare's events after it are not this PC's to know), so it sends nothing again.
        for (const auto& moved : replica.handoversFrom(key)) {
            const auto listed =
                std::find_if(reply.acknowledged.begin(), reply.acknowledged.end(),
                             [&](const auto& ack) { return ack.sittingId == moved.sittingId; });
            if (listed == reply.acknowledged.end()) {
                reply.acknowledged.push_back({moved.sittingId, moved.atSequence});
            }
        }
        return reply;
    }

    // One live connection per enrolled seat: a kiosk that reconnects replaces its old one.
    void closeOtherConnectionsOf(const Peer& current) {
        for (auto& [raw, peer] : peers) {
            if (&peer != &current && peer.stage == Stage::Enrolled && peer.seat == current.seat) {
                peer.stage = Stage::Refused;
                peer.connection->close();
            }
        }
    }

    void onClose(const std::shared_ptr<Connection>& connection, const LinkFailure& failure) {
        std::lock_guard lock(mutex);
        if (!connection) {
            notice(nullptr, {}, describe(failure)); // never opened: TLS refused, timed out, ...
            return;
        }
        const auto found = peers.find(connection.get());
        if (found == peers.end()) {
            return;
        }
        if (found->second.stage == Stage::Enrolled) {
            roomStatus.lost(found->second.seat, options.nowMs());
            if (options.onSeatLost) {
                options.onSeatLost(found->second.seat);
            }
        }
        if (failure.error != LinkError::Closed && failure.error != LinkError::ClosedByPeer) {
            notice(&found->second, connection->peerAddress(), describe(failure));
        }
        peers.erase(found);
    }
};

ConsoleHub::ConsoleHub(store::Database& db, const crypto::SigningKeyPair& consoleKeys,
                       ConsoleHubOptions options)
    : impl_(std::make_unique<Impl>(db, consoleKeys, std::move(options))) {
    Impl* impl = impl_.get();
    impl_->server = std::make_unique<LinkServer>(
        consoleKeys, impl_->options.limits,
        LinkHandlers{
            .onOpen = [impl](const std::shared_ptr<Connection>& c) { impl->onOpen(c); },
            .onFrame = [impl](const std::shared_ptr<Connection>& c,
                              Frame frame) { impl->onFrame(c, frame); },
            .onClose = [impl](const std::shared_ptr<Connection>& c,
                              const LinkFailure& failure) { impl->onClose(c, failure); },
        });
}

ConsoleHub::~ConsoleHub() {
    stop();
}

LinkResult<std::uint16_t> ConsoleHub::listen(const std::string& address, std::uint16_t port) {
    return impl_->server->listen(address, port);
}

void ConsoleHub::stop() {
    impl_->server->stop();
}

EnrolmentResult<EnrolledKiosk> ConsoleHub::enrol(const std::string& seat,
                                                 std::string_view typedFingerprint,
                                                 const std::string& coordinatorId) {
    std::lock_guard lock(impl_->mutex);
    auto result =
        impl_->registry.enrol(seat, typedFingerprint, coordinatorId, impl_->options.nowMs());
    if (!result) {
        return result;
    }
    for (auto& [raw, peer] : impl_->peers) {
        if (peer.stage == Stage::Waiting && peer.connection->peerKey() == result.value().key) {
            peer.stage = Stage::Enrolled;
            impl_->send(peer, impl_->welcome(peer.connection->peerKey()));
        }
    }
    return result;
}

EnrolmentResult<crypto::Done> ConsoleHub::unenrol(const std::string& seat,
                                                  const std::string& coordinatorId,
                                                  const std::string& reason) {
    std::lock_guard lock(impl_->mutex);
    auto result = impl_->registry.unenrol(seat, coordinatorId, reason, impl_->options.nowMs());
    if (result) {
        for (auto& [raw, peer] : impl_->peers) {
            if (peer.stage == Stage::Enrolled && peer.seat == seat) {
                peer.stage = Stage::Refused;
                peer.connection->close();
            }
        }
    }
    return result;
}

LinkResult<ConsoleCommand> ConsoleHub::sendCommand(const std::string& seat, CommandKind kind,
                                                   std::string body, CommandCallback onResult) {
    auto command = signCommand(seat, kind, impl_->options.nowMs(), std::move(body), impl_->keys);
    auto sent = sendSignedCommand(seat, command, std::move(onResult));
    if (!sent) {
        return sent.error();
    }
    return command;
}

LinkResult<crypto::Done> ConsoleHub::sendSignedCommand(const std::string& seat,
                                                       const ConsoleCommand& command,
                                                       CommandCallback onResult) {
    std::lock_guard lock(impl_->mutex);
    Peer* peer = impl_->connectedEnrolled(seat);
    if (!peer) {
        return LinkFailure{LinkError::ConnectFailed,
                           seat + " is not connected (or not enrolled): the command was not sent"};
    }
    impl_->awaitingResults[command.commandId] = AwaitedAnswer{
        seat, SteadyClock::now() + impl_->options.commandDeadline, std::move(onResult)};
    impl_->pastDeadline.erase(command.commandId);
    impl_->deadlineWake.notify_all();
    impl_->send(*peer, command);
    return crypto::Done{};
}

std::vector<WaitingKiosk> ConsoleHub::waiting() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->registry.waiting();
}

std::vector<EnrolledKiosk> ConsoleHub::enrolled() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->registry.enrolled();
}

std::vector<EnrolmentRecord> ConsoleHub::enrolmentHistory() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->registry.history();
}

std::vector<SeatLiveStatus> ConsoleHub::room() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->roomStatus.seats(impl_->options.nowMs());
}

std::vector<ReplicaSitting> ConsoleHub::sittings() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->replica.sittings();
}

std::vector<std::string> ConsoleHub::journal(const std::string& sittingId) const {
    std::lock_guard lock(impl_->mutex);
    return impl_->replica.events(sittingId);
}

void ConsoleHub::withReplica(const std::function<void(JournalReplica&)>& use) const {
    std::lock_guard lock(impl_->mutex);
    use(impl_->replica);
}

std::vector<LinkNotice> ConsoleHub::notices() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->noticeLog;
}

} // namespace vigil::sync
