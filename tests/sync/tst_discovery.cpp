// The console's announcement and a kiosk finding it, over real UDP sockets on loopback (the
// announcer sends to the finder's loopback port instead of the LAN's broadcast address).
#include "vigil/crypto/hash.h"
#include "vigil/sync/discovery.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)

using namespace vigil;
using namespace vigil::sync;
using namespace std::chrono_literals;

namespace {

ConsoleAnnouncement announcementOf(const std::string& centre, std::uint16_t linkPort) {
    ConsoleAnnouncement a;
    a.centreId = centre;
    a.consoleName = "Room 2 console";
    a.linkPort = linkPort;
    return a;
}

std::vector<std::uint8_t> bytesOf(const QByteArray& text) {
    return {text.begin(), text.end()};
}

// A datagram as a newer console might send it: an extra field, signed like the rest.
std::vector<std::uint8_t> withExtraField(const crypto::SigningKeyPair& console) {
    QJsonObject object{{"message", "console-announcement"},
                       {"protocol", 1},
                       {"centreId", "C123"},
                       {"consoleName", "Room 2 console"},
                       {"linkPort", 7000},
                       {"consoleKey", QString::fromStdString(crypto::toHex(console.publicKey))},
                       {"sequence", 4},
                       {"roomCapacity", 24}};
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::vector<std::uint8_t> signedBytes{'v', 'i', 'g', 'i', 'l', '/', 'c', 'o', 'n', 's',
                                          'o', 'l', 'e', '-', 'a', 'n', 'n', 'o', 'u', 'n',
                                          'c', 'e', 'm', 'e', 'n', 't', '/', 'v', '1', 0};
    signedBytes.insert(signedBytes.end(), json.begin(), json.end());
    object.insert("signature",
                  QString::fromStdString(crypto::toHex(crypto::sign(console, signedBytes))));
    return bytesOf(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void sendRaw(std::uint16_t port, const std::vector<std::uint8_t>& datagram) {
    boost::asio::io_context io;
    boost::asio::ip::udp::socket socket(io, boost::asio::ip::udp::v4());
    socket.send_to(boost::asio::buffer(datagram),
                   {boost::asio::ip::make_address("127.0.0.1"), port});
}

} // namespace

class DiscoveryTest : public QObject {
    Q_OBJECT
private slots:
    void anAnnouncementReadsBackAsSent() {
        const auto console = crypto::generateSigningKeyPair();
        auto sent = announcementOf("C123", 7000);
        sent.sequence = 41;
        const auto decoded = decodeAnnouncement(encodeAnnouncement(sent, console));
        QVERIFY2(decoded, decoded ? "" : describe(decoded.error()).c_str());
        QCOMPARE(decoded.value().centreId, std::string("C123"));
        QCOMPARE(decoded.value().consoleName, std::string("Room 2 console"));
        QCOMPARE(decoded.value().linkPort, std::uint16_t(7000));
        QCOMPARE(decoded.value().sequence, std::uint64_t(41));
        QVERIFY(decoded.value().consoleKey == console.publicKey);
    }

    void anAlteredAnnouncementDoesNotVerify() {
        const auto console = crypto::generateSigningKeyPair();
        auto datagram = encodeAnnouncement(announcementOf("C123", 7000), console);
        const QByteArray text(reinterpret_cast<const char*>(datagram.data()),
                              qsizetype(datagram.size()));
        // The port a forger would want a kiosk to try instead.
        const auto altered = bytesOf(QByteArray(text).replace("7000", "7001"));
        QVERIFY(altered != datagram);
        const auto decoded = decodeAnnouncement(altered);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().error, LinkError::PeerKeyMismatch);
    }

    void aFieldANewerConsoleAddsIsCoveredAndAccepted() {
        const auto console = crypto::generateSigningKeyPair();
        const auto decoded = decodeAnnouncement(withExtraField(console));
        QVERIFY2(decoded, decoded ? "" : describe(decoded.error()).c_str());
        QCOMPARE(decoded.value().linkPort, std::uint16_t(7000));
    }

    void whatIsNotAnAnnouncementIsRefusedNamingWhy() {
        const auto console = crypto::generateSigningKeyPair();
        const auto check = [](const std::vector<std::uint8_t>& datagram, const char* named) {
            const auto decoded = decodeAnnouncement(datagram);
            QVERIFY(!decoded);
            QCOMPARE(decoded.error().error, LinkError::MalformedMessage);
            QVERIFY2(decoded.error().detail.find(named) != std::string::npos,
                     decoded.error().detail.c_str());
        };
        check(bytesOf("not json"), "not a JSON object");
        check(bytesOf("{\"message\":\"hello\"}"), "not an announcement");
        check(bytesOf("{\"message\":\"console-announcement\",\"protocol\":1}"), "centreId");
        check(std::vector<std::uint8_t>(kMaxAnnouncementBytes + 1, ' '), "over 1024 bytes");

        auto withoutPort = QJsonDocument::fromJson(QByteArray::fromStdString([&] {
                               const auto d =
                                   encodeAnnouncement(announcementOf("C123", 7000), console);
                               return std::string(d.begin(), d.end());
                           }()))
                               .object();
        withoutPort.insert("linkPort", 0);
        check(bytesOf(QJsonDocument(withoutPort).toJson(QJsonDocument::Compact)), "linkPort");
    }

    void aKioskFindsItsConsoleWhereTheDatagramCameFrom() {
        const auto console = crypto::generateSigningKeyPair();
        ConsoleFinder finder({"127.0.0.1", 0, "C123", console.publicKey});
        const auto port = finder.start();
        QVERIFY2(port, port ? "" : describe(port.error()).c_str());
        std::atomic<int> heard{0};
        finder.onFound([&](const FoundConsole&) { heard += 1; });

        ConsoleAnnouncer announcer(announcementOf("C123", 7000), console,
                                   {"127.0.0.1", port.value(), 50ms});
        QVERIFY(announcer.start());
        QTRY_VERIFY_WITH_TIMEOUT(finder.found().has_value(), 5000);
        QCOMPARE(finder.found()->host, std::string("127.0.0.1"));
        QCOMPARE(finder.found()->port, std::uint16_t(7000));
        QCOMPARE(finder.found()->consoleName, std::string("Room 2 console"));
        QTRY_VERIFY_WITH_TIMEOUT(announcer.sent() >= 3, 5000);
        // Heard again and again at the same place: the kiosk is told once.
        QTRY_VERIFY_WITH_TIMEOUT(finder.found()->sequence >= 3, 5000);
        QCOMPARE(heard.load(), 1);
        QCOMPARE(finder.ignored(), std::uint64_t(0));

        // The console restarted on another port: the kiosk is told where it went.
        announcer.stop();
        ConsoleAnnouncer moved(announcementOf("C123", 7002), console,
                               {"127.0.0.1", port.value(), 50ms});
        QVERIFY(moved.start());
        QTRY_COMPARE_WITH_TIMEOUT(finder.found()->port, std::uint16_t(7002), 5000);
        QCOMPARE(heard.load(), 2);
    }

    void announcementsOfOtherConsolesAndCentresAreIgnoredWithTheirReason() {
        const auto ours = crypto::generateSigningKeyPair();
        const auto another = crypto::generateSigningKeyPair();
        ConsoleFinder finder({"127.0.0.1", 0, "C123", ours.publicKey});
        const auto port = finder.start();
        QVERIFY(port);

        ConsoleAnnouncer rogue(announcementOf("C123", 7000), another,
                               {"127.0.0.1", port.value(), 50ms});
        QVERIFY(rogue.start());
        QTRY_VERIFY_WITH_TIMEOUT(finder.ignored() >= 1, 5000);
        QVERIFY2(finder.lastIgnoredReason().find("not the one this kiosk trusts") !=
                     std::string::npos,
                 finder.lastIgnoredReason().c_str());
        rogue.stop();

        // Our console's key, but announced for another centre (a console moved between
        // centres without re-enrolment) is not ours either.
        ConsoleAnnouncer otherCentre(announcementOf("C999", 7000), ours,
                                     {"127.0.0.1", port.value(), 50ms});
        QVERIFY(otherCentre.start());
        QTRY_VERIFY_WITH_TIMEOUT(
            finder.lastIgnoredReason().find("centre C999") != std::string::npos, 5000);
        otherCentre.stop();

        sendRaw(port.value(), bytesOf("garbage"));
        QTRY_VERIFY_WITH_TIMEOUT(
            finder.lastIgnoredReason().find("not a JSON object") != std::string::npos, 5000);
        QVERIFY(!finder.found().has_value());
    }

    void aFinderThatCannotListenSaysWhere() {
        ConsoleFinder notAnAddress({"no-such-address", 0, "C123", {}});
        const auto refused = notAnAddress.start();
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, LinkError::ListenFailed);
        QVERIFY2(refused.error().detail.find("no-such-address") != std::string::npos,
                 refused.error().detail.c_str());

        // An address this machine does not have (TEST-NET-1).
        ConsoleFinder elsewhere({"192.0.2.1", 0, "C123", {}});
        const auto notBound = elsewhere.start();
        QVERIFY(!notBound);
        QCOMPARE(notBound.error().error, LinkError::ListenFailed);
        QVERIFY2(notBound.error().detail.find("192.0.2.1") != std::string::npos,
                 notBound.error().detail.c_str());
    }

    void aStoppedFinderCanListenAgain() {
        const auto console = crypto::generateSigningKeyPair();
        ConsoleFinder finder({"127.0.0.1", 0, "C123", console.publicKey});
        const auto first = finder.start();
        QVERIFY(first);
        finder.stop();
        const auto again = finder.start();
        QVERIFY(again);
        ConsoleAnnouncer announcer(announcementOf("C123", 7100), console,
                                   {"127.0.0.1", again.value(), 50ms});
        QVERIFY(announcer.start());
        QTRY_VERIFY_WITH_TIMEOUT(finder.found().has_value(), 5000);
    }
};

QTEST_GUILESS_MAIN(DiscoveryTest)
#include "tst_discovery.moc"
