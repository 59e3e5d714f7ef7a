#include "vigil/crypto/signing.h"

#include <QTest>
#include <array>
#include <sodium.h>
#include <stdexcept>
#include <string_view>
#include <vector>

using namespace vigil::crypto;

namespace {

std::vector<std::uint8_t> bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

std::array<std::uint8_t, 32> seedOf(std::uint8_t start) {
    std::array<std::uint8_t, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) {
        seed[i] = static_cast<std::uint8_t>(start + 3 * i);
    }
    return seed;
}

const std::vector<std::uint8_t> kMessage = bytesOf("result: 601/8928/9 pass 34/40 seat 7");

} // namespace

class TestSigning : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void seedKeyPairIsLibsodiums() {
        const auto seed = seedOf(11);
        const Result<SigningKeyPair> keys = signingKeyPairFromSeed(seed);
        QVERIFY(keys.ok());
        std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> publicKey{};
        std::array<std::uint8_t, crypto_sign_SECRETKEYBYTES> secretKey{};
        QCOMPARE(crypto_sign_seed_keypair(publicKey.data(), secretKey.data(), seed.data()), 0);
        QCOMPARE(keys.value().publicKey, publicKey);
        QVERIFY(keys.value().secretKey.equals(secretKey));
    }

    void signatureIsCryptoSignDetached() {
        const auto keys = signingKeyPairFromSeed(seedOf(5));
        QVERIFY(keys.ok());
        Signature expected{};
        QCOMPARE(crypto_sign_detached(expected.data(), nullptr, kMessage.data(), kMessage.size(),
                                      keys.value().secretKey.data()),
                 0);
        QCOMPARE(sign(keys.value(), kMessage), expected);
        QCOMPARE(crypto_sign_verify_detached(expected.data(), kMessage.data(), kMessage.size(),
                                             keys.value().publicKey.data()),
                 0);
    }

    void keyIdIsTheFirstBytesOfBlake2bOfThePublicKey() {
        const SigningKeyPair keys = generateSigningKeyPair();
        std::array<std::uint8_t, crypto_generichash_BYTES> digest{};
        QCOMPARE(crypto_generichash(digest.data(), digest.size(), keys.publicKey.data(),
                                    keys.publicKey.size(), nullptr, 0),
                 0);
        const KeyId id = keyIdOf(keys.publicKey);
        QVERIFY(std::equal(id.begin(), id.end(), digest.begin()));
        QVERIFY(keyIdOf(generateSigningKeyPair().publicKey) != id);
    }

    void signedMessagesVerifyIncludingEmptyOnes() {
        const SigningKeyPair keys = generateSigningKeyPair();
        QCOMPARE(keys.secretKey.size(), std::size_t{crypto_sign_SECRETKEYBYTES});
        QVERIFY(verifySignature(keys.publicKey, kMessage, sign(keys, kMessage)));
        QVERIFY(verifySignature(keys.publicKey, {}, sign(keys, {})));
    }

    void flippingAnyByteOfTheSignatureFailsVerification() {
        const SigningKeyPair keys = generateSigningKeyPair();
        const Signature signature = sign(keys, kMessage);
        for (std::size_t position = 0; position < signature.size(); ++position) {
            Signature altered = signature;
            altered[position] ^= 0x01;
            QVERIFY2(!verifySignature(keys.publicKey, kMessage, altered),
                     qPrintable(QString::number(position)));
        }
    }

    void flippingAnyByteOfTheMessageFailsVerification() {
        const SigningKeyPair keys = generateSigningKeyPair();
        const Signature signature = sign(keys, kMessage);
        for (std::size_t position = 0; position < kMessage.size(); ++position) {
            std::vector<std::uint8_t> altered = kMessage;
            altered[position] ^= 0x01;
            QVERIFY(!verifySignature(keys.publicKey, altered, signature));
        }
        QVERIFY(!verifySignature(keys.publicKey, std::span(kMessage).first(kMessage.size() - 1),
                                 signature));
        std::vector<std::uint8_t> extended = kMessage;
        extended.push_back(0);
        QVERIFY(!verifySignature(keys.publicKey, extended, signature));
    }

    void anotherKeysSignatureFailsVerification() {
        const SigningKeyPair keys = generateSigningKeyPair();
        const SigningKeyPair other = generateSigningKeyPair();
        QVERIFY(!verifySignature(keys.publicKey, kMessage, sign(other, kMessage)));
        QVERIFY(!verifySignature(SigningPublicKey{}, kMessage, sign(keys, kMessage)));
    }

    void seedsOfTheWrongSizeAreRefused() {
        for (std::size_t size :
             {std::size_t{0}, std::size_t{31}, std::size_t{33}, std::size_t{64}}) {
            const std::vector<std::uint8_t> seed(size, 1);
            QCOMPARE(signingKeyPairFromSeed(seed).error(), Error::InvalidArgument);
        }
    }

    void signingWithAnEmptyKeyThrows() {
        SigningKeyPair keys = generateSigningKeyPair();
        SecureBuffer taken = std::move(keys.secretKey);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)sign(keys, kMessage));
        QCOMPARE(taken.size(), std::size_t{64});
    }
};

QTEST_GUILESS_MAIN(TestSigning)
#include "tst_signing.moc"
