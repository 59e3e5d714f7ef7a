#include "vigil/crypto/sealed_box.h"

#include <QTest>
#include <sodium.h>
#include <stdexcept>
#include <string_view>
#include <vector>

using namespace vigil::crypto;

namespace {

std::vector<std::uint8_t> bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

const std::vector<std::uint8_t> kMessage = bytesOf("invigilation record, centre 04512, room B");

} // namespace

class TestSealedBox : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void opensWhatCryptoBoxSealProduced() {
        const BoxKeyPair recipient = generateBoxKeyPair();
        std::vector<std::uint8_t> sealed(kMessage.size() + crypto_box_SEALBYTES);
        QCOMPARE(crypto_box_seal(sealed.data(), kMessage.data(), kMessage.size(),
                                 recipient.publicKey.data()),
                 0);
        const Result<SecureBuffer> opened = openSealed(recipient, sealed);
        QVERIFY(opened.ok());
        QVERIFY(opened.value().equals(kMessage));
    }

    void cryptoBoxSealOpenOpensWhatSealToProduced() {
        const BoxKeyPair recipient = generateBoxKeyPair();
        const std::vector<std::uint8_t> sealed = sealTo(recipient.publicKey, kMessage);
        QCOMPARE(sealed.size(), kMessage.size() + kSealOverheadBytes);
        std::vector<std::uint8_t> opened(kMessage.size());
        QCOMPARE(crypto_box_seal_open(opened.data(), sealed.data(), sealed.size(),
                                      recipient.publicKey.data(), recipient.secretKey.data()),
                 0);
        QCOMPARE(opened, kMessage);
    }

    void keyPairsAreConsistentAndDistinct() {
        const BoxKeyPair keys = generateBoxKeyPair();
        BoxPublicKey derived{};
        QCOMPARE(crypto_scalarmult_base(derived.data(), keys.secretKey.data()), 0);
        QCOMPARE(derived, keys.publicKey);
        QVERIFY(generateBoxKeyPair().publicKey != keys.publicKey);
    }

    void emptyMessagesRoundTrip() {
        const BoxKeyPair recipient = generateBoxKeyPair();
        const auto sealed = sealTo(recipient.publicKey, {});
        QCOMPARE(sealed.size(), kSealOverheadBytes);
        const auto opened = openSealed(recipient, sealed);
        QVERIFY(opened.ok());
        QVERIFY(opened.value().empty());
    }

    void flippingAnyByteIsDetected() {
        const BoxKeyPair recipient = generateBoxKeyPair();
        const auto sealed = sealTo(recipient.publicKey, kMessage);
        for (std::size_t position = 0; position < sealed.size(); ++position) {
            std::vector<std::uint8_t> altered = sealed;
            altered[position] ^= 0x01;
            const auto opened = openSealed(recipient, altered);
            QVERIFY2(!opened.ok(), qPrintable(QString::number(position)));
            QCOMPARE(opened.error(), Error::AuthenticationFailed);
        }
    }

    void truncationIsDetectedAtEveryLength() {
        const BoxKeyPair recipient = generateBoxKeyPair();
        const auto sealed = sealTo(recipient.publicKey, kMessage);
        for (std::size_t length = 0; length < sealed.size(); ++length) {
            const auto opened = openSealed(recipient, std::span(sealed).first(length));
            QCOMPARE(opened.error(),
                     length < kSealOverheadBytes ? Error::Truncated : Error::AuthenticationFailed);
        }
    }

    void anotherRecipientCannotOpen() {
        const auto sealed = sealTo(generateBoxKeyPair().publicKey, kMessage);
        QCOMPARE(openSealed(generateBoxKeyPair(), sealed).error(), Error::AuthenticationFailed);
    }

    void aSecretKeyOfTheWrongSizeIsRefused() {
        BoxKeyPair recipient = generateBoxKeyPair();
        const auto sealed = sealTo(recipient.publicKey, kMessage);
        recipient.secretKey = SecureBuffer::random(31);
        QCOMPARE(openSealed(recipient, sealed).error(), Error::InvalidArgument);
        recipient.secretKey = SecureBuffer();
        QCOMPARE(openSealed(recipient, sealed).error(), Error::InvalidArgument);
    }

    void sealingToAnAllZeroKeyThrows() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)sealTo(BoxPublicKey{}, kMessage));
    }
};

QTEST_GUILESS_MAIN(TestSealedBox)
#include "tst_sealed_box.moc"
