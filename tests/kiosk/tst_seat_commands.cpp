// Issue 11: the kiosk applies the console's commands (after the link verified them): an
// assignment is checked like its file and written atomically, never mid-sitting; a launch keeps
// the content key sealed to this PC in the store and opens the seat that was waiting for it;
// pause, resume, extra time, void and a resume after a crash go through the sitting's own
// operations, each journalled with the command's id. Real stores, real files, the real session.
#include "sample_seat.h"
#include "session_harness.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/sitting.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/launch_keys.h"
#include "vigil/kiosk/seat_commands.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

namespace {

sync::ConsoleCommand command(sync::CommandKind kind, std::string body) {
    // The link has checked the signature and the seat already; these go straight in.
    static int next = 0;
    char id[33];
    std::snprintf(id, sizeof id, "%032x", ++next);
    return {id, "PC07", kind, 1, std::move(body), std::string(128, '0')};
}

std::string launchBody(const std::vector<std::uint8_t>& sealed) {
    return R"({"sealedContentKey":")" + crypto::toHex(sealed) + R"("})";
}

std::string deliverBody(const std::vector<std::uint8_t>& signedAssignment) {
    const QByteArray raw(reinterpret_cast<const char*>(signedAssignment.data()),
                         qsizetype(signedAssignment.size()));
    return R"({"assignment":")" + raw.toBase64().toStdString() + R"("})";
}

// A seat whose assignment carries no content key (as the console delivers it), with its store
// made as the kiosk's first run makes it.
struct WaitingSeat {
    QTemporaryDir temp;
    SampleSeat seat;
    crypto::SigningKeyPair kioskKeys;
    std::optional<store::Database> db;

    WaitingSeat() {
        SampleOptions sample;
        auto options = sampleSeatOptions(sample);
        options.sealContentKey = false;
        seat = buildSeat(makeSampleAssessment(sample),
                         fs::path(temp.path().toStdString()) / "vigil-kiosk", options);
        kioskKeys = TrustMaterial::load(seat.dataDir).kioskKeys;
        openStore();
    }
    void openStore() {
        const DataDir dir(seat.dataDir);
        const auto migrations = kioskMigrations();
        db.emplace(store::Database::open(dir.storeFile(), dir.openStoreKey().key, migrations,
                                         store::OpenMode::MustExist));
    }
    std::vector<std::uint8_t> contentKeySealedTo(const crypto::SigningPublicKey& kiosk) const {
        const auto package = bytesOf(seat.packageFile);
        const auto ab = crypto::loadSigningPublicKey(TrustMaterial::trustDir(seat.dataDir) /
                                                     "awarding-body-signing.pub")
                            .value();
        const auto key =
            exam::unsealContentKey(package, ab, seat.assignment.centreId, seat.centreBox).value();
        return exam::sealContentKeyToKiosk(key, kiosk).value();
    }
    SeatCommandContext context(int* reloads = nullptr, bool* underWay = nullptr) {
        SeatCommandContext c;
        c.assignmentFile = seat.assignmentFile;
        c.packageFile = seat.packageFile;
        c.seat = {seat.assignment.centreId, seat.assignment.room, seat.assignment.seatLabel};
        c.assignmentIssuer = seat.issuer.publicKey;
        c.packageSigner = crypto::loadSigningPublicKey(TrustMaterial::trustDir(seat.dataDir) /
                                                       "awarding-body-signing.pub")
                              .value();
        c.kioskKeys = &kioskKeys;
        c.db = &*db;
        c.nowMs = [this] {
            return seat.assignment.issuedAtMs + 120'000;
        };
        c.seatOpen = [] {
            return false;
        };
        c.sittingUnderWay = [underWay] {
            return underWay && *underWay;
        };
        c.reloadSeat = [reloads] {
            if (reloads) {
                ++*reloads;
            }
        };
        return c;
    }
    exam::SeatIdentity identity() const {
        return {seat.assignment.centreId, seat.assignment.room, seat.assignment.seatLabel};
    }
};

} // namespace

class TestSeatCommands : public QObject {
    Q_OBJECT

private slots:
    void aSeatWithoutAContentKeyWaitsForTheLaunch() {
        WaitingSeat w;
        try {
            (void)openSeat(w.seat.assignmentFile, w.seat.packageFile,
                           TrustMaterial::load(w.seat.dataDir), w.identity(),
                           w.seat.assignment.issuedAtMs + 120'000, &*w.db);
            QFAIL("a seat opened before its launch");
        } catch (const StartupError& error) {
            QCOMPARE(error.result().failure, StartupFailure::AwaitingLaunch);
            QCOMPARE(describe(error.result(), w.seat.dataDir).title,
                     QStringLiteral("Waiting for the invigilator to launch this seat's "
                                    "assessment."));
        }
    }

    void aLaunchKeepsTheSealedKeyAndTheSeatOpens() {
        WaitingSeat w;
        int reloads = 0;
        SeatCommands commands(w.context(&reloads));

        // Sealed to another PC: refused, nothing kept.
        const auto otherPc = crypto::generateSigningKeyPair();
        auto result = commands.apply(command(sync::CommandKind::Launch,
                                             launchBody(w.contentKeySealedTo(otherPc.publicKey))));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("another PC's key") != std::string::npos,
                 result.reason.c_str());
        // Sealed to this PC, but not this package's content key: refused.
        result = commands.apply(
            command(sync::CommandKind::Launch,
                    launchBody(exam::sealContentKeyToKiosk(crypto::SecureBuffer::random(32),
                                                           w.kioskKeys.publicKey)
                                   .value())));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("not this package's content key") != std::string::npos,
                 result.reason.c_str());
        QCOMPARE(LaunchKeys(*w.db).count(), std::size_t{0});
        QCOMPARE(reloads, 0);

        // The right one: kept sealed in the store, and the seat opens with it.
        const auto sealed = w.contentKeySealedTo(w.kioskKeys.publicKey);
        result = commands.apply(command(sync::CommandKind::Launch, launchBody(sealed)));
        QVERIFY2(result.applied, result.reason.c_str());
        QCOMPARE(reloads, 1);
        const auto digest = crypto::blake2b(bytesOf(w.seat.assignmentFile));
        QCOMPARE(LaunchKeys(*w.db).sealedFor(digest).value(), sealed);
        const auto opened =
            openSeat(w.seat.assignmentFile, w.seat.packageFile, TrustMaterial::load(w.seat.dataDir),
                     w.identity(), w.seat.assignment.issuedAtMs + 120'000, &*w.db);
        QCOMPARE(opened.assessment.metadata.id, w.seat.assessment.metadata.id);
        // The content key itself never lands on disk, not even in the store's file.
        const auto ab = crypto::loadSigningPublicKey(TrustMaterial::trustDir(w.seat.dataDir) /
                                                     "awarding-body-signing.pub")
                            .value();
        const auto contentKey = exam::unsealContentKey(bytesOf(w.seat.packageFile), ab,
                                                       w.seat.assignment.centreId, w.seat.centreBox)
                                    .value();
        w.db.reset();
        QVERIFY(!anyFileContains(w.seat.dataDir,
                                 std::string(contentKey.span().begin(), contentKey.span().end())));
    }

    // The PC a sitting moved away from gave up the launched key with it: restarted, it says
    // where the sitting went rather than that it waits for a launch (which would ask the
    // invigilator to launch a seat whose candidate sits elsewhere).
    void aSeatWhoseSittingMovedAwaySaysWhereNotThatItWaits() {
        WaitingSeat w;
        SeatCommands commands(w.context());
        const auto sealed = w.contentKeySealedTo(w.kioskKeys.publicKey);
        QVERIFY(commands.apply(command(sync::CommandKind::Launch, launchBody(sealed))).applied);
        const auto opened =
            openSeat(w.seat.assignmentFile, w.seat.packageFile, TrustMaterial::load(w.seat.dataDir),
                     w.identity(), w.seat.assignment.issuedAtMs + 120'000, &*w.db);
        const auto& assignment = w.seat.assignment;
        exam::ManualClock clock;
        clock.setWall(assignment.issuedAtMs + 120'000);
        auto sitting = exam::Sitting::create(*w.db, opened.assessment, newSittingFor(opened), clock,
                                             w.kioskKeys);
        sitting.verifyInvigilator(kSampleInvigilatorId);
        sitting.confirmCandidate(kSampleInvigilatorId);
        sitting.start();
        sitting.moveAway("PC12", "console command c-1");
        // As the move-away command does once the sitting has left.
        LaunchKeys(*w.db).forget(opened.assignmentDigest);

        try {
            (void)openSeat(w.seat.assignmentFile, w.seat.packageFile,
                           TrustMaterial::load(w.seat.dataDir), w.identity(),
                           assignment.issuedAtMs + 180'000, &*w.db);
            QFAIL("a seat opened without its key");
        } catch (const StartupError& error) {
            QCOMPARE(error.result().failure, StartupFailure::SittingMovedAway);
            const auto shown = describe(error.result(), w.seat.dataDir);
            QCOMPARE(shown.title, QStringLiteral("This sitting has moved to PC12: the candidate "
                                                 "continues there. This PC changes nothing more "
                                                 "in it."));
            QCOMPARE(shown.kind, QStringLiteral("moved"));
        }
    }

    void anAssignmentIsCheckedLikeItsFileAndWrittenWhole() {
        WaitingSeat w;
        int reloads = 0;
        bool underWay = false;
        SeatCommands commands(w.context(&reloads, &underWay));
        const auto before = bytesOf(w.seat.assignmentFile);

        auto next = w.seat.assignment;
        next.candidateName = "Sam Okafor";
        next.registrationNumber = "CD987654";
        // For another seat: refused, the file untouched.
        auto elsewhere = next;
        elsewhere.seatLabel = "PC08";
        auto result = commands.apply(
            command(sync::CommandKind::DeliverAssignment,
                    deliverBody(exam::signSeatAssignment(elsewhere, w.seat.issuer).value())));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("for another seat") != std::string::npos,
                 result.reason.c_str());
        // Signed by another key: refused.
        result = commands.apply(command(
            sync::CommandKind::DeliverAssignment,
            deliverBody(exam::signSeatAssignment(next, crypto::generateSigningKeyPair()).value())));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("another key") != std::string::npos, result.reason.c_str());
        // For another PC's key: refused.
        auto otherPc = next;
        otherPc.kioskKey = crypto::generateSigningKeyPair().publicKey;
        result = commands.apply(
            command(sync::CommandKind::DeliverAssignment,
                    deliverBody(exam::signSeatAssignment(otherPc, w.seat.issuer).value())));
        QVERIFY(!result.applied);
        QCOMPARE(bytesOf(w.seat.assignmentFile), before);

        // Mid-sitting: refused, the file untouched.
        const auto good = exam::signSeatAssignment(next, w.seat.issuer).value();
        underWay = true;
        result = commands.apply(command(sync::CommandKind::DeliverAssignment, deliverBody(good)));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("mid-sitting") != std::string::npos, result.reason.c_str());
        QCOMPARE(bytesOf(w.seat.assignmentFile), before);
        QCOMPARE(reloads, 0);

        // While Locked: written whole over the seat's file, and the seat reloads.
        underWay = false;
        LaunchKeys(*w.db).remember(crypto::blake2b(before), {1, 2, 3}, "old", 1);
        result = commands.apply(command(sync::CommandKind::DeliverAssignment, deliverBody(good)));
        QVERIFY2(result.applied, result.reason.c_str());
        QCOMPARE(bytesOf(w.seat.assignmentFile), good);
        QCOMPARE(reloads, 1);
        QCOMPARE(LaunchKeys(*w.db).count(), std::size_t{0}); // the old launch key went with it
        QVERIFY((fs::status(w.seat.assignmentFile).permissions() & fs::perms::others_read) ==
                fs::perms::none);
    }

    void sittingCommandsGoThroughTheSittingAndAreJournalled() {
        SessionHarness harness;
        harness.startSitting();
        auto& session = harness.session();
        SeatCommandContext context;
        context.applyToSitting = [&](const SittingOrder& order) {
            return session.applySittingOrder(order).toStdString();
        };
        SeatCommands commands(std::move(context));
        const auto lastEvent = [&] {
            return session.sitting()->events().back();
        };

        const auto pause = command(sync::CommandKind::Pause, R"({"reason":"fire alarm"})");
        auto result = commands.apply(pause);
        QVERIFY2(result.applied, result.reason.c_str());
        QCOMPARE(session.screen(), SessionController::Screen::Paused);
        QVERIFY(lastEvent().kind == exam::EventKind::Paused);
        QCOMPARE(lastEvent().actor, "console command " + pause.commandId);
        QCOMPARE(lastEvent().text, std::string("fire alarm"));

        // A second pause does not apply to a paused sitting: refused, nothing written.
        const auto events = session.sitting()->events().size();
        result = commands.apply(command(sync::CommandKind::Pause, R"({"reason":"again"})"));
        QVERIFY(!result.applied);
        QCOMPARE(session.sitting()->events().size(), events);

        const auto allowedBefore = session.sitting()->timeAllowed();
        const auto extra =
            command(sync::CommandKind::GrantExtraTime, R"({"minutes":10,"reason":"fire alarm"})");
        QVERIFY(commands.apply(extra).applied);
        QCOMPARE(session.sitting()->timeAllowed() - allowedBefore,
                 std::chrono::milliseconds(std::chrono::minutes(10)));
        QCOMPARE(lastEvent().actor, "console command " + extra.commandId);
        QVERIFY(
            !commands
                 .apply(command(sync::CommandKind::GrantExtraTime, R"({"minutes":0,"reason":"x"})"))
                 .applied);

        const auto resume = command(sync::CommandKind::Resume, "{}");
        QVERIFY(commands.apply(resume).applied);
        QCOMPARE(session.screen(), SessionController::Screen::Question);
        QVERIFY(lastEvent().kind == exam::EventKind::Resumed);
        QCOMPARE(lastEvent().actor, "console command " + resume.commandId);

        const auto voiding = command(sync::CommandKind::Void, R"({"reason":"malpractice"})");
        const auto sittingId = session.sitting()->id();
        QVERIFY(commands.apply(voiding).applied);
        QCOMPARE(session.screen(), SessionController::Screen::Locked);
        QVERIFY(!session.sitting());
        const auto journal = exam::SittingJournal(harness.db(), sittingId).load();
        QVERIFY(journal.back().kind == exam::EventKind::Voided);
        QCOMPARE(journal.back().actor, "console command " + voiding.commandId);
        // Nothing left to command.
        result = commands.apply(command(sync::CommandKind::Resume, "{}"));
        QVERIFY(!result.applied);
        QVERIFY2(result.reason.find("no sitting is open") != std::string::npos,
                 result.reason.c_str());
    }

    void aResumeAfterACrashIsAuthorisedFromTheConsole() {
        SessionHarness harness;
        harness.startSitting();
        harness.reopen(); // the kiosk went down mid-sitting
        auto& session = harness.session();
        QVERIFY(session.sittingInProgress());
        SeatCommandContext context;
        context.applyToSitting = [&](const SittingOrder& order) {
            return session.applySittingOrder(order).toStdString();
        };
        const auto authorise =
            command(sync::CommandKind::AuthoriseResume, R"({"invigilatorId":"INV-0042"})");
        const auto result = SeatCommands(std::move(context)).apply(authorise);
        QVERIFY2(result.applied, result.reason.c_str());
        QCOMPARE(session.screen(), SessionController::Screen::Question);
        QVERIFY(session.sitting()->events().back().kind == exam::EventKind::ResumeAuthorised);
        QCOMPARE(session.sitting()->events().back().actor,
                 "console command " + authorise.commandId);
    }

    // The kiosk itself: Out of service waiting for its launch; the launch command opens it.
    void theKioskWaitingForItsLaunchOpensWhenLaunched() {
        WaitingSeat w;
        const auto sealed = w.contentKeySealedTo(w.kioskKeys.publicKey);
        w.db.reset();
        KioskOptions options = w.seat.kioskOptions();
        KioskRuntime runtime(options);
        QVERIFY(runtime.outOfService());
        QCOMPARE(runtime.startupStatus().problem().kind, QStringLiteral("launch"));
        const auto result =
            runtime.applyCommand(command(sync::CommandKind::Launch, launchBody(sealed)));
        QVERIFY2(result.applied, result.reason.c_str());
        QVERIFY2(!runtime.outOfService(), qPrintable(runtime.startupStatus().problem().detail));
        QVERIFY(runtime.session());
        QCOMPARE(runtime.session()->screen(), SessionController::Screen::Locked);
        // A second launch is not needed once the seat is open.
        QVERIFY(
            !runtime.applyCommand(command(sync::CommandKind::Launch, launchBody(sealed))).applied);

        // Locked, no sitting: a new assignment is taken at once; without its content key the
        // seat waits for its launch again, and nobody can log in meanwhile.
        auto next = w.seat.assignment;
        next.candidateName = "Sam Okafor";
        next.registrationNumber = "CD987654";
        const auto nextBytes = exam::signSeatAssignment(next, w.seat.issuer).value();
        auto delivered = runtime.applyCommand(
            command(sync::CommandKind::DeliverAssignment, deliverBody(nextBytes)));
        QVERIFY2(delivered.applied, delivered.reason.c_str());
        auto* session = runtime.session();
        QVERIFY(session->candidateName().isEmpty()); // the old seat is closed
        QVERIFY2(session->setupError().contains("Waiting for the invigilator to launch"),
                 qPrintable(session->setupError()));
        session->beginLogin();
        QCOMPARE(session->screen(), SessionController::Screen::Locked);
        const auto launched =
            runtime.applyCommand(command(sync::CommandKind::Launch, launchBody(sealed)));
        QVERIFY2(launched.applied, launched.reason.c_str());
        QVERIFY2(session->setupError().isEmpty(), qPrintable(session->setupError()));
        QCOMPARE(session->candidateName(), QStringLiteral("Sam Okafor"));
        session->beginLogin();
        QCOMPARE(session->screen(), SessionController::Screen::Login);
        session->cancelLogin();
    }
};

QTEST_MAIN(TestSeatCommands)
#include "tst_seat_commands.moc"
