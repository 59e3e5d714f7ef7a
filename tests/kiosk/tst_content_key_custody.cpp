// Issue 11, "content keys are released to that kiosk only": a kiosk holds no key that opens the
// centre's packages. Its data folder (trust keys, its own key, store, journal of a sitting under
// way) is searched for anything that opens the package other than the content key sealed to this
// PC's own key; and an assignment sealed to another PC opens nothing here.
#include "sample_seat.h"
#include "session_harness.h"
#include "vigil/crypto/identity_box_key.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/seat_setup.h"

#include <QTest>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

namespace {

bool contains(const std::vector<std::uint8_t>& haystack, std::span<const std::uint8_t> needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
           haystack.end();
}

// Every X25519 key pair a file under the data folder could give: a box key file as it is, and
// the box key of a signing key file (the form a kiosk's own key opens sealed boxes with).
std::vector<crypto::BoxKeyPair> boxKeysIn(const fs::path& file) {
    std::vector<crypto::BoxKeyPair> keys;
    if (auto box = crypto::loadBoxKeyPair(file)) {
        keys.push_back(std::move(box).value());
    }
    if (auto signing = crypto::loadSigningKeyPair(file)) {
        if (auto derived = crypto::boxKeyPairOf(signing.value())) {
            keys.push_back(std::move(derived).value());
        }
    }
    return keys;
}

} // namespace

class TestContentKeyCustody : public QObject {
    Q_OBJECT

private slots:
    void theDataFolderHoldsNoKeyThatOpensThePackageButTheOneSealedToThisPc() {
        SessionHarness harness;
        harness.startSitting(); // the store, its key and a journal exist, a sitting under way
        harness.close();
        const auto& seat = harness.seat();
        const auto package = exam::readPackageFile(seat.packageFile).value();
        const auto abKey = crypto::loadSigningPublicKey(TrustMaterial::trustDir(seat.dataDir) /
                                                        "awarding-body-signing.pub")
                               .value();
        const auto contentKey =
            exam::unsealContentKey(package, abKey, seat.assignment.centreId, seat.centreBox)
                .value();

        int files = 0;
        int keyFiles = 0;
        for (const auto& entry : fs::recursive_directory_iterator(seat.dataDir)) {
            if (!entry.is_regular_file()) {
                continue;
            }
            ++files;
            const auto bytes = bytesOf(entry.path());
            const auto name = entry.path().string();
            // Neither the centre's secret box key nor the content key is stored in the clear.
            QVERIFY2(!contains(bytes, seat.centreBox.secretKey.span()), name.c_str());
            QVERIFY2(!contains(bytes, contentKey.span()), name.c_str());
            // No key file opens the content key the package seals to the centre.
            for (const auto& keys : boxKeysIn(entry.path())) {
                ++keyFiles;
                const auto opened =
                    exam::unsealContentKey(package, abKey, seat.assignment.centreId, keys);
                QVERIFY2(!opened.ok(), name.c_str());
            }
        }
        QVERIFY(files >= 6);   // trust keys, kiosk key and its .pub, store key, store, seat.conf
        QCOMPARE(keyFiles, 1); // the kiosk's own key, and nothing else
        QVERIFY(!fs::exists(TrustMaterial::trustDir(seat.dataDir) / "centre-box.key"));

        // What opens it: this PC's own key, through the key sealed to it in the assignment.
        const auto trust = TrustMaterial::load(seat.dataDir);
        QVERIFY(trust.kioskKeys.publicKey == seat.kioskKey);
        const auto mine =
            exam::openContentKeySealedToKiosk(seat.assignment.sealedContentKey, trust.kioskKeys);
        QVERIFY(mine.ok());
        QVERIFY(mine.value().equals(contentKey.span()));
        QVERIFY(exam::openPackageWithContentKey(package, abKey, mine.value()).ok());
    }

    void anotherKiosksAssignmentOpensNothingHere() {
        QTemporaryDir temp;
        const fs::path root = temp.path().toStdString();
        auto thisPc = makeSampleSeat(root / "pc07");
        // PC08's seat, built with its own keys: its assignment names PC08's key and seals the
        // content key to it.
        auto options = sampleSeatOptions();
        options.seatLabel = "PC07"; // even claiming this seat label
        const auto otherPc = buildSeat(thisPc.assessment, root / "pc08", options);
        const auto trust = TrustMaterial::load(thisPc.dataDir);

        auto refused =
            exam::openContentKeySealedToKiosk(otherPc.assignment.sealedContentKey, trust.kioskKeys);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().error, exam::PackageError::OtherKiosk);

        // Copied over this PC's own assignment, signed by this centre's issuer: the kiosk says
        // it is for another PC and opens nothing.
        auto forged = otherPc.assignment;
        forged.packageDigest = thisPc.assignment.packageDigest;
        const auto signedBytes = exam::signSeatAssignment(forged, thisPc.issuer).value();
        QVERIFY(exam::writeSeatAssignmentFile(thisPc.assignmentFile, signedBytes));
        try {
            (void)openSeat(
                thisPc.assignmentFile, thisPc.packageFile, trust,
                {thisPc.assignment.centreId, thisPc.assignment.room, thisPc.assignment.seatLabel},
                thisPc.assignment.issuedAtMs + 60'000);
            QFAIL("another PC's assignment opened here");
        } catch (const StartupError& error) {
            QCOMPARE(error.result().failure, StartupFailure::AssignmentOtherKiosk);
            const auto problem = describe(error.result(), thisPc.dataDir);
            QVERIFY2(problem.title.startsWith("The seat assignment is for another PC"),
                     qPrintable(problem.title));
        }
    }
};

QTEST_GUILESS_MAIN(TestContentKeyCustody)
#include "tst_content_key_custody.moc"
