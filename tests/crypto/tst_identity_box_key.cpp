#include "vigil/crypto/hash.h"
#include "vigil/crypto/identity_box_key.h"

#include <QTest>
#include <sodium.h>
#include <string_view>
#include <vector>

using namespace vigil::crypto;

namespace {

// RFC 8032, section 7.1, test 1: an Ed25519 seed and its public key.
constexpr std::string_view kSeedHex =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kEd25519PublicHex =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
// Computed apart from libsodium (Python, big integers): the secret is SHA-512(seed)[0..32]
// clamped; the public key is u = (1 + y) / (1 - y) mod 2^255 - 19 of the Ed25519 point, which
// also equals X25519(secret, 9).
constexpr std::string_view kX25519SecretHex =
    "307c83864f2833cb427a2ef1c00a013cfdff2768d980c0a3a520f006904de94f";
constexpr std::string_view kX25519PublicHex =
    "d85e07ec22b0ad881537c2f44d662d1a143cf830c57aca4305d85c7a90f6b62e";

std::vector<std::uint8_t> bytes(std::string_view hex) {
    std::vector<std::uint8_t> decoded(hex.size() / 2);
    if (!fromHex(hex, decoded)) {
        qFatal("bad hex in the test");
    }
    return decoded;
}

SigningKeyPair rfc8032Identity() {
    auto keys = signingKeyPairFromSeed(bytes(kSeedHex));
    if (!keys) {
        qFatal("the RFC 8032 seed does not make a key pair");
    }
    return std::move(keys).value();
}

} // namespace

class TestIdentityBoxKey : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void knownAnswerFromTheRfc8032Identity() {
        const auto identity = rfc8032Identity();
        QCOMPARE(toHex(identity.publicKey), std::string(kEd25519PublicHex));
        const auto boxKeys = boxKeyPairOf(identity);
        QVERIFY(boxKeys.ok());
        QCOMPARE(toHex(boxKeys.value().publicKey), std::string(kX25519PublicHex));
        QCOMPARE(toHex(boxKeys.value().secretKey.span()), std::string(kX25519SecretHex));
        const auto fromPublicAlone = boxPublicKeyOf(identity.publicKey);
        QVERIFY(fromPublicAlone.ok());
        QCOMPARE(toHex(fromPublicAlone.value()), std::string(kX25519PublicHex));
    }

    void aBoxSealedToTheIdentityOpensWithItsOwnSecretOnly() {
        const auto identity = generateSigningKeyPair();
        const auto recipient = boxPublicKeyOf(identity.publicKey);
        QVERIFY(recipient.ok());
        const std::vector<std::uint8_t> contentKey(32, 0x5A);
        const auto sealed = sealTo(recipient.value(), contentKey);

        const auto mine = boxKeyPairOf(identity);
        QVERIFY(mine.ok());
        const auto opened = openSealed(mine.value(), sealed);
        QVERIFY(opened.ok());
        QVERIFY(opened.value().equals(contentKey));

        const auto another = boxKeyPairOf(generateSigningKeyPair());
        QVERIFY(another.ok());
        const auto refused = openSealed(another.value(), sealed);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), Error::AuthenticationFailed);
    }

    void aPublicKeyOffTheCurveIsRefused() {
        // y = 2 is not the y-coordinate of any point of edwards25519.
        SigningPublicKey notAPoint{};
        notAPoint[0] = 2;
        const auto converted = boxPublicKeyOf(notAPoint);
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error(), Error::InvalidArgument);
    }

    void aKeyPairWithoutItsSecretIsRefused() {
        SigningKeyPair moved = generateSigningKeyPair();
        SigningKeyPair taken = std::move(moved);
        const auto converted = boxKeyPairOf(moved); // NOLINT(bugprone-use-after-move): on purpose
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error(), Error::InvalidArgument);
        QVERIFY(boxKeyPairOf(taken).ok());
    }

    void halvesThatDoNotBelongTogetherAreRefused() {
        auto identity = generateSigningKeyPair();
        identity.publicKey = generateSigningKeyPair().publicKey;
        const auto converted = boxKeyPairOf(identity);
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error(), Error::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestIdentityBoxKey)
#include "tst_identity_box_key.moc"
