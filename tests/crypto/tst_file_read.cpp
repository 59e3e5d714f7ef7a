// The one reader of whole files and secret files: bounded, a regular file only, a secret
// refused when others may read it, every failure typed and naming the file.
#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"

#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace vigil::crypto;
namespace fs = std::filesystem;

class TestFileRead : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    fs::path path(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }
    fs::path write(const char* name, const std::string& text, unsigned mode) const {
        const std::vector<std::uint8_t> bytes(text.begin(), text.end());
        if (!writeFileAtomically(path(name), bytes, mode)) {
            qFatal("cannot write %s", name);
        }
        return path(name);
    }

private slots:
    void aWholeFileIsReadUpToItsLimit() {
        const auto file = write("assignment", "signed bytes", 0644);
        const auto read = readFileBytes(file, 12);
        QVERIFY(read);
        QCOMPARE(std::string(read.value().begin(), read.value().end()),
                 std::string("signed bytes"));

        const auto tooLarge = readFileBytes(file, 11);
        QVERIFY(!tooLarge);
        QCOMPARE(tooLarge.error().error, FileReadError::TooLarge);
        QCOMPARE(tooLarge.error().file, file);
        QVERIFY(tooLarge.error().describe().find(file.string()) != std::string::npos);
        QVERIFY(tooLarge.error().describe().find("larger than 11 bytes") != std::string::npos);
    }

    void aMissingFileAndAFolderAreNamedAsSuch() {
        const auto missing = readFileBytes(path("missing.vigil"), 100);
        QCOMPARE(missing.error().error, FileReadError::NotFound);
        QCOMPARE(missing.error().file, path("missing.vigil"));
        QCOMPARE(readFileBytes(path("missing/below"), 100).error().error, FileReadError::NotFound);
        fs::create_directory(path("folder"));
        QCOMPARE(readFileBytes(path("folder"), 100).error().error, FileReadError::NotARegularFile);
        QCOMPARE(readSecretFile(path("folder"), SecretFileRule::atMost(100)).error().error,
                 FileReadError::NotARegularFile);
    }

    void aSecretOfExactlyItsSizeIsReadIntoProtectedMemory() {
        const auto file = write("store.key", std::string(32, 'k'), 0600);
        const auto key = readSecretFile(file, SecretFileRule::exactly(32));
        QVERIFY(key);
        QCOMPARE(key.value().size(), std::size_t(32));
        QCOMPARE(key.value().data()[31], std::uint8_t('k'));

        const auto shorter = write("short.key", std::string(31, 'k'), 0600);
        QCOMPARE(readSecretFile(shorter, SecretFileRule::exactly(32)).error().error,
                 FileReadError::TooSmall);
        const auto longer = write("long.key", std::string(33, 'k'), 0600);
        QCOMPARE(readSecretFile(longer, SecretFileRule::exactly(32)).error().error,
                 FileReadError::TooLarge);
    }

    void aSecretOthersMayReadIsRefusedUnlessItsOwnerKeepsItSo() {
        const auto file = write("shared.key", std::string(32, 'k'), 0640);
        const auto refused = readSecretFile(file, SecretFileRule::exactly(32));
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, FileReadError::ReadableByOthers);
        QCOMPARE(refused.error().file, file);
        // An operator's hex key for vigil-store: its mode is theirs.
        QVERIFY(readSecretFile(file, SecretFileRule::exactly(32, false)));
    }

    void aVariableSecretIsReadWhole() {
        const auto file = write("hex.key", "00ff\n", 0600);
        const auto read = readSecretFile(file, SecretFileRule::atMost(64));
        QVERIFY(read);
        QCOMPARE(read.value().size(), std::size_t(5));
        const auto empty = write("empty.key", "", 0600);
        QCOMPARE(readSecretFile(empty, SecretFileRule::atMost(64)).value().size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestFileRead)
#include "tst_file_read.moc"
