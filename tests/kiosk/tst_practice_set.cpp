// A practice seat: its quizzes (practice assignments and practice packages under
// <data-dir>/practice), each checked as a seat's assignment and package are plus its kind; the
// candidate's progress; and the real KioskRuntime starting a seat whose seat.conf says
// `mode = practice` on the practice screens.
#include "sample_seat.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/practice_progress.h"
#include "vigil/kiosk/practice_set.h"

#include <QDateTime>
#include <QQuickImageProvider>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

class TestPracticeSet : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;
    SampleSeat seat_;
    crypto::SigningKeyPair awarding_ = crypto::generateSigningKeyPair();

    exam::Assessment quiz(exam::PackageKind kind) const {
        auto assessment = makeSampleAssessment({});
        assessment.metadata.kind = kind;
        assessment.metadata.id = kind == exam::PackageKind::Practice ? "PRACTICE-BRAKES" : "MOT-G2";
        return assessment;
    }

    // <data-dir>/practice/<name>.vigil and .vseat, as the awarding body and `vigil-pack assign
    // --practice` (or with a candidate, as for an assessment) write them.
    void deliver(const std::string& name, const exam::Assessment& assessment,
                 bool practiceAssignment = true) {
        const auto folder = seat_.dataDir / kPracticeFolder;
        fs::create_directories(folder);
        auto package =
            exam::buildPackage(assessment, awarding_, {{"C0451", seat_.centreBox.publicKey}});
        QVERIFY(package);
        QVERIFY(exam::writePackageFile(folder / (name + ".vigil"), package.value()));
        auto contentKey =
            exam::unsealContentKey(package.value(), awarding_.publicKey, "C0451", seat_.centreBox);
        QVERIFY(contentKey);
        auto assignment = seat_.assignment;
        if (practiceAssignment) {
            assignment.candidateName.clear();
            assignment.registrationNumber.clear();
            assignment.invigilators.clear();
        }
        assignment.assessmentId = assessment.metadata.id;
        assignment.assessmentVersion = assessment.metadata.version;
        assignment.packageDigest = exam::packageDigest(package.value());
        assignment.sealedContentKey =
            exam::sealContentKeyToKiosk(contentKey.value(), seat_.kioskKey).value();
        auto signedAssignment = exam::signSeatAssignment(assignment, seat_.issuer);
        QVERIFY2(signedAssignment,
                 signedAssignment ? "" : exam::describe(signedAssignment.error()).c_str());
        QVERIFY(
            exam::writeSeatAssignmentFile(folder / (name + ".vseat"), signedAssignment.value()));
    }

    PracticeSet load() const {
        const exam::SeatIdentity here{seat_.assignment.centreId, seat_.assignment.room,
                                      seat_.assignment.seatLabel};
        return loadPracticeSet(seat_.dataDir, TrustMaterial::load(seat_.dataDir), here,
                               QDateTime::currentMSecsSinceEpoch());
    }

private slots:
    void init() {
        QVERIFY(temp_.isValid());
        seat_ = makeSampleSeat(fs::path(temp_.path().toStdString()) / QTest::currentTestFunction() /
                               "data");
        QVERIFY(crypto::saveSigningPublicKey(TrustMaterial::trustDir(seat_.dataDir) /
                                                 "awarding-body-signing.pub",
                                             awarding_.publicKey));
    }

    void aPracticeQuizAssignedToThisSeatIsOffered() {
        deliver("brakes", quiz(exam::PackageKind::Practice));
        const auto set = load();
        QCOMPARE(set.refused.size(), std::size_t(0));
        QCOMPARE(set.quizzes.size(), std::size_t(1));
        QCOMPARE(set.quizzes[0].quiz.metadata.id, std::string("PRACTICE-BRAKES"));
        QCOMPARE(set.quizzes[0].centreName, seat_.assignment.centreName);
    }

    void anAssessmentIsNeverTakenAsPractice() {
        deliver("mot-g2", quiz(exam::PackageKind::Assessment));
        const auto set = load();
        QCOMPARE(set.quizzes.size(), std::size_t(0));
        QCOMPARE(set.refused.size(), std::size_t(1));
        QCOMPARE(set.refused[0].failure, StartupFailure::PackageWrongKind);
        QCOMPARE(set.refused[0].reason,
                 QStringLiteral("This package is an invigilated assessment: it can never be "
                                "taken as practice."));
        // The typed error beneath it.
        const auto metadata = quiz(exam::PackageKind::Assessment).metadata;
        const auto refused = exam::requirePackageKind(metadata, exam::PackageKind::Practice);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, exam::PackageError::AssessmentAsPractice);
    }

    void aCandidatesAssignmentDoesNotOpenAPracticeSeat() {
        deliver("brakes", quiz(exam::PackageKind::Practice), false);
        const auto set = load();
        QCOMPARE(set.quizzes.size(), std::size_t(0));
        QCOMPARE(set.refused.size(), std::size_t(1));
        QVERIFY(set.refused[0].reason.contains(QStringLiteral("not a practice assignment")));
    }

    void aPracticeAssignmentNamesNeitherCandidateNorInvigilators() {
        auto assignment = seat_.assignment;
        assignment.candidateName.clear();
        assignment.registrationNumber.clear();
        QVERIFY(!exam::isPracticeAssignment(assignment)); // a roster: not practice
        QCOMPARE(exam::signSeatAssignment(assignment, seat_.issuer).error().error,
                 exam::SeatAssignmentError::InvalidInput);
        assignment.invigilators.clear();
        QVERIFY(exam::isPracticeAssignment(assignment));
        QVERIFY(exam::signSeatAssignment(assignment, seat_.issuer));
        auto assessmentSeat = seat_.assignment;
        assessmentSeat.invigilators.clear(); // a candidate and nobody to log them in
        QCOMPARE(exam::signSeatAssignment(assessmentSeat, seat_.issuer).error().error,
                 exam::SeatAssignmentError::InvalidInput);
    }

    void progressIsPerCandidateAndQuiz() {
        auto migrations = kioskMigrations();
        const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
        auto db = store::Database::open(seat_.dataDir / "progress-test.db", key, migrations,
                                        store::OpenMode::CreateIfMissing);
        PracticeProgress progress(db);
        const PracticeCandidate jordan{"Jordan Ellis", "AB123456"};
        QCOMPARE(progress.status("AB123456", "Q1"), PracticeStatus::NotAttempted);
        const auto first = progress.start(jordan, "Q1", 1000);
        QCOMPARE(progress.status("AB123456", "Q1"), PracticeStatus::Attempted);
        progress.submit(first, 2, 4, false, 2000);
        QCOMPARE(progress.status("AB123456", "Q1"), PracticeStatus::NeedsMoreWork);
        (void)progress.start(jordan, "Q1", 3000); // started again, left unfinished
        QCOMPARE(progress.status("AB123456", "Q1"), PracticeStatus::NeedsMoreWork);
        const auto third = progress.start(jordan, "Q1", 4000);
        progress.submit(third, 4, 4, true, 5000);
        QCOMPARE(progress.status("AB123456", "Q1"), PracticeStatus::Passed);
        progress.submit(first, 4, 4, true, 6000); // a submitted attempt is never rewritten
        QCOMPARE(progress.attempts("AB123456", "Q1"), 3);
        QCOMPARE(progress.status("AB123456", "Q2"), PracticeStatus::NotAttempted);
        QCOMPARE(progress.status("CD765432", "Q1"), PracticeStatus::NotAttempted);
        QCOMPARE(QString::fromLatin1(label(PracticeStatus::NeedsMoreWork)),
                 QStringLiteral("Needs more work"));
        // Nothing of practice is a sitting: no journal event, so nothing for the console, the
        // outbox or the awarding body.
        auto events = db.prepare("SELECT COUNT(*) FROM sitting_events");
        QVERIFY(events.step());
        QCOMPARE(events.int64(0), std::int64_t(0));
    }

    void seatConfSaysWhichKindOfSeat() {
        const auto conf = seat_.dataDir / "seat.conf";
        QVERIFY(!seatConfAsksForPractice(conf));
        std::ofstream(conf, std::ios::app) << "mode = practice\n";
        QVERIFY(seatConfAsksForPractice(conf));
    }

    void aPracticeSeatStartsOnThePracticeScreens() {
        deliver("brakes", quiz(exam::PackageKind::Practice));
        deliver("mot-g2", quiz(exam::PackageKind::Assessment));
        std::ofstream(seat_.dataDir / "seat.conf", std::ios::app) << "mode = practice\n";
        KioskRuntime runtime(seat_.kioskOptions());
        QVERIFY2(!runtime.outOfService(), qPrintable(runtime.startupStatus().detail()));
        QVERIFY(runtime.practice());
        QVERIFY(!runtime.session());
        QCOMPARE(runtime.statusLine(),
                 QStringLiteral("screen=PracticeSignIn quizzes=1 refused=1 qml=loaded"));
        auto* banner = runtime.window()->findChild<QObject*>(QStringLiteral("practiceBannerText"));
        QVERIFY(banner);
        QVERIFY(banner->property("text").toString().startsWith(QStringLiteral("PRACTICE QUIZ")));
        // The practice screens' images: the quiz being taken, from memory, through the same
        // image provider as an assessment's; none before a quiz starts or after it is left.
        auto* provider = dynamic_cast<QQuickImageProvider*>(
            runtime.engine().imageProvider(QLatin1String(ItemImageProvider::kName)));
        QVERIFY(provider);
        const QString diagram = QStringLiteral("media/brake-circuit.svg");
        QVERIFY(provider->requestImage(diagram, nullptr, {}).isNull());
        auto& practice = *runtime.practice();
        QVERIFY(practice.signIn(QStringLiteral("Jordan Ellis"), QStringLiteral("AB123456")));
        practice.startQuiz(0);
        QVERIFY(!provider->requestImage(diagram, nullptr, {}).isNull());
        practice.backToQuizzes();
        QVERIFY(provider->requestImage(diagram, nullptr, {}).isNull());
    }
};

QTEST_MAIN(TestPracticeSet)
#include "tst_practice_set.moc"
