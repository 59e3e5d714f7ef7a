#include "vigil/crypto/file_read.h"
#include "vigil/crypto/key_files.h"

#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <filesystem>
#include <fstream>
#include <sodium.h>
#include <sys/stat.h>
#include <vector>

using namespace vigil::crypto;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> readBytes(const fs::path& path) {
    auto bytes = readFileBytes(path, 4096);
    return bytes ? std::move(bytes).value() : std::vector<std::uint8_t>();
}

// Rewrites a file's bytes, then gives it the mode asked for.
void writeBytes(const fs::path& path, std::span<const std::uint8_t> bytes, mode_t mode) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
    }
    QVERIFY(::chmod(path.c_str(), mode) == 0);
}

mode_t permissionsOf(const fs::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        return 07777;
    }
    return status.st_mode & 07777;
}

// The documented layout, built by hand: "VGLK" || version 1 || kind || key || BLAKE2b-256.
std::vector<std::uint8_t> keyFileBytes(std::uint8_t kind, std::span<const std::uint8_t> key) {
    // Sized up front: GCC 12 at -O2 misreads insert() into a 6-byte vector as out of bounds.
    std::vector<std::uint8_t> bytes;
    bytes.reserve(6 + key.size() + crypto_generichash_BYTES);
    for (const std::uint8_t byte : {std::uint8_t('V'), std::uint8_t('G'), std::uint8_t('L'),
                                    std::uint8_t('K'), std::uint8_t(1), kind}) {
        bytes.push_back(byte);
    }
    bytes.insert(bytes.end(), key.begin(), key.end());
    std::array<std::uint8_t, crypto_generichash_BYTES> checksum{};
    const int result = crypto_generichash(checksum.data(), checksum.size(), bytes.data(),
                                          bytes.size(), nullptr, 0);
    Q_ASSERT(result == 0);
    bytes.insert(bytes.end(), checksum.begin(), checksum.end());
    return bytes;
}

class UmaskOverride {
public:
    explicit UmaskOverride(mode_t mask)
        : previous_(::umask(mask)) {}
    ~UmaskOverride() { ::umask(previous_); }

private:
    mode_t previous_;
};

} // namespace

class TestKeyFiles : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    fs::path pathOf(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void initTestCase() {
        QVERIFY(sodium_init() >= 0);
        QVERIFY(dir_.isValid());
    }

    void signingKeyPairRoundTripsInAUserOnlyFile() {
        const UmaskOverride permissive(0);
        const fs::path path = pathOf("signing.key");
        const SigningKeyPair keys = generateSigningKeyPair();
        QVERIFY(saveSigningKeyPair(path, keys).ok());
        QCOMPARE(permissionsOf(path), mode_t{0600});

        const Result<SigningKeyPair> loaded = loadSigningKeyPair(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().publicKey, keys.publicKey);
        QVERIFY(loaded.value().secretKey.equals(keys.secretKey.span()));
        QCOMPARE(readBytes(path), keyFileBytes(1, keys.secretKey.span()));
    }

    void boxKeyPairRoundTripsInAUserOnlyFile() {
        const fs::path path = pathOf("box.key");
        const BoxKeyPair keys = generateBoxKeyPair();
        QVERIFY(saveBoxKeyPair(path, keys).ok());
        QCOMPARE(permissionsOf(path), mode_t{0600});

        const Result<BoxKeyPair> loaded = loadBoxKeyPair(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().publicKey, keys.publicKey);
        const auto opened = openSealed(
            loaded.value(), sealTo(keys.publicKey, std::array<std::uint8_t, 3>{1, 2, 3}));
        QVERIFY(opened.ok());

        std::vector<std::uint8_t> expectedKey(keys.secretKey.span().begin(),
                                              keys.secretKey.span().end());
        expectedKey.insert(expectedKey.end(), keys.publicKey.begin(), keys.publicKey.end());
        QCOMPARE(readBytes(path), keyFileBytes(3, expectedKey));
    }

    void publicKeysRoundTripInReadableFiles() {
        const UmaskOverride usual(022);
        const SigningKeyPair signing = generateSigningKeyPair();
        const BoxKeyPair box = generateBoxKeyPair();
        QVERIFY(saveSigningPublicKey(pathOf("signing.pub"), signing.publicKey).ok());
        QVERIFY(saveBoxPublicKey(pathOf("box.pub"), box.publicKey).ok());
        QCOMPARE(permissionsOf(pathOf("signing.pub")), mode_t{0644});

        const auto signingLoaded = loadSigningPublicKey(pathOf("signing.pub"));
        const auto boxLoaded = loadBoxPublicKey(pathOf("box.pub"));
        QVERIFY(signingLoaded.ok() && boxLoaded.ok());
        QCOMPARE(signingLoaded.value(), signing.publicKey);
        QCOMPARE(boxLoaded.value(), box.publicKey);
        QCOMPARE(readBytes(pathOf("signing.pub")), keyFileBytes(2, signing.publicKey));
        QCOMPARE(readBytes(pathOf("box.pub")), keyFileBytes(4, box.publicKey));
    }

    void secretKeyFilesOthersCanReadAreRefused_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("refused");
        QTest::newRow("0600") << 0600 << false;
        QTest::newRow("0400") << 0400 << false;
        QTest::newRow("0644") << 0644 << true;
        QTest::newRow("0640") << 0640 << true;
        QTest::newRow("0604") << 0604 << true;
        QTest::newRow("0610 (group execute)") << 0610 << true;
        QTest::newRow("0602 (others write)") << 0602 << true;
    }
    void secretKeyFilesOthersCanReadAreRefused() {
        QFETCH(int, mode);
        QFETCH(bool, refused);
        const fs::path signingPath = pathOf("perm-signing.key");
        const fs::path boxPath = pathOf("perm-box.key");
        QVERIFY(saveSigningKeyPair(signingPath, generateSigningKeyPair()).ok());
        QVERIFY(saveBoxKeyPair(boxPath, generateBoxKeyPair()).ok());
        QVERIFY(::chmod(signingPath.c_str(), static_cast<mode_t>(mode)) == 0);
        QVERIFY(::chmod(boxPath.c_str(), static_cast<mode_t>(mode)) == 0);

        const auto signing = loadSigningKeyPair(signingPath);
        const auto box = loadBoxKeyPair(boxPath);
        QCOMPARE(!signing.ok(), refused);
        QCOMPARE(!box.ok(), refused);
        if (refused) {
            QCOMPARE(signing.error(), Error::FilePermissions);
            QCOMPARE(box.error(), Error::FilePermissions);
            QVERIFY(describe(signing.error()).find("0600") != std::string_view::npos);
        }
        fs::remove(signingPath);
        fs::remove(boxPath);
    }

    void aMissingFileIsFileNotFound() {
        QCOMPARE(loadSigningKeyPair(pathOf("absent.key")).error(), Error::FileNotFound);
        QCOMPARE(loadBoxPublicKey(pathOf("absent.pub")).error(), Error::FileNotFound);
        QCOMPARE(loadSigningPublicKey(pathOf("no-such-folder/signing.pub")).error(),
                 Error::FileNotFound);
    }

    void savingIntoAMissingFolderIsIoAndLeavesNothing() {
        const SigningKeyPair keys = generateSigningKeyPair();
        QCOMPARE(saveSigningKeyPair(pathOf("no-such-folder/signing.key"), keys).error(), Error::Io);
        QVERIFY(!fs::exists(pathOf("no-such-folder")));
    }

    void savingReplacesTheOldFileWholeAndLeavesNoTemporaryFile() {
        QTemporaryDir own;
        const fs::path folder = own.path().toStdString();
        const fs::path path = folder / "signing.key";
        const SigningKeyPair first = generateSigningKeyPair();
        const SigningKeyPair second = generateSigningKeyPair();
        QVERIFY(saveSigningKeyPair(path, first).ok());
        QVERIFY(saveSigningKeyPair(path, second).ok());
        QCOMPARE(loadSigningKeyPair(path).value().publicKey, second.publicKey);
        QCOMPARE(permissionsOf(path), mode_t{0600});
        std::vector<fs::path> entries;
        for (const auto& entry : fs::directory_iterator(folder)) {
            entries.push_back(entry.path().filename());
        }
        QCOMPARE(entries.size(), std::size_t{1});
        QCOMPARE(entries.front(), fs::path("signing.key"));
    }

    void flippingAnyByteOfAKeyFileIsDetected() {
        const fs::path path = pathOf("flip.key");
        QVERIFY(saveSigningKeyPair(path, generateSigningKeyPair()).ok());
        const std::vector<std::uint8_t> original = readBytes(path);
        QCOMPARE(original.size(), std::size_t{6 + 64 + 32});
        for (std::size_t position = 0; position < original.size(); ++position) {
            for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0xff}}) {
                std::vector<std::uint8_t> altered = original;
                altered[position] ^= mask;
                writeBytes(path, altered, 0600);
                const auto loaded = loadSigningKeyPair(path);
                QVERIFY2(!loaded.ok(), qPrintable(QString::number(position)));
                // A kind byte turned into a shorter kind reads as truncated; all else as damage.
                if (position == 5) {
                    QVERIFY(loaded.error() == Error::UnknownFormat ||
                            loaded.error() == Error::Truncated);
                } else {
                    QCOMPARE(loaded.error(), Error::UnknownFormat);
                }
            }
        }
        QVERIFY(!describe(Error::UnknownFormat).empty());
    }

    void flippingAnyByteOfAPublicKeyFileIsDetected() {
        const fs::path path = pathOf("flip.pub");
        QVERIFY(saveBoxPublicKey(path, generateBoxKeyPair().publicKey).ok());
        const std::vector<std::uint8_t> original = readBytes(path);
        for (std::size_t position = 0; position < original.size(); ++position) {
            std::vector<std::uint8_t> altered = original;
            altered[position] ^= 0x01;
            writeBytes(path, altered, 0644);
            const auto loaded = loadBoxPublicKey(path);
            QVERIFY2(!loaded.ok(), qPrintable(QString::number(position)));
            QVERIFY(loaded.error() == Error::UnknownFormat || loaded.error() == Error::Truncated);
        }
    }

    void everyShorterFileIsTruncatedAndALongerOneUnknown() {
        const fs::path path = pathOf("cut.key");
        QVERIFY(saveBoxKeyPair(path, generateBoxKeyPair()).ok());
        const std::vector<std::uint8_t> original = readBytes(path);
        for (std::size_t length = 0; length < original.size(); ++length) {
            writeBytes(path, std::span(original).first(length), 0600);
            QCOMPARE(loadBoxKeyPair(path).error(), Error::Truncated);
        }
        std::vector<std::uint8_t> longer = original;
        longer.push_back(0);
        writeBytes(path, longer, 0600);
        QCOMPARE(loadBoxKeyPair(path).error(), Error::UnknownFormat);
    }

    void somethingElseEntirelyIsUnknownFormat() {
        const fs::path path = pathOf("notes.txt");
        const std::string text = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
        writeBytes(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
                   0600);
        QCOMPARE(loadSigningKeyPair(path).error(), Error::UnknownFormat);

        std::vector<std::uint8_t> futureVersion = keyFileBytes(2, SigningPublicKey{});
        futureVersion[4] = 2;
        writeBytes(path, futureVersion, 0644);
        QCOMPARE(loadSigningPublicKey(path).error(), Error::UnknownFormat);

        QCOMPARE(loadSigningPublicKey(fs::path(dir_.path().toStdString())).error(),
                 Error::UnknownFormat); // a folder
    }

    void aKeyFileOfAnotherKindIsKeyMismatch() {
        QVERIFY(saveBoxKeyPair(pathOf("kind-box.key"), generateBoxKeyPair()).ok());
        QVERIFY(saveSigningKeyPair(pathOf("kind-signing.key"), generateSigningKeyPair()).ok());
        QVERIFY(saveSigningPublicKey(pathOf("kind-signing.pub"), generateSigningKeyPair().publicKey)
                    .ok());
        QCOMPARE(loadSigningKeyPair(pathOf("kind-box.key")).error(), Error::KeyMismatch);
        QCOMPARE(loadBoxKeyPair(pathOf("kind-signing.key")).error(), Error::KeyMismatch);
        QCOMPARE(loadBoxPublicKey(pathOf("kind-signing.pub")).error(), Error::KeyMismatch);
        // A secret key file is not a public key file either (nor the other way round).
        QCOMPARE(loadSigningPublicKey(pathOf("kind-signing.key")).error(), Error::KeyMismatch);
    }

    void aPairWhoseHalvesDisagreeIsRefused() {
        // Intact checksums, inconsistent keys: the loader re-derives the public half.
        const SigningKeyPair signing = generateSigningKeyPair();
        std::vector<std::uint8_t> secret(signing.secretKey.span().begin(),
                                         signing.secretKey.span().end());
        secret.back() ^= 0x01; // libsodium's secret key ends with the public key
        writeBytes(pathOf("halves-signing.key"), keyFileBytes(1, secret), 0600);
        QCOMPARE(loadSigningKeyPair(pathOf("halves-signing.key")).error(), Error::KeyMismatch);

        const BoxKeyPair box = generateBoxKeyPair();
        std::vector<std::uint8_t> boxBytes(box.secretKey.span().begin(),
                                           box.secretKey.span().end());
        const BoxPublicKey otherPublic = generateBoxKeyPair().publicKey;
        boxBytes.insert(boxBytes.end(), otherPublic.begin(), otherPublic.end());
        writeBytes(pathOf("halves-box.key"), keyFileBytes(3, boxBytes), 0600);
        QCOMPARE(loadBoxKeyPair(pathOf("halves-box.key")).error(), Error::KeyMismatch);

        SigningKeyPair mixed = generateSigningKeyPair();
        mixed.publicKey = signing.publicKey;
        QCOMPARE(saveSigningKeyPair(pathOf("mixed.key"), mixed).error(), Error::KeyMismatch);
        BoxKeyPair mixedBox = generateBoxKeyPair();
        mixedBox.publicKey = otherPublic;
        QCOMPARE(saveBoxKeyPair(pathOf("mixed-box.key"), mixedBox).error(), Error::KeyMismatch);
        QVERIFY(!fs::exists(pathOf("mixed.key")));
    }

    void savingAnEmptyKeyIsRefused() {
        SigningKeyPair keys = generateSigningKeyPair();
        keys.secretKey = SecureBuffer();
        QCOMPARE(saveSigningKeyPair(pathOf("empty.key"), keys).error(), Error::InvalidArgument);
        BoxKeyPair box = generateBoxKeyPair();
        box.secretKey = SecureBuffer();
        QCOMPARE(saveBoxKeyPair(pathOf("empty-box.key"), box).error(), Error::InvalidArgument);
        QVERIFY(!fs::exists(pathOf("empty.key")));
    }
};

QTEST_GUILESS_MAIN(TestKeyFiles)
#include "tst_key_files.moc"
