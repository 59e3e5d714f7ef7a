#include "vigil/crypto/password_hash.h"

#include <QTest>
#include <array>
#include <sodium.h>
#include <string>

using namespace vigil::crypto;

namespace {

std::string libsodiumHash(std::string_view secret, unsigned long long ops, std::size_t mem) {
    std::array<char, crypto_pwhash_STRBYTES> text{};
    const int result = crypto_pwhash_str(text.data(), secret.data(), secret.size(), ops, mem);
    Q_ASSERT(result == 0);
    return text.data();
}

const std::string kSecret = "4821:Brake-Disc-Rotor-77";

} // namespace

class TestPasswordHash : public QObject {
    Q_OBJECT

    std::string stored_; // one hash at today's parameters, shared: each costs a login's time

private slots:
    void initTestCase() {
        QVERIFY(sodium_init() >= 0);
        const Result<std::string> hashed = hashPassword(kSecret);
        QVERIFY(hashed.ok());
        stored_ = hashed.value();
    }

    void hashIsArgon2idWithTodaysParameters() {
        const PasswordHashParameters parameters = passwordHashParameters();
        QVERIFY(parameters.opsLimit >= crypto_pwhash_OPSLIMIT_INTERACTIVE);
        QVERIFY(parameters.memLimit >= crypto_pwhash_MEMLIMIT_INTERACTIVE);
        const std::string expectedPrefix =
            "$argon2id$v=19$m=" + std::to_string(parameters.memLimit / 1024) +
            ",t=" + std::to_string(parameters.opsLimit) + ",p=1$";
        QVERIFY2(stored_.starts_with(expectedPrefix), stored_.c_str());
        QVERIFY(stored_.find(kSecret) == std::string::npos);
    }

    void theRightSecretVerifies() { QVERIFY(verifyPassword(stored_, kSecret)); }

    void aWrongSecretDoesNot() {
        QVERIFY(!verifyPassword(stored_, "4821:Brake-Disc-Rotor-78"));
        QVERIFY(!verifyPassword(stored_, "4822:Brake-Disc-Rotor-77"));
        QVERIFY(!verifyPassword(stored_, ""));
    }

    void sameSecretHashesDifferentlyEachTime() {
        const Result<std::string> again = hashPassword(kSecret);
        QVERIFY(again.ok());
        QVERIFY(again.value() != stored_); // a fresh salt
    }

    void anEmptySecretIsNotACredential() {
        QCOMPARE(hashPassword("").error(), Error::InvalidArgument);
    }

    void malformedHashStringsNeverVerify() {
        std::string withNul = stored_;
        withNul[5] = '\0';
        std::string otherAlgorithm = stored_;
        otherAlgorithm.replace(0, 9, "$argon2x$");
        for (const std::string& malformed :
             {std::string(), std::string("garbage"), std::string("$argon2id$"),
              stored_.substr(0, stored_.size() / 2), stored_.substr(0, stored_.size() - 1), withNul,
              otherAlgorithm, std::string(300, 'a'), stored_ + std::string(200, 'A')}) {
            QVERIFY2(!verifyPassword(malformed, kSecret), malformed.c_str());
            QVERIFY(passwordNeedsRehash(malformed));
        }
    }

    void todaysHashNeedsNoRehash() { QVERIFY(!passwordNeedsRehash(stored_)); }

    // Every shortened form, not the one a random salt happens to give: libsodium alone accepts
    // a hash one character short about one time in sixteen (when its last character decodes
    // with no leftover bits).
    void everyShortenedHashNeedsRehash() {
        for (std::size_t cut = 1; cut < 45; ++cut) {
            QVERIFY2(passwordNeedsRehash(stored_.substr(0, stored_.size() - cut)),
                     qPrintable(QString::number(cut)));
        }
        const auto saltEnd = stored_.rfind('$');
        std::string shortSalt = stored_;
        shortSalt.erase(saltEnd - 1, 1);
        QVERIFY(passwordNeedsRehash(shortSalt));
        QVERIFY(!passwordNeedsRehash(stored_));
    }

    void aHashWithWeakerParametersNeedsRehashButStillVerifies() {
        const std::string weak =
            libsodiumHash(kSecret, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
        QVERIFY(verifyPassword(weak, kSecret));
        QVERIFY(passwordNeedsRehash(weak));
        const std::string interactive = libsodiumHash(kSecret, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                      crypto_pwhash_MEMLIMIT_INTERACTIVE);
        QVERIFY(passwordNeedsRehash(interactive));
    }

    void anArgon2iHashNeedsRehash() {
        std::array<char, crypto_pwhash_STRBYTES> text{};
        QCOMPARE(crypto_pwhash_argon2i_str(text.data(), kSecret.data(), kSecret.size(),
                                           crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                           crypto_pwhash_argon2i_MEMLIMIT_MIN),
                 0);
        QVERIFY(passwordNeedsRehash(text.data()));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_password_hash.moc"
