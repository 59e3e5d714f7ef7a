#include "vigil/crypto/error.h"
#include "vigil/crypto/sodium.h"

#include <QTest>
#include <set>
#include <string>

using namespace vigil::crypto;

class TestError : public QObject {
    Q_OBJECT

private slots:
    void everyErrorHasItsOwnSentence() {
        const Error all[] = {Error::SodiumInitFailed,
                             Error::OutOfMemory,
                             Error::InvalidArgument,
                             Error::Truncated,
                             Error::UnknownFormat,
                             Error::AuthenticationFailed,
                             Error::BadSignature,
                             Error::KeyMismatch,
                             Error::FileNotFound,
                             Error::FilePermissions,
                             Error::Io};
        std::set<std::string_view> sentences;
        for (Error error : all) {
            QVERIFY(!describe(error).empty());
            sentences.insert(describe(error));
        }
        QCOMPARE(sentences.size(), std::size(all));
        QVERIFY(describe(Error::FilePermissions).find("0600") != std::string_view::npos);
    }

    void resultHoldsValueOrError() {
        Result<int> value(7);
        QVERIFY(value.ok());
        QCOMPARE(value.value(), 7);
        Result<int> failure(Error::Truncated);
        QVERIFY(!failure);
        QCOMPARE(failure.error(), Error::Truncated);
    }

    void sodiumStartsAndRestartsHarmlessly() {
        QVERIFY(ensureSodium().ok());
        QVERIFY(ensureSodium().ok());
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
