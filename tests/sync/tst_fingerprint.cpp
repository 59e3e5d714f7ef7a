#include "vigil/sync/fingerprint.h"

#include <QRegularExpression>
#include <QTest>

using namespace vigil;
using namespace vigil::sync;

class FingerprintTest : public QObject {
    Q_OBJECT
private slots:
    void isThreeGroupsOfFourCrockfordCharacters() {
        const auto keys = crypto::generateSigningKeyPair();
        const auto text = QString::fromStdString(shortFingerprint(keys.publicKey));
        QVERIFY2(QRegularExpression(
                     "^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
                     .match(text)
                     .hasMatch(),
                 qPrintable(text));
    }

    void isTheSameForTheSameKeyAndDiffersBetweenKeys() {
        const auto a = crypto::generateSigningKeyPair();
        const auto b = crypto::generateSigningKeyPair();
        QCOMPARE(shortFingerprint(a.publicKey), shortFingerprint(a.publicKey));
        QVERIFY(shortFingerprint(a.publicKey) != shortFingerprint(b.publicKey));
    }

    void knownAnswers() {
        // Computed independently (Python's hashlib.blake2b, digest_size=32, over the context tag
        // and the key; the first 60 bits in Crockford base32): a kiosk and a console of
        // different builds must show the same text for the same key.
        crypto::SigningPublicKey zero{};
        QCOMPARE(shortFingerprint(zero), std::string("QYTH-7QN8-6Z8C"));
        crypto::SigningPublicKey one{};
        one[31] = 1;
        QCOMPARE(shortFingerprint(one), std::string("5D00-XDM7-6B27"));
    }

    void whatAPersonTypesIsNormalised() {
        const auto keys = crypto::generateSigningKeyPair();
        const auto canonical = shortFingerprint(keys.publicKey);
        QVERIFY(fingerprintMatches(keys.publicKey, canonical));
        std::string typed;
        for (const char c : canonical) {
            if (c != '-') {
                typed += char(std::tolower(static_cast<unsigned char>(c)));
            }
        }
        QVERIFY(fingerprintMatches(keys.publicKey, typed));
        QCOMPARE(normaliseFingerprint("abcd efgh jkmn").value(), std::string("ABCD-EFGH-JKMN"));
        QCOMPARE(normaliseFingerprint("O0Il-1111-2222").value(), std::string("0011-1111-2222"));
    }

    void otherTextIsRefused() {
        QVERIFY(!normaliseFingerprint("ABCD-EFGH-JKM").has_value());   // 11 characters
        QVERIFY(!normaliseFingerprint("ABCD-EFGH-JKMNP").has_value()); // 13
        QVERIFY(!normaliseFingerprint("ABCD-EFGH-JKMU").has_value());  // U is not Crockford
        QVERIFY(!normaliseFingerprint("").has_value());
        const auto keys = crypto::generateSigningKeyPair();
        const auto other = crypto::generateSigningKeyPair();
        QVERIFY(!fingerprintMatches(keys.publicKey, shortFingerprint(other.publicKey)));
    }
};

QTEST_GUILESS_MAIN(FingerprintTest)
#include "tst_fingerprint.moc"
