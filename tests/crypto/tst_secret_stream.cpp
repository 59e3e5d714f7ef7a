#include "vigil/crypto/secret_stream.h"

#include <QTest>
#include <sodium.h>
#include <stdexcept>
#include <vector>

using namespace vigil::crypto;

namespace {

constexpr std::size_t kHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kChunk = kSecretStreamChunkBytes;
constexpr std::size_t kSealedChunk = kChunk + kOverhead;

std::vector<std::uint8_t> patterned(std::size_t size) {
    std::vector<std::uint8_t> bytes(size);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<std::uint8_t>((i * 31) ^ (i >> 8));
    }
    return bytes;
}

// Encrypts with libsodium's own push API, chunked as the layout says; the last chunk's tag is
// given so a stream without FINAL can be made.
std::vector<std::uint8_t> libsodiumStream(const SecureBuffer& key,
                                          const std::vector<std::uint8_t>& plain,
                                          unsigned char lastTag) {
    std::vector<std::uint8_t> out(kHeader);
    crypto_secretstream_xchacha20poly1305_state state;
    crypto_secretstream_xchacha20poly1305_init_push(&state, out.data(), key.data());
    std::size_t offset = 0;
    do {
        const std::size_t length = std::min(kChunk, plain.size() - offset);
        const bool last = offset + length == plain.size();
        std::vector<std::uint8_t> chunk(length + kOverhead);
        crypto_secretstream_xchacha20poly1305_push(
            &state, chunk.data(), nullptr, plain.data() + offset, length, nullptr, 0,
            last ? lastTag : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        out.insert(out.end(), chunk.begin(), chunk.end());
        offset += length;
    } while (offset < plain.size());
    return out;
}

std::size_t sealedSizeOf(std::size_t plainSize) {
    const std::size_t chunks = plainSize == 0 ? 1 : (plainSize + kChunk - 1) / kChunk;
    return kHeader + plainSize + chunks * kOverhead;
}

} // namespace

class TestSecretStream : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void decryptsWhatLibsodiumsPushApiWrote() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto plain = patterned(2 * kChunk + 100);
        const auto sealed =
            libsodiumStream(key, plain, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
        const Result<SecureBuffer> opened = secretStreamDecrypt(key, sealed);
        QVERIFY(opened.ok());
        QVERIFY(opened.value().equals(plain));
    }

    void libsodiumsPullApiReadsWhatWeWrote() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto plain = patterned(kChunk + 1);
        const auto sealed = secretStreamEncrypt(key, plain);
        QCOMPARE(sealed.size(), sealedSizeOf(plain.size()));

        crypto_secretstream_xchacha20poly1305_state state;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(&state, sealed.data(), key.data()),
                 0);
        std::vector<std::uint8_t> first(kChunk);
        unsigned char tag = 0xff;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(&state, first.data(), nullptr, &tag,
                                                            sealed.data() + kHeader, kSealedChunk,
                                                            nullptr, 0),
                 0);
        QCOMPARE(tag, std::uint8_t{crypto_secretstream_xchacha20poly1305_TAG_MESSAGE});
        std::uint8_t last = 0;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(&state, &last, nullptr, &tag,
                                                            sealed.data() + kHeader + kSealedChunk,
                                                            1 + kOverhead, nullptr, 0),
                 0);
        QCOMPARE(tag, std::uint8_t{crypto_secretstream_xchacha20poly1305_TAG_FINAL});
        first.push_back(last);
        QCOMPARE(first, plain);
    }

    void roundTripsAtChunkBoundaries_data() {
        QTest::addColumn<qulonglong>("size");
        for (std::size_t size :
             {std::size_t{0}, std::size_t{1}, kChunk - 1, kChunk, kChunk + 1, 3 * kChunk + 5}) {
            QTest::addRow("%zu bytes", size) << qulonglong{size};
        }
    }
    void roundTripsAtChunkBoundaries() {
        QFETCH(qulonglong, size);
        const SecureBuffer key = SecureBuffer::random(32);
        const auto plain = patterned(size);
        const auto sealed = secretStreamEncrypt(key, plain);
        QCOMPARE(sealed.size(), sealedSizeOf(size));
        const auto opened = secretStreamDecrypt(key, sealed);
        QVERIFY(opened.ok());
        QVERIFY(opened.value().equals(plain));
    }

    void flippingAnyByteOfASingleChunkStreamIsDetected() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto sealed = secretStreamEncrypt(key, patterned(200));
        for (std::size_t position = 0; position < sealed.size(); ++position) {
            std::vector<std::uint8_t> altered = sealed;
            altered[position] ^= 0x01;
            const auto opened = secretStreamDecrypt(key, altered);
            QVERIFY2(!opened.ok(), qPrintable(QString::number(position)));
            QCOMPARE(opened.error(), Error::AuthenticationFailed);
        }
    }

    void flippingBytesInEveryRegionOfAMultiChunkStreamIsDetected() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto sealed = secretStreamEncrypt(key, patterned(2 * kChunk + 300));
        // Every byte of the header and of each chunk's first and last 64 bytes (where the tag
        // and the encrypted tag byte sit), and one byte in every 509 elsewhere.
        std::vector<std::size_t> positions;
        for (std::size_t p = 0; p < kHeader; ++p) {
            positions.push_back(p);
        }
        for (std::size_t start = kHeader; start < sealed.size(); start += kSealedChunk) {
            const std::size_t end = std::min(start + kSealedChunk, sealed.size());
            for (std::size_t p = start; p < end; ++p) {
                if (p < start + 64 || p + 64 >= end || (p - start) % 509 == 0) {
                    positions.push_back(p);
                }
            }
        }
        QVERIFY(positions.size() > 500);
        for (std::size_t position : positions) {
            std::vector<std::uint8_t> altered = sealed;
            altered[position] ^= 0x80;
            const auto opened = secretStreamDecrypt(key, altered);
            QVERIFY2(!opened.ok(), qPrintable(QString::number(position)));
            QCOMPARE(opened.error(), Error::AuthenticationFailed);
        }
    }

    void cuttingAtAChunkBoundaryIsTruncated() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto sealed = secretStreamEncrypt(key, patterned(2 * kChunk + 300));
        for (std::size_t length : {std::size_t{0}, kHeader - 1, kHeader, kHeader + kSealedChunk,
                                   kHeader + 2 * kSealedChunk}) {
            const auto opened = secretStreamDecrypt(key, std::span(sealed).first(length));
            QCOMPARE(opened.error(), Error::Truncated);
        }
    }

    void cuttingInsideAChunkIsDetected() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto sealed = secretStreamEncrypt(key, patterned(2 * kChunk + 300));
        for (std::size_t length :
             {kHeader + 1, kHeader + kOverhead, kHeader + kSealedChunk - 1,
              kHeader + kSealedChunk + 1, sealed.size() - 1, sealed.size() - kOverhead}) {
            const auto opened = secretStreamDecrypt(key, std::span(sealed).first(length));
            QVERIFY(!opened.ok());
            QCOMPARE(opened.error(), Error::AuthenticationFailed);
        }
    }

    void reorderedDroppedOrAppendedChunksAreDetected() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto sealed = secretStreamEncrypt(key, patterned(3 * kChunk + 10));
        const auto chunkAt = [&](std::size_t index) {
            const auto begin =
                sealed.begin() + static_cast<std::ptrdiff_t>(kHeader + index * kSealedChunk);
            return std::vector<std::uint8_t>(begin,
                                             begin + static_cast<std::ptrdiff_t>(kSealedChunk));
        };
        const std::vector<std::uint8_t> header(sealed.begin(), sealed.begin() + kHeader);
        const std::vector<std::uint8_t> tail(sealed.begin() + kHeader + 3 * kSealedChunk,
                                             sealed.end());
        const auto join = [&](std::initializer_list<std::vector<std::uint8_t>> parts) {
            std::vector<std::uint8_t> out = header;
            for (const auto& part : parts) {
                out.insert(out.end(), part.begin(), part.end());
            }
            return out;
        };

        QCOMPARE(secretStreamDecrypt(key, join({chunkAt(1), chunkAt(0), chunkAt(2), tail})).error(),
                 Error::AuthenticationFailed);
        QCOMPARE(secretStreamDecrypt(key, join({chunkAt(0), chunkAt(2), tail})).error(),
                 Error::AuthenticationFailed);
        QCOMPARE(secretStreamDecrypt(key, join({chunkAt(0), chunkAt(0), chunkAt(1), tail})).error(),
                 Error::AuthenticationFailed);

        std::vector<std::uint8_t> appended = sealed;
        appended.push_back(0);
        QCOMPARE(secretStreamDecrypt(key, appended).error(), Error::AuthenticationFailed);

        // A whole authentic-looking stream after a FINAL chunk: the FINAL chunk must be last.
        const auto exact = secretStreamEncrypt(key, patterned(kChunk));
        std::vector<std::uint8_t> extended = exact;
        extended.insert(extended.end(), exact.begin() + kHeader, exact.end());
        QCOMPARE(secretStreamDecrypt(key, extended).error(), Error::AuthenticationFailed);
    }

    void anAuthenticStreamWithoutFinalIsTruncated() {
        const SecureBuffer key = SecureBuffer::random(32);
        const auto sealed = libsodiumStream(key, patterned(kChunk + 5),
                                            crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        QCOMPARE(secretStreamDecrypt(key, sealed).error(), Error::Truncated);
    }

    void anotherKeyIsAuthenticationFailed() {
        const auto sealed = secretStreamEncrypt(SecureBuffer::random(32), patterned(10));
        QCOMPARE(secretStreamDecrypt(SecureBuffer::random(32), sealed).error(),
                 Error::AuthenticationFailed);
    }

    void keysOfTheWrongSizeAreRefused() {
        const auto sealed = secretStreamEncrypt(SecureBuffer::random(32), patterned(10));
        for (std::size_t size : {std::size_t{0}, std::size_t{31}, std::size_t{33}}) {
            const SecureBuffer key = SecureBuffer::random(size);
            QCOMPARE(secretStreamDecrypt(key, sealed).error(), Error::InvalidArgument);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                     (void)secretStreamEncrypt(key, patterned(10)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSecretStream)
#include "tst_secret_stream.moc"
