#include "vigil/crypto/password_hash.h"
#include "vigil/exam/package.h"
#include "vigil/exam/seat_assignment.h"

#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace vigil;
using namespace vigil::exam;

namespace {
constexpr std::int64_t kIssuedAt = 1'772'438'400'000; // 2026-03-02 08:00 UTC
constexpr std::int64_t kHour = 60 * 60 * 1000;
constexpr std::size_t kSignatureSize = std::tuple_size_v<crypto::Signature>;
} // namespace

class SeatAssignmentTest : public QObject {
    Q_OBJECT

private:
    crypto::SigningKeyPair centre_ = crypto::generateSigningKeyPair();
    std::string credentialHash_; // INV-01's: PIN 482913, password "correct horse battery"
    const SeatIdentity seat_{"C-LEEDS-01", "Workshop 2", "PC07"};

    SeatAssignment assignment() const {
        SeatAssignment a;
        a.sessionId = "S-2026-03-02-AM";
        a.centreId = "C-LEEDS-01";
        a.centreName = "Leeds Motor Training";
        a.room = "Workshop 2";
        a.seatLabel = "PC07";
        a.sessionDate = "2026-03-02";
        a.candidateName = "Aoife Ní Bhriain";
        a.registrationNumber = "R1234567";
        a.photo = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10};
        a.assessmentId = "MOT-G2-2026A";
        a.assessmentVersion = "2026.1";
        const std::vector<std::uint8_t> package{'p', 'k', 'g'};
        a.packageDigest = packageDigest(package);
        a.accessibility.textScale = 1;
        a.accessibility.overlayColour = "cream";
        a.accessibility.extraTimePercent = 25;
        a.invigilators = {{"INV-01", "Sam Patel", credentialHash_, false},
                          {"INV-02", "Jo Marsh", credentialHash_, true}};
        a.issuedAtMs = kIssuedAt;
        a.validUntilMs = kIssuedAt + 6 * kHour;
        a.sittingSeed = 0x0123456789ABCDEFull;
        return a;
    }

    std::vector<std::uint8_t> signedAssignment() const {
        auto bytes = signSeatAssignment(assignment(), centre_);
        if (!bytes) {
            qFatal("sign failed: %s", describe(bytes.error()).c_str());
        }
        return std::move(bytes).value();
    }

    SeatAssignmentError openError(const std::vector<std::uint8_t>& bytes,
                                  std::int64_t now = kIssuedAt + kHour) const {
        auto opened = openSeatAssignment(bytes, centre_.publicKey, seat_, now);
        return opened ? SeatAssignmentError::InvalidInput : opened.error().error;
    }

private slots:
    void initTestCase() {
        credentialHash_ =
            hashInvigilatorCredential("INV-01", "482913", "correct horse battery").value();
    }

    void aSignedAssignmentOpensAtItsSeatWithEveryField() {
        auto opened =
            openSeatAssignment(signedAssignment(), centre_.publicKey, seat_, kIssuedAt + kHour);
        QVERIFY2(opened.ok(), opened ? "" : describe(opened.error()).c_str());
        const auto& a = opened.value();
        QCOMPARE(a.formatVersion, kSeatAssignmentFormatVersion);
        QCOMPARE(a.candidateName, std::string("Aoife Ní Bhriain"));
        QCOMPARE(a.accessibility.overlayColour.value(), std::string("cream"));
        QCOMPARE(a.accessibility.textScale, 1);
        QCOMPARE(a.accessibility.extraTimePercent, 25);
        QCOMPARE(a.invigilators.size(), std::size_t{2});
        QVERIFY(a.invigilators[1].holdsIndustryQualification);
        QVERIFY(verifyInvigilatorCredential(a.invigilators[0], "482913", "correct horse battery"));
        QVERIFY(!verifyInvigilatorCredential(a.invigilators[0], "482914", "correct horse battery"));
        QCOMPARE(a.sittingSeed, 0x0123456789ABCDEFull);
        QCOMPARE(a.photo.size(), std::size_t{6});
        QVERIFY(a.packageDigest == assignment().packageDigest);
    }

    // Issue 14: with a PIN hash of its own, an assignment gave the PIN up to an offline search
    // of 10^4-10^6 guesses. One hash binds id, PIN and password; nothing checks a part alone.
    void oneHashBindsIdPinAndPasswordTogether() {
        const InvigilatorEntry entry{"INV-01", "Sam Patel", credentialHash_, false};
        QVERIFY(verifyInvigilatorCredential(entry, "482913", "correct horse battery"));
        QVERIFY(!crypto::verifyPassword(entry.credentialHash, "482913"));
        QVERIFY(!crypto::verifyPassword(entry.credentialHash, "correct horse battery"));
        QVERIFY(!verifyInvigilatorCredential(entry, "482913", "correct horse batter"));
        QVERIFY(!verifyInvigilatorCredential(entry, "correct horse battery", "482913"));
        const InvigilatorEntry otherId{"INV-02", "Sam Patel", credentialHash_, false};
        QVERIFY(!verifyInvigilatorCredential(otherId, "482913", "correct horse battery"));
        // Length-prefixed parts: moving a character from one part to the next changes the bytes.
        const auto a = invigilatorCredential("INV-1", "23", "x");
        const auto b = invigilatorCredential("INV-", "123", "x");
        QVERIFY(!a.equals(b.span()));
        QVERIFY(a.view().starts_with(kInvigilatorCredentialTag));
    }

    void aVersion1AssignmentIsRefusedWithTheWayOut() {
        auto bytes = signedAssignment();
        bytes[8] = 1; // as vigil-pack wrote it before one hash covered PIN and password
        const std::span<const std::uint8_t> signedPart(bytes.data(), bytes.size() - 64);
        const auto signature = crypto::sign(centre_, signedPart);
        std::copy(signature.begin(), signature.end(), bytes.end() - 64);
        auto opened = openSeatAssignment(bytes, centre_.publicKey, seat_, kIssuedAt + kHour);
        QCOMPARE(opened.error().error, SeatAssignmentError::UnsupportedVersion);
        const auto text = describe(opened.error());
        QVERIFY2(text.find("issue the assignment again with this version of vigil-pack") !=
                     std::string::npos,
                 text.c_str());
    }

    void theValidityWindowIsEnforced() {
        const auto bytes = signedAssignment();
        QCOMPARE(openError(bytes, kIssuedAt + 6 * kHour + 1), SeatAssignmentError::Expired);
        QCOMPARE(openError(bytes, kIssuedAt - kSeatAssignmentClockSkewMs - 1),
                 SeatAssignmentError::NotYetValid);
        QVERIFY(openSeatAssignment(bytes, centre_.publicKey, seat_, kIssuedAt - 60'000).ok());
        QVERIFY(openSeatAssignment(bytes, centre_.publicKey, seat_, kIssuedAt + 6 * kHour).ok());
    }

    void anotherSeatRoomOrCentreIsRefused() {
        const auto bytes = signedAssignment();
        for (const auto& other : {SeatIdentity{"C-LEEDS-01", "Workshop 2", "PC08"},
                                  SeatIdentity{"C-LEEDS-01", "Workshop 1", "PC07"},
                                  SeatIdentity{"C-YORK-02", "Workshop 2", "PC07"}}) {
            auto opened = openSeatAssignment(bytes, centre_.publicKey, other, kIssuedAt + kHour);
            QCOMPARE(opened.error().error, SeatAssignmentError::WrongSeat);
            QVERIFY(opened.error().detail.find("seat PC07") != std::string::npos);
        }
    }

    // Issue 16: a computer reader (the kiosk's read-aloud) is an arrangement of its own, kept
    // with the screen reader in one flags byte; every combination reads back as signed.
    void readerArrangementsReadBackInEveryCombination() {
        for (const bool screenReader : {false, true}) {
            for (const bool computerReader : {false, true}) {
                auto a = assignment();
                a.accessibility.screenReader = screenReader;
                a.accessibility.computerReader = computerReader;
                auto bytes = signSeatAssignment(a, centre_);
                QVERIFY(bytes.ok());
                auto opened =
                    openSeatAssignment(bytes.value(), centre_.publicKey, seat_, kIssuedAt + kHour);
                QVERIFY(opened.ok());
                QCOMPARE(opened.value().accessibility.screenReader, screenReader);
                QCOMPARE(opened.value().accessibility.computerReader, computerReader);
            }
        }
    }

    // An arrangement this kiosk does not know (a flag bit it has no meaning for), even signed
    // by the right key, is refused: the candidate is never seated without what was granted.
    void anUnknownReaderArrangementIsRefusedEvenWhenSigned() {
        auto plain = assignment();
        auto withReader = assignment();
        withReader.accessibility.computerReader = true;
        const auto a = signSeatAssignment(plain, centre_).value();
        const auto b = signSeatAssignment(withReader, centre_).value();
        QCOMPARE(a.size(), b.size());
        std::size_t flags = 0;
        while (flags < a.size() - kSignatureSize && a[flags] == b[flags]) {
            ++flags;
        }
        QVERIFY(flags < a.size() - kSignatureSize);
        QCOMPARE(int(a[flags]), 0);
        QCOMPARE(int(b[flags]), 2);
        auto unknown = b;
        unknown[flags] = 0x06;
        const std::size_t signedLength = unknown.size() - kSignatureSize;
        const auto signature =
            crypto::sign(centre_, std::span<const std::uint8_t>(unknown.data(), signedLength));
        std::copy(signature.begin(), signature.end(),
                  unknown.begin() + std::ptrdiff_t(signedLength));
        auto opened = openSeatAssignment(unknown, centre_.publicKey, seat_, kIssuedAt + kHour);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().error, SeatAssignmentError::Malformed);
        QVERIFY2(opened.error().detail.find("reader arrangements") != std::string::npos,
                 opened.error().detail.c_str());
    }

    void anotherSignerIsRefused() {
        const auto other = crypto::generateSigningKeyPair();
        auto opened = openSeatAssignment(signedAssignment(), other.publicKey, seat_, kIssuedAt);
        QCOMPARE(opened.error().error, SeatAssignmentError::SignedByAnotherKey);
    }

    void everyAlteredByteIsRefused() {
        const auto bytes = signedAssignment();
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            auto altered = bytes;
            altered[i] ^= 0x04;
            const auto error = openError(altered);
            if (error == SeatAssignmentError::InvalidInput) {
                QFAIL(qPrintable(QString("byte %1 altered, still accepted").arg(i)));
            }
            if (i >= 24) { // past the header: only the signature can notice
                QCOMPARE(error, SeatAssignmentError::BadSignature);
            }
        }
        auto magic = bytes;
        magic[0] = 'X';
        QCOMPARE(openError(magic), SeatAssignmentError::NotASeatAssignment);
        auto version = bytes;
        version[8] = 3;
        QCOMPARE(openError(version), SeatAssignmentError::UnsupportedVersion);
    }

    void everyTruncationIsNamed() {
        const auto bytes = signedAssignment();
        QCOMPARE(openError({}), SeatAssignmentError::NotASeatAssignment);
        for (std::size_t size = 1; size < bytes.size(); ++size) {
            const std::vector<std::uint8_t> cut(bytes.begin(),
                                                bytes.begin() + static_cast<std::ptrdiff_t>(size));
            QCOMPARE(openError(cut), SeatAssignmentError::Truncated);
        }
    }

    void invalidFieldsAreRefusedWhenSigning_data() {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<QString>("reason");
        QTest::newRow("plain PIN instead of a hash") << 0 << "credential hash";
        QTest::newRow("no invigilator") << 1 << "roster";
        QTest::newRow("text scale") << 2 << "text scale";
        QTest::newRow("overlay") << 3 << "overlay";
        QTest::newRow("photo not an image") << 4 << "photo";
        QTest::newRow("date") << 5 << "session date";
        QTest::newRow("window") << 6 << "validity window";
        QTest::newRow("extra time") << 7 << "extra time";
        QTest::newRow("empty candidate") << 8 << "candidate name";
        QTest::newRow("duplicate invigilator") << 9 << "twice";
        QTest::newRow("centre id") << 10 << "centre id";
    }

    void invalidFieldsAreRefusedWhenSigning() {
        QFETCH(int, mutation);
        QFETCH(QString, reason);
        auto a = assignment();
        switch (mutation) {
        case 0:
            a.invigilators[0].credentialHash = "482913";
            break;
        case 1:
            a.invigilators.clear();
            break;
        case 2:
            a.accessibility.textScale = 3;
            break;
        case 3:
            a.accessibility.overlayColour = "ultraviolet";
            break;
        case 4:
            a.photo = {'G', 'I', 'F', '8', '9', 'a'};
            break;
        case 5:
            a.sessionDate = "2026-02-30";
            break;
        case 6:
            a.validUntilMs = a.issuedAtMs;
            break;
        case 7:
            a.accessibility.extraTimePercent = 150;
            break;
        case 8:
            a.candidateName.clear();
            break;
        case 9:
            a.invigilators[1].invigilatorId = "INV-01";
            break;
        case 10:
            a.centreId = "Leeds centre";
            break;
        }
        auto signedBytes = signSeatAssignment(a, centre_);
        QVERIFY(!signedBytes.ok());
        QCOMPARE(signedBytes.error().error, SeatAssignmentError::InvalidInput);
        QVERIFY2(QString::fromStdString(signedBytes.error().detail).contains(reason),
                 signedBytes.error().detail.c_str());
    }

    void thePackageMustBeTheAssignedOne() {
        const auto a = assignment();
        QVERIFY(checkPackageMatches(a, std::vector<std::uint8_t>{'p', 'k', 'g'}).ok());
        auto other = checkPackageMatches(a, std::vector<std::uint8_t>{'p', 'k', 'h'});
        QCOMPARE(other.error().error, SeatAssignmentError::PackageMismatch);
    }

    void filesAreWrittenOwnerOnlyAndReadBack() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("PC07.seat").toStdString();
        const auto bytes = signedAssignment();
        QVERIFY(writeSeatAssignmentFile(path, bytes).ok());
        struct stat status {};
        QCOMPARE(::stat(path.c_str(), &status), 0);
        QCOMPARE(status.st_mode & 0777, 0600u);
        auto read = readSeatAssignmentFile(path);
        QVERIFY(read.ok());
        QVERIFY(openSeatAssignment(read.value(), centre_.publicKey, seat_, kIssuedAt).ok());
        QCOMPARE(readSeatAssignmentFile(dir.filePath("none.seat").toStdString()).error().error,
                 SeatAssignmentError::FileUnreadable);
    }
};

QTEST_GUILESS_MAIN(SeatAssignmentTest)
#include "tst_seat_assignment.moc"
