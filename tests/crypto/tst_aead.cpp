#include "vigil/crypto/aead.h"

#include <QTest>
#include <sodium.h>
#include <string_view>
#include <vector>

using namespace vigil::crypto;

namespace {

std::vector<std::uint8_t> bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

// A key the test knows, so libsodium can be called directly with it.
SecureBuffer fixedKey(std::uint8_t fill) {
    SecureBuffer key(kAeadKeyBytes);
    for (std::size_t i = 0; i < key.size(); ++i) {
        key.data()[i] = static_cast<std::uint8_t>(fill + i);
    }
    return key;
}

const std::vector<std::uint8_t> kMessage =
    bytesOf("candidate 20451: answers for paper 601/8928/9, question 1-40, final");
const std::vector<std::uint8_t> kContext = bytesOf("record:v1:seat-12");

} // namespace

class TestAead : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void sealedBytesAreLibsodiumsWithTheSameNonce() {
        const SecureBuffer key = fixedKey(1);
        const Result<std::vector<std::uint8_t>> sealed = aeadSeal(key, kMessage, kContext);
        QVERIFY(sealed.ok());
        QCOMPARE(sealed.value().size(), kAeadNonceBytes + kMessage.size() + kAeadTagBytes);

        std::vector<std::uint8_t> expected(kMessage.size() + kAeadTagBytes);
        unsigned long long expectedLength = 0;
        QCOMPARE(crypto_aead_xchacha20poly1305_ietf_encrypt(
                     expected.data(), &expectedLength, kMessage.data(), kMessage.size(),
                     kContext.data(), kContext.size(), nullptr, sealed.value().data(), key.data()),
                 0);
        QCOMPARE(expectedLength, expected.size());
        const std::vector<std::uint8_t> ciphertext(sealed.value().begin() + kAeadNonceBytes,
                                                   sealed.value().end());
        QCOMPARE(ciphertext, expected);
    }

    void opensWhatLibsodiumEncrypted() {
        const SecureBuffer key = fixedKey(7);
        std::vector<std::uint8_t> sealed(kAeadNonceBytes + kMessage.size() + kAeadTagBytes);
        for (std::size_t i = 0; i < kAeadNonceBytes; ++i) {
            sealed[i] = static_cast<std::uint8_t>(0xa0 + i);
        }
        unsigned long long length = 0;
        QCOMPARE(crypto_aead_xchacha20poly1305_ietf_encrypt(
                     sealed.data() + kAeadNonceBytes, &length, kMessage.data(), kMessage.size(),
                     kContext.data(), kContext.size(), nullptr, sealed.data(), key.data()),
                 0);
        const Result<SecureBuffer> opened = aeadOpen(key, sealed, kContext);
        QVERIFY(opened.ok());
        QVERIFY(opened.value().equals(kMessage));
    }

    void roundTripsWithAndWithoutContextAndEmptyMessages() {
        const SecureBuffer key = generateAeadKey();
        QCOMPARE(key.size(), kAeadKeyBytes);
        for (const auto& message : {kMessage, std::vector<std::uint8_t>{}}) {
            for (const auto& context : {kContext, std::vector<std::uint8_t>{}}) {
                const auto sealed = aeadSeal(key, message, context);
                QVERIFY(sealed.ok());
                const auto opened = aeadOpen(key, sealed.value(), context);
                QVERIFY(opened.ok());
                QVERIFY(opened.value().equals(message));
            }
        }
    }

    void everySealUsesAFreshNonce() {
        const SecureBuffer key = generateAeadKey();
        const auto first = aeadSeal(key, kMessage);
        const auto second = aeadSeal(key, kMessage);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(!std::equal(first.value().begin(), first.value().begin() + kAeadNonceBytes,
                            second.value().begin()));
        QVERIFY(first.value() != second.value());
        QVERIFY(!generateAeadKey().equals(key.span()));
    }

    void flippingAnyByteOfNonceCiphertextOrTagIsDetected() {
        const SecureBuffer key = generateAeadKey();
        const auto sealed = aeadSeal(key, kMessage, kContext);
        QVERIFY(sealed.ok());
        for (std::size_t position = 0; position < sealed.value().size(); ++position) {
            for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
                std::vector<std::uint8_t> altered = sealed.value();
                altered[position] ^= mask;
                const auto opened = aeadOpen(key, altered, kContext);
                QVERIFY2(!opened.ok(), qPrintable(QString::number(position)));
                QCOMPARE(opened.error(), Error::AuthenticationFailed);
            }
        }
    }

    void alteredMissingOrExtraContextIsDetected() {
        const SecureBuffer key = generateAeadKey();
        const auto sealed = aeadSeal(key, kMessage, kContext);
        QVERIFY(sealed.ok());
        for (std::size_t position = 0; position < kContext.size(); ++position) {
            std::vector<std::uint8_t> context = kContext;
            context[position] ^= 0x01;
            QCOMPARE(aeadOpen(key, sealed.value(), context).error(), Error::AuthenticationFailed);
        }
        QCOMPARE(aeadOpen(key, sealed.value()).error(), Error::AuthenticationFailed);
        std::vector<std::uint8_t> longer = kContext;
        longer.push_back(0);
        QCOMPARE(aeadOpen(key, sealed.value(), longer).error(), Error::AuthenticationFailed);
    }

    void truncationIsDetectedAtEveryLength() {
        const SecureBuffer key = generateAeadKey();
        const auto sealed = aeadSeal(key, kMessage);
        QVERIFY(sealed.ok());
        for (std::size_t length = 0; length < sealed.value().size(); ++length) {
            const auto opened = aeadOpen(key, std::span(sealed.value()).first(length));
            QVERIFY(!opened.ok());
            QCOMPARE(opened.error(), length < kAeadNonceBytes + kAeadTagBytes
                                         ? Error::Truncated
                                         : Error::AuthenticationFailed);
        }
    }

    void wrongKeyIsAuthenticationFailed() {
        const auto sealed = aeadSeal(fixedKey(1), kMessage);
        QVERIFY(sealed.ok());
        QCOMPARE(aeadOpen(fixedKey(2), sealed.value()).error(), Error::AuthenticationFailed);
    }

    void keysOfTheWrongSizeAreRefused() {
        for (std::size_t size :
             {std::size_t{0}, std::size_t{16}, std::size_t{31}, std::size_t{33}, std::size_t{64}}) {
            const SecureBuffer key = SecureBuffer::random(size);
            QCOMPARE(aeadSeal(key, kMessage).error(), Error::InvalidArgument);
            const auto sealed = aeadSeal(generateAeadKey(), kMessage);
            QCOMPARE(aeadOpen(key, sealed.value()).error(), Error::InvalidArgument);
        }
    }
};

QTEST_GUILESS_MAIN(TestAead)
#include "tst_aead.moc"
