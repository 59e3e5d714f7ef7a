// The console's link core with real kiosk endpoints over loopback TLS: enrolment by fingerprint
// while connected, the room's live status, refusals the coordinator sees.
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/testing/eventually.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

using namespace vigil;
using namespace vigil::sync;
using namespace std::chrono_literals;

namespace {

// A kiosk's end of the link as the test drives it: real TLS client, real messages.
class TestKiosk {
public:
    TestKiosk(const crypto::SigningPublicKey& consoleKey, std::string seat,
              std::string centre = "C0451")
        : seat_(std::move(seat))
        , centre_(std::move(centre))
        , client_(keys_, consoleKey, LinkLimits{},
                  LinkHandlers{
                      .onOpen =
                          [this](const std::shared_ptr<Connection>& c) {
                              {
                                  std::lock_guard lock(mutex_);
                                  connection_ = c;
                              }
                              c->send(encodeMessage(
                                  Hello{kProtocolVersion, centre_, seat_, "vigil-kiosk test"}));
                          },
                      .onFrame =
                          [this](const std::shared_ptr<Connection>&, Frame frame) {
                              auto decoded = decodeMessage(frame);
                              std::lock_guard lock(mutex_);
                              if (decoded) {
                                  if (auto* reply = std::get_if<HelloReply>(&decoded.value())) {
                                      replies_.push_back(*reply);
                                  }
                              }
                              changed_.notify_all();
                          },
                      .onClose =
                          [this](const std::shared_ptr<Connection>&, const LinkFailure&) {
                              std::lock_guard lock(mutex_);
                              closed_ = true;
                              changed_.notify_all();
                          },
                  }) {}

    const crypto::SigningKeyPair& keys() const { return keys_; }
    void connect(std::uint16_t port) { client_.connect("127.0.0.1", port); }
    void disconnect() { client_.stop(); }

    void sendStatus(const KioskStatus& status) {
        std::lock_guard lock(mutex_);
        connection_->send(encodeMessage(status));
    }

    std::optional<HelloReply> waitForReply(std::size_t count) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, 10s, [&] { return replies_.size() >= count; })) {
            return std::nullopt;
        }
        return replies_[count - 1];
    }

    bool waitForClose() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 10s, [&] { return closed_; });
    }

private:
    crypto::SigningKeyPair keys_ = crypto::generateSigningKeyPair();
    std::string seat_;
    std::string centre_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::shared_ptr<Connection> connection_;
    std::vector<HelloReply> replies_;
    bool closed_ = false;
    LinkClient client_; // last: its thread calls the members above
};

using vigil::testing::eventually;

} // namespace

class ConsoleHubTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer storeKey_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    crypto::SigningKeyPair consoleKeys_ = crypto::generateSigningKeyPair();
    std::optional<store::Database> db_;
    std::atomic<std::int64_t> now_{1'790'000'000'000};

    std::unique_ptr<ConsoleHub> startHub(std::uint16_t& port) {
        const store::Migration migrations[] = {{1, EnrolmentRegistry::schemaSql()},
                                               {2, JournalReplica::schemaSql()}};
        db_.emplace(store::Database::open(dir_.filePath("console.db").toStdString(), storeKey_,
                                          migrations));
        ConsoleHubOptions options;
        options.centreId = "C0451";
        options.consoleName = "Workshop 2 console";
        options.heartbeat = 1s;
        options.missedHeartbeats = 5;
        options.nowMs = [this] {
            return now_.load();
        };
        auto hub = std::make_unique<ConsoleHub>(*db_, consoleKeys_, options);
        const auto bound = hub->listen("127.0.0.1", 0);
        port = bound.ok() ? bound.value() : 0;
        return hub;
    }

private slots:
    void aNewKioskWaitsAndIsEnrolledWhileConnected() {
        std::uint16_t port = 0;
        auto hub = startHub(port);
        QVERIFY(port != 0);
        TestKiosk pc07(consoleKeys_.publicKey, "PC07");
        pc07.connect(port);
        const auto first = pc07.waitForReply(1);
        QVERIFY(first.has_value());
        QCOMPARE(first->standing, HelloReply::Standing::AwaitingEnrolment);
        QCOMPARE(first->consoleName, std::string("Workshop 2 console"));
        QVERIFY(eventually([&] { return hub->waiting().size() == 1; }));
        QCOMPARE(hub->waiting()[0].fingerprint, shortFingerprint(pc07.keys().publicKey));

        // Status from a kiosk that is not enrolled does not reach the room.
        pc07.sendStatus({"Locked", "", 0, 0, 0, ""});
        QTest::qWait(100);
        QVERIFY(hub->room().empty());

        QVERIFY(hub->enrol("PC07", shortFingerprint(pc07.keys().publicKey), "coord-1").ok());
        const auto second = pc07.waitForReply(2);
        QVERIFY(second.has_value());
        QCOMPARE(second->standing, HelloReply::Standing::Enrolled);

        pc07.sendStatus({"Question", "s1", 4, 40, 1'800, ""});
        QVERIFY(eventually([&] { return hub->room().size() == 1; }));
        QCOMPARE(hub->room()[0].status->position, 4);
        QVERIFY(hub->room()[0].connected);
    }

    void anEnrolledKioskIsWelcomedAgainAfterAConsoleRestart() {
        std::uint16_t port = 0;
        TestKiosk pc07(consoleKeys_.publicKey, "PC07");
        {
            auto hub = startHub(port);
            pc07.connect(port);
            QVERIFY(pc07.waitForReply(1).has_value());
            QVERIFY(hub->enrol("PC07", shortFingerprint(pc07.keys().publicKey), "coord-1").ok());
            QVERIFY(pc07.waitForReply(2).has_value());
        }
        QVERIFY(pc07.waitForClose());
        auto hub = startHub(port); // the same store, a new process's worth of state
        pc07.connect(port);        // the same PC, the same key
        const auto reply = pc07.waitForReply(3);
        QVERIFY(reply.has_value());
        QCOMPARE(reply->standing, HelloReply::Standing::Enrolled);
        QVERIFY(hub->waiting().empty());
    }

    void aChangedKeyIsRefusedAndTheCoordinatorSeesWhy() {
        std::uint16_t port = 0;
        auto hub = startHub(port);
        TestKiosk original(consoleKeys_.publicKey, "PC07");
        original.connect(port);
        QVERIFY(original.waitForReply(1).has_value());
        QVERIFY(hub->enrol("PC07", shortFingerprint(original.keys().publicKey), "coord-1").ok());

        TestKiosk replaced(consoleKeys_.publicKey, "PC07");
        replaced.connect(port);
        const auto reply = replaced.waitForReply(1);
        QVERIFY(reply.has_value());
        QCOMPARE(reply->standing, HelloReply::Standing::Refused);
        QVERIFY(replaced.waitForClose());
        const auto expected = "PC07 presented a different key (" +
                              shortFingerprint(replaced.keys().publicKey) +
                              "): re-enrol or investigate";
        QCOMPARE(reply->reason, expected);
        QVERIFY(eventually([&] {
            for (const auto& notice : hub->notices()) {
                if (notice.text == expected && notice.seat == "PC07") {
                    return true;
                }
            }
            return false;
        }));
    }

    void aSilentSeatIsNotConnectedSinceItWasLastHeard() {
        std::uint16_t port = 0;
        auto hub = startHub(port);
        TestKiosk pc07(consoleKeys_.publicKey, "PC07");
        pc07.connect(port);
        QVERIFY(pc07.waitForReply(1).has_value());
        QVERIFY(hub->enrol("PC07", shortFingerprint(pc07.keys().publicKey), "coord-1").ok());
        QVERIFY(pc07.waitForReply(2).has_value());
        const auto heardAt = now_.load();
        pc07.sendStatus({"Question", "s1", 1, 40, 2'700, ""});
        QVERIFY(eventually([&] { return hub->room().size() == 1; }));
        now_ += 5'001; // five heartbeats and a millisecond on the console's clock
        QVERIFY(!hub->room()[0].connected);
        QCOMPARE(hub->room()[0].lastHeardMs, heardAt);

        pc07.disconnect();
        now_ -= 5'001;
        QVERIFY(eventually([&] { return !hub->room()[0].connected; }));
    }

    void unenrollingAConnectedKioskClosesItsConnection() {
        std::uint16_t port = 0;
        auto hub = startHub(port);
        TestKiosk pc07(consoleKeys_.publicKey, "PC07");
        pc07.connect(port);
        QVERIFY(pc07.waitForReply(1).has_value());
        QVERIFY(hub->enrol("PC07", shortFingerprint(pc07.keys().publicKey), "coord-1").ok());
        QVERIFY(pc07.waitForReply(2).has_value());
        QVERIFY(hub->unenrol("PC07", "coord-1", "PC retired").ok());
        QVERIFY(pc07.waitForClose());
        QVERIFY(hub->enrolled().empty());
    }

    void aKioskOfAnotherCentreIsRefused() {
        std::uint16_t port = 0;
        auto hub = startHub(port);
        TestKiosk stranger(consoleKeys_.publicKey, "PC07", "C9999");
        stranger.connect(port);
        const auto reply = stranger.waitForReply(1);
        QVERIFY(reply.has_value());
        QCOMPARE(reply->standing, HelloReply::Standing::Refused);
        QVERIFY(stranger.waitForClose());
        QVERIFY(hub->waiting().empty());
    }

    void init() {
        db_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) {
            QFile::remove(dir_.filePath(QString("console.db") + suffix));
        }
    }
};

QTEST_GUILESS_MAIN(ConsoleHubTest)
#include "tst_console_hub.moc"
