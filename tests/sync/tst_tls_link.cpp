// The link over real TLS 1.3 sockets on loopback: who may connect, what a peer that breaks
// the rules gets, and that frames arrive whole and in order.
#include "tls_identity.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/link.h"

#include <QElapsedTimer>
#include <QTest>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <condition_variable>
#include <mutex>
#include <openssl/ssl.h>
#include <utility> // before Asio (toolchain-notes)

using namespace vigil;
using namespace vigil::sync;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
namespace ssl = boost::asio::ssl;
using namespace std::chrono_literals;

namespace {

// Records what an endpoint's handlers saw, for the test thread to wait on.
class Recorder {
public:
    LinkHandlers handlers(bool echo = false) {
        return {
            .onOpen =
                [this](const std::shared_ptr<Connection>& connection) {
                    std::lock_guard lock(mutex_);
                    opened.push_back(connection);
                    changed_.notify_all();
                },
            .onFrame =
                [this, echo](const std::shared_ptr<Connection>& connection, Frame frame) {
                    if (echo) {
                        connection->send(frame);
                    }
                    std::lock_guard lock(mutex_);
                    frames.push_back(std::move(frame));
                    changed_.notify_all();
                },
            .onClose =
                [this](const std::shared_ptr<Connection>&, const LinkFailure& failure) {
                    std::lock_guard lock(mutex_);
                    closes.push_back(failure);
                    changed_.notify_all();
                },
        };
    }

    template <class Predicate>
    bool waitFor(Predicate predicate, std::chrono::milliseconds limit = 10s) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return predicate(*this); });
    }

    std::size_t openCount() {
        std::lock_guard lock(mutex_);
        return opened.size();
    }

    std::vector<std::shared_ptr<Connection>> opened;
    std::vector<Frame> frames;
    std::vector<LinkFailure> closes;

private:
    std::mutex mutex_;
    std::condition_variable changed_;
};

Frame textFrame(std::uint8_t type, std::string_view text) {
    return {type, std::vector<std::uint8_t>(text.begin(), text.end())};
}

LinkLimits quickLimits() {
    LinkLimits limits;
    limits.handshakeTimeout = 2s;
    limits.readTimeout = 2s;
    limits.writeTimeout = 2s;
    return limits;
}

// A TLS client of the test's own making, to do what a Vigil endpoint never does.
struct RawClient {
    asio::io_context io;
    ssl::context context{ssl::context::tls};
    std::unique_ptr<ssl::stream<asio::ip::tcp::socket>> stream;

    explicit RawClient(const crypto::SigningKeyPair* identity, int maxVersion = TLS1_3_VERSION) {
        SSL_CTX_set_max_proto_version(context.native_handle(), maxVersion);
        if (identity) {
            detail::configureTlsContext(context.native_handle(), *identity, "raw-client");
            SSL_CTX_set_max_proto_version(context.native_handle(), maxVersion);
        }
        context.set_verify_mode(ssl::verify_none);
        stream = std::make_unique<ssl::stream<asio::ip::tcp::socket>>(io, context);
    }

    void connectTcp(std::uint16_t port) {
        stream->lowest_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    }

    boost::system::error_code handshake() {
        boost::system::error_code ec;
        stream->handshake(ssl::stream_base::client, ec);
        return ec;
    }

    void write(const std::vector<std::uint8_t>& bytes) {
        asio::write(*stream, asio::buffer(bytes));
    }

    // Reads until the server ends the connection; true when it did within the limit.
    bool serverCloses() {
        std::array<std::uint8_t, 256> buffer{};
        boost::system::error_code ec;
        while (!ec) {
            stream->read_some(asio::buffer(buffer), ec);
        }
        return true;
    }
};

} // namespace

class TlsLinkTest : public QObject {
    Q_OBJECT
private slots:
    void framesGoBothWaysInOrderBetweenPinnedPeers() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers(/*echo=*/true));
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());

        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, quickLimits(), kiosk.handlers());
        client.connect("127.0.0.1", port.value());
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.opened.empty(); }));
        QVERIFY(console.waitFor([](Recorder& r) { return !r.opened.empty(); }));
        // Each side learnt the key the other proved.
        QVERIFY(console.opened[0]->peerKey() == kioskKeys.publicKey);
        QVERIFY(kiosk.opened[0]->peerKey() == consoleKeys.publicKey);
        QVERIFY(QString::fromStdString(console.opened[0]->peerAddress()).startsWith("127.0.0.1:"));

        constexpr int kCount = 500;
        for (int i = 0; i < kCount; ++i) {
            kiosk.opened[0]->send(textFrame(std::uint8_t(i % 200), "event " + std::to_string(i)));
        }
        QVERIFY(kiosk.waitFor([](Recorder& r) { return r.frames.size() == kCount; }));
        for (int i = 0; i < kCount; ++i) {
            QVERIFY(kiosk.frames[std::size_t(i)] ==
                    textFrame(std::uint8_t(i % 200), "event " + std::to_string(i)));
        }
        QVERIFY(console.closes.empty());
    }

    void theNegotiatedProtocolIsTls13() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        RawClient raw(&kioskKeys);
        raw.connectTcp(port.value());
        QVERIFY(!raw.handshake());
        QCOMPARE(QString(SSL_get_version(raw.stream->native_handle())), QString("TLSv1.3"));
    }

    void aClientRefusesAServerWithAnotherKeyNamingBothFingerprints() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto impostorKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder impostor;
        LinkServer server(impostorKeys, quickLimits(), impostor.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());

        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, quickLimits(), kiosk.handlers());
        client.connect("127.0.0.1", port.value());
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(kiosk.closes[0].error, LinkError::PeerKeyMismatch);
        const auto detail = QString::fromStdString(kiosk.closes[0].detail);
        QVERIFY2(detail.contains(QString::fromStdString(shortFingerprint(impostorKeys.publicKey))),
                 qPrintable(detail));
        QVERIFY(detail.contains(QString::fromStdString(shortFingerprint(consoleKeys.publicKey))));
        QVERIFY(kiosk.opened.empty());
        // The impostor never got a usable connection either.
        QVERIFY(impostor.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(impostor.openCount(), std::size_t(0));
    }

    void aServerRefusesAnOlderTls() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        RawClient raw(&kioskKeys, TLS1_2_VERSION);
        raw.connectTcp(port.value());
        QVERIFY(raw.handshake()); // fails
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(console.closes[0].error, LinkError::HandshakeFailed);
        QCOMPARE(console.openCount(), std::size_t(0));
    }

    void aServerRefusesAClientWithoutACertificate() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        RawClient raw(nullptr);
        raw.connectTcp(port.value());
        (void)raw.handshake(); // TLS 1.3: the client may finish before the server refuses
        QVERIFY(raw.serverCloses());
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(console.closes[0].error, LinkError::HandshakeFailed);
        QCOMPARE(console.openCount(), std::size_t(0));
    }

    void bytesThatBreakTheFrameFormatCloseTheConnection_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("expected");
        QTest::newRow("not a frame")
            << QByteArray("GET / HTTP/1.1\r\n\r\n") << int(LinkError::NotAVigilFrame);
        QTest::newRow("unknown version")
            << QByteArray("VL\x09\x01\x00\x00\x00\x00", 8) << int(LinkError::UnsupportedVersion);
        // Declares 64 MiB against a 4 MiB limit and sends none of it.
        QTest::newRow("oversized")
            << QByteArray("VL\x01\x01\x04\x00\x00\x00", 8) << int(LinkError::FrameTooLarge);
    }

    void bytesThatBreakTheFrameFormatCloseTheConnection() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, expected);
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        RawClient raw(&kioskKeys);
        raw.connectTcp(port.value());
        QVERIFY(!raw.handshake());
        raw.write(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
        QVERIFY(raw.serverCloses());
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(int(console.closes[0].error), expected);
        QVERIFY(console.frames.empty());
    }

    void aClientThatStopsHalfWayThroughAFrameIsDropped() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        auto limits = quickLimits();
        limits.readTimeout = 300ms;
        Recorder console;
        LinkServer server(consoleKeys, limits, console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        RawClient raw(&kioskKeys);
        raw.connectTcp(port.value());
        QVERIFY(!raw.handshake());
        auto frame = encodeFrame(1, std::vector<std::uint8_t>(100, 1));
        frame.resize(50); // and then nothing more
        raw.write(frame);
        QVERIFY(raw.serverCloses());
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(console.closes[0].error, LinkError::Timeout);
        QVERIFY(console.frames.empty());
    }

    void aClientThatNeverStartsTlsIsDropped() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        auto limits = quickLimits();
        limits.handshakeTimeout = 300ms;
        Recorder console;
        LinkServer server(consoleKeys, limits, console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        asio::io_context io;
        asio::ip::tcp::socket socket(io);
        socket.connect({asio::ip::make_address("127.0.0.1"), port.value()});
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(console.closes[0].error, LinkError::Timeout);
        std::array<char, 16> buffer{};
        boost::system::error_code ec;
        socket.read_some(asio::buffer(buffer), ec);
        QVERIFY(ec); // closed by the server
    }

    void aSilentPeerIsDroppedAfterTheReadTimeout() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        auto limits = quickLimits();
        limits.readTimeout = 300ms;
        Recorder console;
        LinkServer server(consoleKeys, limits, console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, quickLimits(), kiosk.handlers());
        client.connect("127.0.0.1", port.value());
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(console.closes[0].error, LinkError::Timeout);
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(kiosk.closes[0].error, LinkError::ClosedByPeer);
    }

    void closeDeliversWhatWasQueuedFirst() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, quickLimits(), kiosk.handlers());
        client.connect("127.0.0.1", port.value());
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.opened.empty(); }));
        for (int i = 0; i < 100; ++i) {
            kiosk.opened[0]->send(textFrame(1, std::string(1000, char('a' + i % 26))));
        }
        kiosk.opened[0]->close();
        QVERIFY(console.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(console.frames.size(), std::size_t(100));
        QCOMPARE(console.closes[0].error, LinkError::ClosedByPeer);
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(kiosk.closes[0].error, LinkError::Closed);
    }

    void aSendQueueOverItsLimitClosesTheConnection() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        auto limits = quickLimits();
        limits.maxQueuedFrames = 8;
        Recorder console;
        LinkServer server(consoleKeys, quickLimits(), console.handlers());
        const auto port = server.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, limits, kiosk.handlers());
        client.connect("127.0.0.1", port.value());
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.opened.empty(); }));
        for (int i = 0; i < 100; ++i) {
            kiosk.opened[0]->send({1, std::vector<std::uint8_t>(256 * 1024, 7)});
        }
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(kiosk.closes[0].error, LinkError::SendQueueFull);
    }

    // A console that does not answer (its accept queue full: the SYN is dropped, as for a PC
    // switched off) must not hold up a kiosk that stops: the attempt in flight is abandoned, not
    // waited for until its deadline.
    void stoppingAbandonsAConnectInFlight() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        asio::io_context io;
        tcp::acceptor silent(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        silent.listen(0);
        const auto port = silent.local_endpoint().port();
        tcp::socket filler(io);
        filler.connect(silent.local_endpoint()); // the one place in the queue is taken
        Recorder kiosk;
        auto limits = quickLimits();
        limits.handshakeTimeout = 20s;
        auto client = std::make_unique<LinkClient>(kioskKeys, consoleKeys.publicKey, limits,
                                                   kiosk.handlers());
        client->connect("127.0.0.1", port);
        QTest::qWait(300); // the SYN is sent and dropped
        QVERIFY(kiosk.closes.empty());
        QElapsedTimer stopping;
        stopping.start();
        client.reset();
        QVERIFY2(stopping.elapsed() < 2000, qPrintable(QString::number(stopping.elapsed())));
    }

    void nothingListeningIsConnectFailed() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        std::uint16_t freePort = 0;
        {
            Recorder unused;
            LinkServer server(consoleKeys, quickLimits(), unused.handlers());
            const auto port = server.listen("127.0.0.1", 0);
            QVERIFY(port.ok());
            freePort = port.value();
        }
        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, quickLimits(), kiosk.handlers());
        client.connect("127.0.0.1", freePort);
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(kiosk.closes[0].error, LinkError::ConnectFailed);
    }

    void aServerCannotListenTwiceOnOnePort() {
        const auto keys = crypto::generateSigningKeyPair();
        Recorder a;
        Recorder b;
        LinkServer first(keys, quickLimits(), a.handlers());
        LinkServer second(keys, quickLimits(), b.handlers());
        const auto port = first.listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        const auto again = second.listen("127.0.0.1", port.value());
        QVERIFY(!again.ok());
        QCOMPARE(again.error().error, LinkError::ListenFailed);
        const auto notAnAddress = second.listen("console.local", 0);
        QVERIFY(!notAnAddress.ok());
        QCOMPARE(notAnAddress.error().error, LinkError::ListenFailed);
    }

    void stoppingAServerClosesItsConnections() {
        const auto consoleKeys = crypto::generateSigningKeyPair();
        const auto kioskKeys = crypto::generateSigningKeyPair();
        Recorder console;
        auto server = std::make_unique<LinkServer>(consoleKeys, quickLimits(), console.handlers());
        const auto port = server->listen("127.0.0.1", 0);
        QVERIFY(port.ok());
        Recorder kiosk;
        LinkClient client(kioskKeys, consoleKeys.publicKey, quickLimits(), kiosk.handlers());
        client.connect("127.0.0.1", port.value());
        QVERIFY(console.waitFor([](Recorder& r) { return !r.opened.empty(); }));
        server.reset();
        QCOMPARE(console.closes.size(), std::size_t(1));
        QCOMPARE(console.closes[0].error, LinkError::Closed);
        QVERIFY(kiosk.waitFor([](Recorder& r) { return !r.closes.empty(); }));
        QCOMPARE(kiosk.closes[0].error, LinkError::ClosedByPeer);
    }
};

QTEST_GUILESS_MAIN(TlsLinkTest)
#include "tst_tls_link.moc"
