#include "sample_assessment.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/package.h"
#include "vigil/exam/serialization.h"

#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace vigil;
using namespace vigil::exam;

namespace {

using Bytes = std::vector<std::uint8_t>;

struct Centre {
    std::string id;
    crypto::BoxKeyPair keys;
};

void appendLe(Bytes& out, std::uint64_t value, int count) {
    for (int i = 0; i < count; ++i) {
        out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
    }
}

Bytes slice(const Bytes& bytes, ByteRange range) {
    return {bytes.begin() + static_cast<std::ptrdiff_t>(range.offset),
            bytes.begin() + static_cast<std::ptrdiff_t>(range.offset + range.size)};
}

// Assembles a package from section payloads exactly as package.h documents the layout, and
// signs it: lets a test reach the checks behind the signature, as a holder of the awarding
// body's key (or a bug in a builder) could.
Bytes assemble(const Bytes& metadata, const Bytes& recipients, const Bytes& content,
               const crypto::SigningKeyPair& signer) {
    Bytes body;
    for (const auto& [tag, payload] : {std::pair{"META", &metadata}, std::pair{"RCPT", &recipients},
                                       std::pair{"CONT", &content}}) {
        body.insert(body.end(), tag, tag + 4);
        appendLe(body, payload->size(), 4);
        body.insert(body.end(), payload->begin(), payload->end());
    }
    Bytes package{'V', 'I', 'G', 'I', 'L', 'P', 'K', 'G'};
    appendLe(package, kPackageFormatVersion, 2);
    appendLe(package, 0, 2);
    const auto keyId = crypto::keyIdOf(signer.publicKey);
    package.insert(package.end(), keyId.begin(), keyId.end());
    appendLe(package, body.size(), 8);
    package.insert(package.end(), body.begin(), body.end());
    const auto signature = crypto::sign(signer, package);
    package.insert(package.end(), signature.begin(), signature.end());
    return package;
}

Bytes resign(Bytes package, const crypto::SigningKeyPair& signer) {
    package.resize(package.size() - sizeof(crypto::Signature));
    const auto signature = crypto::sign(signer, package);
    package.insert(package.end(), signature.begin(), signature.end());
    return package;
}

} // namespace

class PackageTest : public QObject {
    Q_OBJECT

private:
    crypto::SigningKeyPair awardingBody_ = crypto::generateSigningKeyPair();
    Centre leeds_{"C-LEEDS-01", crypto::generateBoxKeyPair()};
    Centre york_{"C-YORK-02", crypto::generateBoxKeyPair()};
    Bytes package_;

    Bytes build(const Assessment& assessment) {
        auto built =
            buildPackage(assessment, awardingBody_,
                         {{leeds_.id, leeds_.keys.publicKey}, {york_.id, york_.keys.publicKey}});
        if (!built) {
            qFatal("buildPackage failed: %s", describe(built.error()).c_str());
        }
        return std::move(built).value();
    }

    PackageError openError(const Bytes& package) {
        auto opened = openPackage(package, awardingBody_.publicKey, leeds_.id, leeds_.keys);
        if (opened) {
            return PackageError::InvalidInput; // a value no reader returns: makes the test fail
        }
        return opened.error().error;
    }

private slots:
    void initTestCase() { package_ = build(sampleAssessment()); }

    void eachRecipientOpensTheSameAssessment() {
        const auto expected = serializeAssessment(sampleAssessment()).value();
        for (const auto* centre : {&leeds_, &york_}) {
            auto opened = openPackage(package_, awardingBody_.publicKey, centre->id, centre->keys);
            QVERIFY2(opened.ok(), opened ? "" : describe(opened.error()).c_str());
            QVERIFY(serializeAssessment(opened.value()).value() == expected);
            QCOMPARE(opened.value().items.at(1).mapping->entries.at("C"), -1.0);
            QCOMPARE(opened.value().media.at(0).path, std::string("media/brake-circuit.svg"));
        }
    }

    void infoNeedsNoCentreKeyAndShowsMetadataAndRecipients() {
        auto info = readPackageInfo(package_, awardingBody_.publicKey);
        QVERIFY(info.ok());
        QCOMPARE(info.value().metadata.id, std::string("MOT-G2-2026A"));
        QCOMPARE(info.value().metadata.itemCount, 2);
        QCOMPARE(info.value().formatVersion, kPackageFormatVersion);
        QVERIFY(info.value().signerKeyId == crypto::keyIdOf(awardingBody_.publicKey));
        QCOMPARE(info.value().recipients.size(), std::size_t{2});
        QCOMPARE(info.value().recipients[0].centreId, leeds_.id);
        QVERIFY(info.value().recipients[0].boxKeyId == crypto::keyIdOf(leeds_.keys.publicKey));
        QCOMPARE(info.value().recipients[1].centreId, york_.id);
        QVERIFY(info.value().packageDigest == packageDigest(package_));
    }

    void contentIsNotReadableInThePackageBytes() {
        const std::string needle = "SECRET-STEM";
        const auto found =
            std::search(package_.begin(), package_.end(), needle.begin(), needle.end());
        QVERIFY(found == package_.end());
    }

    void twoBuildsOfOneAssessmentUseDifferentContentKeys() {
        const auto again = build(sampleAssessment());
        QVERIFY(again != package_);
        auto first = unsealContentKey(package_, awardingBody_.publicKey, leeds_.id, leeds_.keys);
        auto second = unsealContentKey(again, awardingBody_.publicKey, leeds_.id, leeds_.keys);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(!first.value().equals(second.value().span()));
    }

    void contentKeyHandedToAKioskOpensThePackage() {
        auto key = unsealContentKey(package_, awardingBody_.publicKey, york_.id, york_.keys);
        QVERIFY(key.ok());
        QCOMPARE(key.value().size(), std::size_t{32});
        auto opened = openPackageWithContentKey(package_, awardingBody_.publicKey, key.value());
        QVERIFY(opened.ok());
        QCOMPARE(opened.value().items.size(), std::size_t{2});
    }

    void aContentKeyOfAnotherPackageIsRefused() {
        auto otherKey = crypto::SecureBuffer::random(32);
        auto opened = openPackageWithContentKey(package_, awardingBody_.publicKey, otherKey);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().error, PackageError::WrongContentKey);
        auto shortKey = crypto::SecureBuffer::random(16);
        QCOMPARE(
            openPackageWithContentKey(package_, awardingBody_.publicKey, shortKey).error().error,
            PackageError::WrongContentKey);
    }

    void aCentreThatIsNotARecipientIsRefused() {
        auto opened = openPackage(package_, awardingBody_.publicKey, "C-HULL-03", leeds_.keys);
        QCOMPARE(opened.error().error, PackageError::NotARecipient);
        QVERIFY(opened.error().detail.find("C-LEEDS-01") != std::string::npos);
        QCOMPARE(unsealContentKey(package_, awardingBody_.publicKey, "c-leeds-01", leeds_.keys)
                     .error()
                     .error,
                 PackageError::NotARecipient);
    }

    void anotherCentresKeyIsRefused() {
        QCOMPARE(
            openPackage(package_, awardingBody_.publicKey, leeds_.id, york_.keys).error().error,
            PackageError::WrongCentreKey);
        const auto stranger = crypto::generateBoxKeyPair();
        QCOMPARE(openPackage(package_, awardingBody_.publicKey, leeds_.id, stranger).error().error,
                 PackageError::WrongCentreKey);
    }

    void aSecretKeyThatDoesNotMatchItsPublicKeyIsRefused() {
        crypto::BoxKeyPair mixed;
        mixed.publicKey = leeds_.keys.publicKey;
        mixed.secretKey = crypto::SecureBuffer::copyOf(york_.keys.secretKey.span());
        QCOMPARE(openPackage(package_, awardingBody_.publicKey, leeds_.id, mixed).error().error,
                 PackageError::WrongCentreKey);
    }

    void anotherSignersKeyIsNamedAsSuch() {
        const auto other = crypto::generateSigningKeyPair();
        auto info = readPackageInfo(package_, other.publicKey);
        QCOMPARE(info.error().error, PackageError::SignedByAnotherKey);
        QCOMPARE(openPackage(package_, other.publicKey, leeds_.id, leeds_.keys).error().error,
                 PackageError::SignedByAnotherKey);
    }

    void aForgedPackageClaimingTheAwardingBodysKeyIdFailsTheSignature() {
        const auto forger = crypto::generateSigningKeyPair();
        auto forged =
            buildPackage(sampleAssessment(), forger, {{leeds_.id, leeds_.keys.publicKey}});
        QVERIFY(forged.ok());
        auto bytes = forged.value();
        const auto keyId = crypto::keyIdOf(awardingBody_.publicKey);
        std::memcpy(bytes.data() + 12, keyId.data(), keyId.size());
        QCOMPARE(readPackageInfo(bytes, awardingBody_.publicKey).error().error,
                 PackageError::BadSignature);
        QCOMPARE(openError(bytes), PackageError::BadSignature);
    }

    void alteringEachRegionGivesItsRefusal_data() {
        QTest::addColumn<QString>("region");
        QTest::addColumn<int>("offsetInRegion");
        QTest::addColumn<int>("expected");
        const auto row = [](const char* name, const char* region, int offset, PackageError error) {
            QTest::newRow(name) << QString(region) << offset << static_cast<int>(error);
        };
        row("header magic", "header", 3, PackageError::NotAVigilPackage);
        row("header version", "header", 8, PackageError::UnsupportedVersion);
        row("header version high byte", "header", 9, PackageError::UnsupportedVersion);
        row("header reserved", "header", 10, PackageError::UnsupportedVersion);
        row("header signer key id", "header", 15, PackageError::SignedByAnotherKey);
        row("header body length high byte", "header", 27, PackageError::Malformed);
        row("metadata first byte", "metadata", 0, PackageError::BadSignature);
        row("metadata middle", "metadata", -1, PackageError::BadSignature);
        row("recipient table middle", "recipients", -1, PackageError::BadSignature);
        row("recipient table last byte", "recipients", -2, PackageError::BadSignature);
        row("content first byte", "content", 0, PackageError::BadSignature);
        row("content middle", "content", -1, PackageError::BadSignature);
        row("content last byte", "content", -2, PackageError::BadSignature);
        row("signature first byte", "signature", 0, PackageError::BadSignature);
        row("signature last byte", "signature", -2, PackageError::BadSignature);
    }

    void alteringEachRegionGivesItsRefusal() {
        QFETCH(QString, region);
        QFETCH(int, offsetInRegion);
        QFETCH(int, expected);
        auto layout = locatePackageRegions(package_);
        QVERIFY(layout.ok());
        const auto& l = layout.value();
        const ByteRange range = region == "header"       ? l.header
                                : region == "metadata"   ? l.metadata
                                : region == "recipients" ? l.recipients
                                : region == "content"    ? l.content
                                                         : l.signature;
        const std::size_t offset = offsetInRegion == -1 ? range.size / 2
                                   : offsetInRegion == -2
                                       ? range.size - 1
                                       : static_cast<std::size_t>(offsetInRegion);
        QVERIFY(offset < range.size);
        auto altered = package_;
        altered[range.offset + offset] ^= 0x01;
        auto info = readPackageInfo(altered, awardingBody_.publicKey);
        QVERIFY(!info.ok());
        QCOMPARE(static_cast<int>(info.error().error), expected);
        QCOMPARE(static_cast<int>(openError(altered)), expected);
    }

    void aBodyLengthThatDisagreesWithTheFileIsRefused() {
        auto longer = package_;
        auto shorter = package_;
        std::uint64_t length = 0;
        std::memcpy(&length, package_.data() + 20, sizeof(length)); // little-endian host
        const auto longerLength = length + 1;
        const auto shorterLength = length - 1;
        std::memcpy(longer.data() + 20, &longerLength, sizeof(length));
        std::memcpy(shorter.data() + 20, &shorterLength, sizeof(length));
        QCOMPARE(readPackageInfo(longer, awardingBody_.publicKey).error().error,
                 PackageError::Truncated);
        QCOMPARE(readPackageInfo(shorter, awardingBody_.publicKey).error().error,
                 PackageError::Malformed);
    }

    void everySingleAlteredByteIsRefused() {
        for (std::size_t i = 0; i < package_.size(); ++i) {
            auto altered = package_;
            altered[i] ^= 0x80;
            if (readPackageInfo(altered, awardingBody_.publicKey).ok() ||
                openPackage(altered, awardingBody_.publicKey, leeds_.id, leeds_.keys).ok()) {
                QFAIL(qPrintable(QString("byte %1 altered, package still accepted").arg(i)));
            }
        }
    }

    void everyTruncationIsNamedAsSuch() {
        QCOMPARE(readPackageInfo(Bytes{}, awardingBody_.publicKey).error().error,
                 PackageError::NotAVigilPackage);
        for (std::size_t size = 1; size < package_.size(); ++size) {
            const Bytes cut(package_.begin(), package_.begin() + static_cast<std::ptrdiff_t>(size));
            auto info = readPackageInfo(cut, awardingBody_.publicKey);
            if (info.ok() || info.error().error != PackageError::Truncated) {
                QFAIL(qPrintable(QString("cut at %1: %2")
                                     .arg(size)
                                     .arg(info ? "accepted" : describe(info.error()).c_str())));
            }
        }
    }

    void bytesAfterTheSignatureAreRefused() {
        auto longer = package_;
        longer.push_back(0);
        QCOMPARE(readPackageInfo(longer, awardingBody_.publicKey).error().error,
                 PackageError::Malformed);
    }

    void otherFilesAreNotPackages() {
        const std::string zip = "PK\x03\x04 a QTI zip, not a sealed package";
        const Bytes bytes(zip.begin(), zip.end());
        QCOMPARE(readPackageInfo(bytes, awardingBody_.publicKey).error().error,
                 PackageError::NotAVigilPackage);
    }

    void reassemblingTheSameSectionsGivesTheSamePackage() {
        // Proves the layout documented in package.h is the one written.
        const auto l = locatePackageRegions(package_).value();
        const auto again = assemble(slice(package_, l.metadata), slice(package_, l.recipients),
                                    slice(package_, l.content), awardingBody_);
        QVERIFY(again == package_);
    }

    void contentAlteredBehindAValidSignatureIsRefused() {
        const auto l = locatePackageRegions(package_).value();
        auto altered = package_;
        altered[l.content.offset + l.content.size - 20] ^= 0x01; // inside the ciphertext
        QCOMPARE(openError(resign(altered, awardingBody_)), PackageError::ContentAltered);
        auto keyCheck = package_;
        keyCheck[l.content.offset + 3] ^= 0x01;
        QCOMPARE(openError(resign(keyCheck, awardingBody_)), PackageError::WrongContentKey);
    }

    void contentMovedUnderOtherMetadataIsRefused() {
        auto retitled = sampleAssessment();
        retitled.metadata.title = "MOT Testing Group 2 — re-sit paper";
        retitled.metadata.passMarkPercent = 50.0;
        const auto other = build(retitled);
        const auto mine = locatePackageRegions(package_).value();
        const auto theirs = locatePackageRegions(other).value();
        // Public metadata of the re-sit paper, content (and keys) of the original.
        const auto swapped =
            assemble(slice(other, theirs.metadata), slice(package_, mine.recipients),
                     slice(package_, mine.content), awardingBody_);
        QVERIFY(readPackageInfo(swapped, awardingBody_.publicKey).ok());
        auto opened = openPackage(swapped, awardingBody_.publicKey, leeds_.id, leeds_.keys);
        QCOMPARE(opened.error().error, PackageError::MetadataMismatch);
    }

    void malformedSectionsBehindAValidSignatureAreRefused() {
        const auto l = locatePackageRegions(package_).value();
        const auto metadata = slice(package_, l.metadata);
        const auto recipients = slice(package_, l.recipients);
        const auto content = slice(package_, l.content);
        auto duplicated = recipients;
        duplicated[0] = 3; // count says three entries, two follow
        QCOMPARE(readPackageInfo(assemble(metadata, duplicated, content, awardingBody_),
                                 awardingBody_.publicKey)
                     .error()
                     .error,
                 PackageError::Malformed);
        auto badMetadata = metadata;
        badMetadata.push_back(0);
        QCOMPARE(readPackageInfo(assemble(badMetadata, recipients, content, awardingBody_),
                                 awardingBody_.publicKey)
                     .error()
                     .error,
                 PackageError::Malformed);
        QCOMPARE(readPackageInfo(assemble(metadata, recipients, Bytes(10, 0), awardingBody_),
                                 awardingBody_.publicKey)
                     .value()
                     .contentBytes,
                 std::size_t{10});
        QCOMPARE(openError(assemble(metadata, recipients, Bytes(10, 0), awardingBody_)),
                 PackageError::Malformed);
    }

    void buildRefusesWhatItCannotSeal() {
        const auto refuse = [&](const Assessment& assessment,
                                const std::vector<PackageRecipient>& recipients) {
            auto built = buildPackage(assessment, awardingBody_, recipients);
            return !built.ok() && built.error().error == PackageError::InvalidInput;
        };
        const std::vector<PackageRecipient> one{{leeds_.id, leeds_.keys.publicKey}};
        QVERIFY(refuse(sampleAssessment(), {}));
        QVERIFY(refuse(sampleAssessment(), {one[0], one[0]}));
        QVERIFY(refuse(sampleAssessment(), {{"centre with spaces", leeds_.keys.publicKey}}));
        QVERIFY(refuse(sampleAssessment(), {{std::string(65, 'C'), leeds_.keys.publicKey}}));
        auto miscounted = sampleAssessment();
        miscounted.metadata.itemCount = 3;
        QVERIFY(refuse(miscounted, one));
        crypto::SigningKeyPair inconsistent;
        inconsistent.publicKey = awardingBody_.publicKey;
        inconsistent.secretKey =
            crypto::SecureBuffer::copyOf(crypto::generateSigningKeyPair().secretKey.span());
        auto built = buildPackage(sampleAssessment(), inconsistent, one);
        QCOMPARE(built.error().error, PackageError::InvalidInput);
    }

    void packageFilesRoundTripAndMissingFilesAreNamed() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("mot.vigil").toStdString();
        QVERIFY(writePackageFile(path, package_).ok());
        auto read = readPackageFile(path);
        QVERIFY(read.ok());
        QVERIFY(read.value() == package_);
        auto missing = readPackageFile(dir.filePath("absent.vigil").toStdString());
        QCOMPARE(missing.error().error, PackageError::FileUnreadable);
        QVERIFY(missing.error().detail.find("absent.vigil") != std::string::npos);
        auto unwritable =
            writePackageFile(dir.filePath("no/such/folder.vigil").toStdString(), package_);
        QCOMPARE(unwritable.error().error, PackageError::FileWriteFailed);
        QVERIFY(!std::filesystem::exists(dir.filePath("no").toStdString()));
    }

    void errorsReadAsSentences() {
        QCOMPARE(describe(PackageFailure{PackageError::NotARecipient, "centre X"}),
                 std::string("package is not sealed to this centre: centre X"));
        QCOMPARE(std::string(describe(PackageError::BadSignature)),
                 std::string("package signature is not valid: the package was altered or damaged"));
    }
};

QTEST_GUILESS_MAIN(PackageTest)
#include "tst_package.moc"
