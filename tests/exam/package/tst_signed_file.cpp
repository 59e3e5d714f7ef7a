// The one signed-file reader every signed format goes through: each refusal, in its order, for
// both frames (the versioned one with a length field, and the unlock's tag-only one).
#include "vigil/crypto/hash.h"
#include "vigil/exam/invigilator_unlock.h"
#include "vigil/exam/signed_file.h"

#include <QTest>
#include <cstring>

using namespace vigil;
using namespace vigil::exam;

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::array<std::uint16_t, 2> kVersions{2, 3};
constexpr SignedFileFormat kRoster{.magic = "VIGILROS",
                                   .versions = kVersions,
                                   .versionField = true,
                                   .lengthBytes = 4,
                                   .maxBodyBytes = 1024};
constexpr SignedFileFormat kWideRoster{.magic = "VIGILWID",
                                       .versions = kVersions,
                                       .versionField = true,
                                       .lengthBytes = 8,
                                       .maxBodyBytes = 1024};
constexpr std::array<std::uint16_t, 1> kOneVersion{1};
constexpr SignedFileFormat kTagOnly{.magic = "vigil/test-order/v1",
                                    .versions = kOneVersion,
                                    .versionField = false,
                                    .lengthBytes = 0,
                                    .maxBodyBytes = 64};

// magic (8) | version (2) | flags (2) | key id (8) | u32 length (4)
constexpr std::size_t kVersionAt = 8;
constexpr std::size_t kFlagsAt = 10;
constexpr std::size_t kKeyIdAt = 12;
constexpr std::size_t kLengthAt = 20;
constexpr std::size_t kRosterHeader = 24;

Bytes bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

void putU32(Bytes& bytes, std::size_t at, std::uint32_t value) {
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
}

// Re-signs everything before the signature with `key`: a file its signer really wrote.
void resign(Bytes& bytes, const crypto::SigningKeyPair& key) {
    const std::span<const std::uint8_t> signedPart(bytes.data(), bytes.size() - 64);
    const auto signature = crypto::sign(key, signedPart);
    std::copy(signature.begin(), signature.end(), bytes.end() - 64);
}

} // namespace

class SignedFileTest : public QObject {
    Q_OBJECT

private:
    crypto::SigningKeyPair centre_ = crypto::generateSigningKeyPair();
    crypto::SigningKeyPair other_ = crypto::generateSigningKeyPair();
    const Bytes body_ = bytesOf("the body a format's own parser reads");

    Bytes roster() const { return writeSignedFile(kRoster, body_, centre_); }
    SignedFileError readError(const Bytes& bytes, const SignedFileFormat& format = kRoster) const {
        auto read = readSignedFile(bytes, format, centre_.publicKey);
        if (read) {
            return static_cast<SignedFileError>(-1);
        }
        return read.error().error;
    }

private slots:
    void aWrittenFileReadsBackItsBodyAtTheCurrentVersion() {
        for (const auto* format : {&kRoster, &kWideRoster, &kTagOnly}) {
            const auto bytes = writeSignedFile(*format, body_, centre_);
            auto read = readSignedFile(bytes, *format, centre_.publicKey);
            QVERIFY2(read.ok(), read ? "" : describe(read.error()).c_str());
            QCOMPARE(Bytes(read.value().body.begin(), read.value().body.end()), body_);
            QCOMPARE(read.value().version, format->versions.back());
            QCOMPARE(read.value().signerKeyId, crypto::keyIdOf(centre_.publicKey));
            QCOMPARE(read.value().signedBytes.size(), bytes.size() - 64);
            QVERIFY(std::equal(format->magic.begin(), format->magic.end(), bytes.begin()));
        }
        // The layout the header comment documents, byte for byte.
        const auto bytes = roster();
        QCOMPARE(bytes.size(), kRosterHeader + body_.size() + 64);
        QCOMPARE(bytes[kVersionAt], std::uint8_t{3});
        QCOMPARE(bytes[kFlagsAt], std::uint8_t{0});
        QCOMPARE(bytes[kLengthAt], static_cast<std::uint8_t>(body_.size()));
        const auto tagOnly = writeSignedFile(kTagOnly, body_, centre_);
        QCOMPARE(tagOnly.size(), kTagOnly.magic.size() + 8 + body_.size() + 64);
    }

    void anotherKindOfFileIsRefusedByItsMagic() {
        const auto wide = writeSignedFile(kWideRoster, body_, centre_);
        auto read = readSignedFile(wide, kRoster, centre_.publicKey);
        QCOMPARE(read.error().error, SignedFileError::WrongMagic);
        QCOMPARE(readError(bytesOf("PK\x03\x04 a zip file")), SignedFileError::WrongMagic);
        auto empty = readSignedFile(Bytes{}, kRoster, centre_.publicKey);
        QCOMPARE(empty.error().error, SignedFileError::WrongMagic);
        QCOMPARE(empty.error().detail, std::string("the file is empty"));
    }

    void theMagicIsSignedSoOneFormatsSignatureNeverPassesForAnother() {
        // Same frame, same key: only the magic differs, and it is the signature's context tag.
        auto relabelled = writeSignedFile(kWideRoster, body_, centre_);
        const auto magic = bytesOf(kRoster.magic);
        std::copy(magic.begin(), magic.end(), relabelled.begin());
        auto read = readSignedFile(relabelled, kWideRoster, centre_.publicKey);
        QCOMPARE(read.error().error, SignedFileError::WrongMagic);
        const SignedFileFormat sameFrameOtherMagic{.magic = kRoster.magic,
                                                   .versions = kVersions,
                                                   .versionField = true,
                                                   .lengthBytes = 8,
                                                   .maxBodyBytes = 1024};
        QCOMPARE(readError(relabelled, sameFrameOtherMagic), SignedFileError::BadSignature);
    }

    void aVersionThisBuildDoesNotReadIsNamed() {
        auto bytes = roster();
        bytes[kVersionAt] = 7;
        resign(bytes, centre_);
        auto read = readSignedFile(bytes, kRoster, centre_.publicKey);
        QCOMPARE(read.error().error, SignedFileError::UnsupportedVersion);
        QCOMPARE(read.error().version, std::uint16_t{7});
        QCOMPARE(describe(read.error()),
                 std::string("format version not supported by this build: version 7; this build "
                             "reads version 2, 3"));
        // An older version this build still reads is read as such.
        bytes[kVersionAt] = 2;
        resign(bytes, centre_);
        QCOMPARE(readSignedFile(bytes, kRoster, centre_.publicKey).value().version,
                 std::uint16_t{2});
    }

    void headerFlagsThisBuildDoesNotKnowAreRefused() {
        auto bytes = roster();
        bytes[kFlagsAt] = 1;
        resign(bytes, centre_);
        auto read = readSignedFile(bytes, kRoster, centre_.publicKey);
        QCOMPARE(read.error().error, SignedFileError::UnsupportedVersion);
        QVERIFY(read.error().detail.find("flags 1") != std::string::npos);
    }

    void anotherSignerIsRefusedBeforeAnythingIsVerified() {
        const auto bytes = writeSignedFile(kRoster, body_, other_);
        auto read = readSignedFile(bytes, kRoster, centre_.publicKey);
        QCOMPARE(read.error().error, SignedFileError::SignedByAnotherKey);
        QCOMPARE(read.error().detail,
                 "signed by key " + crypto::toHex(crypto::keyIdOf(other_.publicKey)) +
                     ", expected " + crypto::toHex(crypto::keyIdOf(centre_.publicKey)));
        // Neither the length nor the signature is looked at: a cut, oversized or garbled file
        // from another signer is refused as another signer's.
        Bytes cut(bytes.begin(), bytes.begin() + kRosterHeader + 3);
        QCOMPARE(readError(cut), SignedFileError::SignedByAnotherKey);
        auto oversized = bytes;
        putU32(oversized, kLengthAt, 1'000'000);
        QCOMPARE(readError(oversized), SignedFileError::SignedByAnotherKey);
        const auto tagOnly = writeSignedFile(kTagOnly, body_, other_);
        QCOMPARE(readError(tagOnly, kTagOnly), SignedFileError::SignedByAnotherKey);
    }

    void aForgeryClaimingTheTrustedKeyIdFailsTheSignature() {
        for (const auto* format : {&kRoster, &kTagOnly}) {
            auto forged = writeSignedFile(*format, body_, other_);
            const auto keyId = crypto::keyIdOf(centre_.publicKey);
            const auto keyIdAt = format == &kRoster ? kKeyIdAt : format->magic.size();
            std::memcpy(forged.data() + keyIdAt, keyId.data(), keyId.size());
            QCOMPARE(readError(forged, *format), SignedFileError::BadSignature);
        }
    }

    void everyAlteredByteOfBodyOrSignatureFailsTheSignature() {
        for (const auto* format : {&kRoster, &kWideRoster, &kTagOnly}) {
            const auto bytes = writeSignedFile(*format, body_, centre_);
            const auto headerBytes = bytes.size() - body_.size() - 64;
            for (std::size_t i = headerBytes; i < bytes.size(); ++i) {
                auto altered = bytes;
                altered[i] ^= 0x20;
                if (readError(altered, *format) != SignedFileError::BadSignature) {
                    QFAIL(qPrintable(QString("%1: byte %2 altered, not a bad signature")
                                         .arg(format->magic.data())
                                         .arg(i)));
                }
            }
        }
    }

    void everyTruncationIsNamedAsSuch() {
        for (const auto* format : {&kRoster, &kWideRoster, &kTagOnly}) {
            const auto bytes = writeSignedFile(*format, body_, centre_);
            for (std::size_t size = 1; size < bytes.size(); ++size) {
                const Bytes cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
                auto read = readSignedFile(cut, *format, centre_.publicKey);
                // A tag-only file has no length: a cut inside its body reads as a shorter body
                // whose signature no longer matches.
                const bool cutBody = !format->versionField && size >= format->magic.size() + 8 + 64;
                const auto expected =
                    cutBody ? SignedFileError::BadSignature : SignedFileError::Truncated;
                if (read.ok() || read.error().error != expected) {
                    QFAIL(qPrintable(QString("%1 cut at %2: %3")
                                         .arg(format->magic.data())
                                         .arg(size)
                                         .arg(read ? "accepted" : describe(read.error()).c_str())));
                }
            }
        }
        Bytes cut = roster();
        cut.pop_back();
        QCOMPARE(readSignedFile(cut, kRoster, centre_.publicKey).error().detail,
                 std::to_string(cut.size()) + " of " + std::to_string(cut.size() + 1) + " bytes");
    }

    void aBodyBeyondTheFormatsLimitIsRefused() {
        auto declared = roster();
        putU32(declared, kLengthAt, 1025);
        QCOMPARE(readError(declared), SignedFileError::Malformed);
        const Bytes large(65, 'x');
        QCOMPARE(readError(writeSignedFile(kTagOnly, large, centre_), kTagOnly),
                 SignedFileError::Malformed);
        QVERIFY(readSignedFile(writeSignedFile(kTagOnly, Bytes(64, 'x'), centre_), kTagOnly,
                               centre_.publicKey)
                    .ok());
    }

    void bytesAfterTheSignatureAreRefused() {
        auto longer = roster();
        longer.push_back(0);
        auto read = readSignedFile(longer, kRoster, centre_.publicKey);
        QCOMPARE(read.error().error, SignedFileError::Malformed);
        QCOMPARE(read.error().detail, std::string("bytes after the signature"));
    }

    void theFrameAloneNeedsNoKey() {
        const auto bytes = writeSignedFile(kRoster, body_, other_);
        auto frame = readSignedFileFrame(bytes, kRoster);
        QVERIFY(frame.ok());
        QCOMPARE(frame.value().headerBytes, kRosterHeader);
        QCOMPARE(frame.value().body.size(), body_.size());
        auto cut = bytes;
        cut.pop_back();
        QCOMPARE(readSignedFileFrame(cut, kRoster).error().error, SignedFileError::Truncated);
    }

    void theUnlockKeepsItsBytesOnTheSharedFrame() {
        // Written before the shared reader existed: tag | key id | fields | signature.
        InvigilatorUnlock unlock;
        unlock.id.fill(7);
        unlock.centreId = "C-LEEDS-01";
        unlock.invigilatorId = "INV-0042";
        unlock.issuedAtMs = 1'772'438'400'000;
        unlock.validUntilMs = unlock.issuedAtMs + 3'600'000;
        const auto bytes = signInvigilatorUnlock(unlock, centre_).value();
        const auto keyId = crypto::keyIdOf(centre_.publicKey);
        QCOMPARE(bytes.size(), 15 + 8 + 16 + (4 + 10) + (4 + 8) + 4 + 8 + 8 + 64);
        QVERIFY(std::equal(kUnlockContextTag.begin(), kUnlockContextTag.end(), bytes.begin()));
        QVERIFY(std::equal(keyId.begin(), keyId.end(), bytes.begin() + 15));
        QCOMPARE(bytes[15 + 8], std::uint8_t{7});
        auto cut = bytes;
        cut.resize(20);
        QCOMPARE(openInvigilatorUnlock(cut, centre_.publicKey, "C-LEEDS-01", "", unlock.issuedAtMs)
                     .error()
                     .error,
                 UnlockError::Truncated);
    }

    void errorsReadAsSentences() {
        for (const auto error :
             {SignedFileError::WrongMagic, SignedFileError::UnsupportedVersion,
              SignedFileError::Truncated, SignedFileError::Malformed,
              SignedFileError::SignedByAnotherKey, SignedFileError::BadSignature}) {
            QVERIFY(!describe(error).empty());
            QVERIFY(describe(error) != "unknown signed file error");
        }
    }
};

QTEST_GUILESS_MAIN(SignedFileTest)
#include "tst_signed_file.moc"
