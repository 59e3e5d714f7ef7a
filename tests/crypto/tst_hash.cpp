#include "vigil/crypto/hash.h"

#include <QTest>
#include <sodium.h>
#include <stdexcept>
#include <string_view>
#include <vector>

using namespace vigil::crypto;

namespace {

std::span<const std::uint8_t> bytesOf(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

Digest libsodiumBlake2b(std::span<const std::uint8_t> message,
                        std::span<const std::uint8_t> key = {}) {
    Digest digest{};
    const int result = crypto_generichash(digest.data(), digest.size(), message.data(),
                                          message.size(), key.data(), key.size());
    Q_ASSERT(result == 0);
    return digest;
}

std::vector<std::uint8_t> counting(std::size_t size) {
    std::vector<std::uint8_t> bytes(size);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<std::uint8_t>(i * 7 + 3);
    }
    return bytes;
}

} // namespace

class TestHash : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void blake2bMatchesLibsodium_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("abc") << QByteArray("abc");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one block and a bit") << QByteArray(129, 'x');
        QTest::newRow("binary") << QByteArray("\x00\xff\x00", 3);
    }
    void blake2bMatchesLibsodium() {
        QFETCH(QByteArray, message);
        const std::span<const std::uint8_t> bytes =
            bytesOf({message.constData(), static_cast<std::size_t>(message.size())});
        QCOMPARE(blake2b(bytes), libsodiumBlake2b(bytes));
    }

    void keyedBlake2bMatchesLibsodiumAndDiffersFromUnkeyed() {
        const std::vector<std::uint8_t> key = counting(32);
        const auto message = bytesOf("abc");
        QCOMPARE(blake2b(message, key), libsodiumBlake2b(message, key));
        QVERIFY(blake2b(message, key) != blake2b(message));
        QCOMPARE(blake2b(message, {}), blake2b(message));
    }

    void keyLongerThan64BytesIsRefused() {
        const std::vector<std::uint8_t> key = counting(65);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)blake2b(bytesOf("abc"), key));
    }

    void incrementalHashEqualsOneShotAtEverySplit() {
        const std::vector<std::uint8_t> message = counting(300);
        const Digest expected = libsodiumBlake2b(message);
        for (std::size_t split = 0; split <= message.size(); ++split) {
            Blake2bState state;
            state.update(std::span(message).first(split));
            state.update(std::span(message).subspan(split));
            QCOMPARE(state.finish(), expected);
        }
    }

    void toHexMatchesSodiumBin2hex() {
        const std::vector<std::uint8_t> bytes = counting(40);
        std::vector<char> expected(bytes.size() * 2 + 1);
        sodium_bin2hex(expected.data(), expected.size(), bytes.data(), bytes.size());
        QCOMPARE(toHex(bytes), std::string(expected.data()));
        QCOMPARE(toHex({}), std::string());
    }

    void fromHexRoundTripsAndAcceptsUpperCase() {
        const std::vector<std::uint8_t> bytes = counting(40);
        std::vector<std::uint8_t> decoded(bytes.size());
        QVERIFY(fromHex(toHex(bytes), decoded));
        QCOMPARE(decoded, bytes);

        std::array<std::uint8_t, 2> two{};
        QVERIFY(fromHex("ABcd", two));
        QCOMPARE(two[0], std::uint8_t{0xab});
        QCOMPARE(two[1], std::uint8_t{0xcd});
    }

    void fromHexRefusesWrongLengthAndNonHexEverywhere() {
        std::array<std::uint8_t, 4> out{};
        QVERIFY(!fromHex("0011223", out));    // odd
        QVERIFY(!fromHex("001122", out));     // short
        QVERIFY(!fromHex("0011223344", out)); // long
        QVERIFY(!fromHex("", out));
        for (std::size_t position = 0; position < 8; ++position) {
            std::string text = "00112233";
            text[position] = 'g';
            out.fill(0x55);
            QVERIFY2(!fromHex(text, out), text.c_str());
            QCOMPARE(out, (std::array<std::uint8_t, 4>{})); // nothing half-decoded is left
        }
        QVERIFY(fromHex("", std::span<std::uint8_t>{}));
    }
};

QTEST_GUILESS_MAIN(TestHash)
#include "tst_hash.moc"
