// Every start-up failure kind, one test each: the sample seat broken one way, the kiosk (its
// start-up steps and screens) run in this process, and the Out of service text a person reads
// on the screen (title, the file named, what to do) checked. tst_startup_problems runs the real
// binary over the main ones.
#include "sample_seat.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <chrono>
#include <fstream>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), std::streamsize(bytes.size()));
}

void flipMiddleByte(const fs::path& file) {
    auto bytes = textOf(file);
    bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
    writeBytes(file, bytes);
}

// The text of the visible item called `name` in the window, as a person sees it.
QString shownText(QQuickWindow* window, const QString& name) {
    std::function<const QQuickItem*(const QQuickItem*)> find =
        [&](const QQuickItem* item) -> const QQuickItem* {
        if (!item || !item->isVisible()) {
            return nullptr;
        }
        if (item->objectName() == name) {
            return item;
        }
        for (const auto* child : item->childItems()) {
            if (const auto* found = find(child)) {
                return found;
            }
        }
        return nullptr;
    };
    const auto* item = window ? find(window->contentItem()) : nullptr;
    return item ? item->property("text").toString() : QString();
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

class TestStartupFailures : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;
    SampleSeat seat_;
    KioskOptions options_;

    fs::path trust(const char* name) const { return TrustMaterial::trustDir(seat_.dataDir) / name; }
    fs::path data(const char* name) const { return seat_.dataDir / name; }

    // One start-up attempt: Out of service with this title, naming this file, and an action
    // that says `action` (a part of it).
    void expect(const QString& kind, const QString& title, const fs::path& file,
                const QString& action) {
        KioskRuntime runtime(options_);
        const auto& problem = runtime.startupStatus().problem();
        QVERIFY2(runtime.outOfService(), "the kiosk started");
        QVERIFY(runtime.loaded());
        QCOMPARE(problem.kind, kind);
        QVERIFY(!problem.detail.isEmpty());
        auto* window = runtime.window();
        QCOMPARE(shownText(window, QStringLiteral("problemTitle")), title);
        QCOMPARE(shownText(window, QStringLiteral("problemFile")),
                 QStringLiteral("File: %1").arg(QString::fromStdString(file.string())));
        const auto shownAction = shownText(window, QStringLiteral("problemAction"));
        QVERIFY2(shownAction.startsWith(QStringLiteral("What to do: ")) &&
                     shownAction.contains(action),
                 qPrintable(shownAction));
    }

    // The package sealed to `recipient` by `awarding` (the trusted awarding body unless given)
    // and an assignment, after `edit`, naming it, signed by the trusted issuer. For this centre
    // the assignment carries the content key sealed to this kiosk, as vigil-pack writes it.
    void reissue(const std::string& recipient,
                 const std::function<void(exam::SeatAssignment&)>& edit,
                 const crypto::SigningKeyPair* packageSigner = nullptr) {
        const auto awarding = crypto::generateSigningKeyPair();
        const auto issuer = crypto::generateSigningKeyPair();
        if (!packageSigner) {
            QVERIFY(crypto::saveSigningPublicKey(trust("awarding-body-signing.pub"),
                                                 awarding.publicKey));
        }
        QVERIFY(crypto::saveSigningPublicKey(trust("issuer-signing.pub"), issuer.publicKey));
        const auto other = crypto::generateBoxKeyPair();
        const auto& signer = packageSigner ? *packageSigner : awarding;
        const bool here = recipient == "C0451";
        auto package =
            exam::buildPackage(seat_.assessment, signer,
                               {{recipient, here ? seat_.centreBox.publicKey : other.publicKey}});
        QVERIFY(package);
        QVERIFY(exam::writePackageFile(seat_.packageFile, package.value()));
        auto assignment = seat_.assignment;
        assignment.packageDigest = exam::packageDigest(package.value());
        assignment.sealedContentKey.clear();
        if (here) {
            auto contentKey = exam::unsealContentKey(package.value(), signer.publicKey, recipient,
                                                     seat_.centreBox);
            QVERIFY(contentKey);
            assignment.sealedContentKey =
                exam::sealContentKeyToKiosk(contentKey.value(), seat_.kioskKey).value();
        }
        edit(assignment);
        auto signedAssignment = exam::signSeatAssignment(assignment, issuer);
        QVERIFY(signedAssignment);
        QVERIFY(exam::writeSeatAssignmentFile(seat_.assignmentFile, signedAssignment.value()));
    }

private slots:
    void init() {
        QVERIFY(temp_.isValid());
        seat_ = makeSampleSeat(fs::path(temp_.path().toStdString()) / QTest::currentTestFunction() /
                               "data");
        options_ = seat_.kioskOptions();
        options_.seat = {}; // from seat.conf, as on a centre PC
        // A first, healthy start: the store, its key and the kiosk's signing key exist.
        KioskRuntime runtime(options_);
        QVERIFY2(!runtime.outOfService(), qPrintable(runtime.startupStatus().detail()));
    }

    // ---- the data folder and the store key

    void dataFolderIsAFile() {
        const auto file = seat_.dataDir.parent_path() / "not-a-folder";
        std::ofstream(file) << "x";
        options_.dataDir = file;
        expect(QStringLiteral("data-dir"),
               QStringLiteral("The kiosk's data folder cannot be used."), file,
               QStringLiteral("not by every user"));
    }

    void storeKeyMissing() {
        fs::remove(data("store.key"));
        expect(QStringLiteral("store-key"),
               QStringLiteral("The store key of this kiosk is missing."), data("store.key"),
               QStringLiteral("Restore store.key from the centre's backup"));
    }

    void storeKeyReadableByOthers() {
        fs::permissions(data("store.key"), fs::perms::others_read, fs::perm_options::add);
        expect(QStringLiteral("store-key"),
               QStringLiteral("The store key can be read by other users."), data("store.key"),
               QStringLiteral("chmod 600"));
    }

    void storeKeyDamaged() {
        std::ofstream(data("store.key"), std::ios::app) << "x";
        expect(QStringLiteral("store-key"),
               QStringLiteral("The store key of this kiosk is damaged."), data("store.key"),
               QStringLiteral("Do not delete or replace kiosk.db"));
    }

    void storeMissingBesideItsKey() {
        fs::remove(data("kiosk.db"));
        expect(QStringLiteral("store"),
               QStringLiteral("The kiosk's store is missing: its key is still here."),
               data("kiosk.db"), QStringLiteral("put kiosk.db back"));
    }

    void storeAndKeyMissingOnAKioskThatHasRun() {
        fs::remove(data("kiosk.db"));
        fs::remove(data("store.key"));
        expect(QStringLiteral("store"),
               QStringLiteral("The kiosk's store and its key are missing."), data("kiosk.db"),
               QStringLiteral("put kiosk.db and store.key back"));
    }

    void storeLogDeleted() {
        // The files a killed kiosk leaves: the store open, its -wal and -shm copied aside.
        const auto aside = seat_.dataDir.parent_path() / "kiosk.db-shm.aside";
        {
            const auto migrations = kioskMigrations();
            auto db = store::Database::open(
                data("kiosk.db"), DataDir(seat_.dataDir).loadOrCreateStoreKey(), migrations);
            KioskLog(db).append({nowMs(), "PC07", "test", "test", "written before the kill"});
            fs::copy_file(data("kiosk.db-shm"), aside);
        }
        fs::copy_file(aside, data("kiosk.db-shm")); // ...and then -wal was deleted
        expect(QStringLiteral("store"),
               QStringLiteral("Part of the kiosk's store is missing: the latest answers may be "
                              "lost."),
               data("kiosk.db-wal"), QStringLiteral("put it back"));
    }

    // ---- the store

    void wrongStoreKey() {
        const auto other = crypto::SecureBuffer::random(32);
        writeBytes(data("store.key"),
                   std::string(reinterpret_cast<const char*>(other.data()), other.size()));
        expect(QStringLiteral("store"),
               QStringLiteral("The store key does not open this kiosk's store."), data("kiosk.db"),
               QStringLiteral("Put back the store.key that belongs to this kiosk.db"));
    }

    void storeFromANewerVigil() {
        {
            const auto migrations = kioskMigrations();
            auto db = store::Database::open(
                data("kiosk.db"), DataDir(seat_.dataDir).loadOrCreateStoreKey(), migrations);
            db.exec("PRAGMA user_version = 9999");
        }
        expect(QStringLiteral("store"),
               QStringLiteral("The store was written by a newer version of Vigil."),
               data("kiosk.db"), QStringLiteral("Install the newer version of Vigil"));
    }

    void storeDamaged() {
        auto bytes = textOf(data("kiosk.db"));
        for (std::size_t i = 0; i < bytes.size(); i += 7) {
            bytes[i] = char(bytes[i] ^ 0x5a);
        }
        writeBytes(data("kiosk.db"), bytes);
        KioskRuntime runtime(options_);
        const auto& problem = runtime.startupStatus().problem();
        QCOMPARE(problem.kind, QStringLiteral("store"));
        QCOMPARE(problem.file, QString::fromStdString(data("kiosk.db").string()));
        QVERIFY2(problem.action.contains(QStringLiteral("Do not delete or replace kiosk.db")),
                 qPrintable(problem.action));
    }

    // ---- seat.conf

    void seatNotConfigured() {
        fs::remove(data("seat.conf"));
        expect(QStringLiteral("seat"), QStringLiteral("This PC has no seat configured."),
               data("seat.conf"), QStringLiteral("write seat.conf"));
    }

    void consoleAddressInvalid() {
        std::ofstream(data("seat.conf"), std::ios::app) << "console = 192.168.10.2\n";
        expect(QStringLiteral("seat"),
               QStringLiteral("The console's address in seat.conf cannot be read."),
               data("seat.conf"), QStringLiteral("write the console line"));
    }

    // ---- trust keys

    void trustKeyMissing() {
        fs::remove(trust("issuer-signing.pub"));
        expect(QStringLiteral("trust"), QStringLiteral("A trust key of this PC is missing."),
               trust("issuer-signing.pub"), QStringLiteral("Install the centre's trust keys"));
    }

    void trustKeyDamaged() {
        writeBytes(trust("awarding-body-signing.pub"), "not a key");
        expect(QStringLiteral("trust"), QStringLiteral("A trust key of this PC is damaged."),
               trust("awarding-body-signing.pub"),
               QStringLiteral("Install the centre's trust keys"));
    }

    // Issue 11: no kiosk holds the centre's box key; one left in trust/ by an older installer
    // is never read (the seat opens with the content key sealed to this PC).
    void aCentreBoxKeyLeftInTrustIsNeverNeeded() {
        QVERIFY(!fs::exists(trust("centre-box.key")));
        KioskRuntime runtime(options_);
        QVERIFY2(!runtime.outOfService(), qPrintable(runtime.startupStatus().problem().detail));
    }

    void kioskSigningKeyDamaged() {
        writeBytes(data("kiosk-signing.key"), "not a key");
        expect(QStringLiteral("trust"), QStringLiteral("This kiosk's signing key cannot be used."),
               data("kiosk-signing.key"), QStringLiteral("mode 0600"));
    }

    // ---- the seat assignment

    void assignmentMissing() {
        fs::remove(seat_.assignmentFile);
        expect(QStringLiteral("assignment"),
               QStringLiteral("There is no seat assignment for this PC."), seat_.assignmentFile,
               QStringLiteral("issue this seat's assignment"));
    }

    void assignmentUnreadable() {
        fs::remove(seat_.assignmentFile);
        fs::create_directory(seat_.assignmentFile);
        expect(QStringLiteral("assignment"), QStringLiteral("The seat assignment cannot be read."),
               seat_.assignmentFile, QStringLiteral("issue this seat's assignment"));
    }

    void assignmentAltered() {
        flipMiddleByte(seat_.assignmentFile);
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment is damaged or was altered."),
               seat_.assignmentFile, QStringLiteral("issue this seat's assignment"));
    }

    void assignmentFromAnotherIssuer() {
        QVERIFY(crypto::saveSigningPublicKey(trust("issuer-signing.pub"),
                                             crypto::generateSigningKeyPair().publicKey));
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment was issued by another centre's key."),
               seat_.assignmentFile, QStringLiteral("issue this seat's assignment"));
    }

    void assignmentForAnotherCentre() {
        reissue("C0451", [](exam::SeatAssignment& a) { a.centreId = "C0999"; });
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment is for centre C0999; this PC is at centre "
                              "C0451."),
               seat_.assignmentFile, QStringLiteral("issue this seat's assignment"));
    }

    void assignmentForAnotherSeat() {
        reissue("C0451", [](exam::SeatAssignment& a) { a.seatLabel = "PC08"; });
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment is for PC08 (Workshop 2); this is PC07 "
                              "(Workshop 2)."),
               seat_.assignmentFile, QStringLiteral("issue this seat's assignment"));
    }

    void assignmentExpired() {
        const auto until = nowMs() - 3600'000LL;
        reissue("C0451", [until](exam::SeatAssignment& a) {
            a.issuedAtMs = until - 2 * 3600'000LL;
            a.validUntilMs = until;
        });
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment expired at %1.").arg(startupTimeText(until)),
               seat_.assignmentFile, QStringLiteral("Check this PC's clock"));
    }

    void assignmentNotYetValid() {
        const auto from = nowMs() + 3 * 3600'000LL;
        reissue("C0451", [from](exam::SeatAssignment& a) {
            a.issuedAtMs = from;
            a.validUntilMs = from + 3600'000LL;
        });
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment is not valid before %1.")
                   .arg(startupTimeText(from)),
               seat_.assignmentFile, QStringLiteral("the kiosk checks again by itself"));
    }

    // ---- the package

    void assignmentForAnotherKiosk() {
        // Signed by the centre for this seat, but for another PC's key (and sealed to it).
        const auto otherPc = crypto::generateSigningKeyPair();
        reissue("C0451", [&](exam::SeatAssignment& a) {
            a.kioskKey = otherPc.publicKey;
            a.sealedContentKey =
                exam::sealContentKeyToKiosk(crypto::SecureBuffer::random(32), otherPc.publicKey)
                    .value();
        });
        expect(QStringLiteral("assignment"),
               QStringLiteral("The seat assignment is for another PC (key %1); this PC's key is "
                              "%2.")
                   .arg(QString::fromStdString(crypto::toHex(crypto::keyIdOf(otherPc.publicKey))),
                        QString::fromStdString(crypto::toHex(crypto::keyIdOf(seat_.kioskKey)))),
               seat_.assignmentFile, QStringLiteral("for this PC's key"));
    }

    void contentKeySealedToAnotherKiosk() {
        // It names this PC, but the content key inside was sealed to another PC's key.
        const auto otherPc = crypto::generateSigningKeyPair();
        reissue("C0451", [&](exam::SeatAssignment& a) {
            a.sealedContentKey =
                exam::sealContentKeyToKiosk(crypto::SecureBuffer::random(32), otherPc.publicKey)
                    .value();
        });
        KioskRuntime runtime(options_);
        QVERIFY(runtime.outOfService());
        QCOMPARE(runtime.startupStatus().problem().kind, QStringLiteral("assignment"));
        QVERIFY2(runtime.startupStatus().problem().detail.contains("another PC's key"),
                 qPrintable(runtime.startupStatus().problem().detail));
    }

    void assignmentWithoutAContentKeyWaitsForTheLaunch() {
        reissue("C0451", [](exam::SeatAssignment& a) { a.sealedContentKey.clear(); });
        expect(QStringLiteral("launch"),
               QStringLiteral("Waiting for the invigilator to launch this seat's assessment."),
               seat_.assignmentFile, QStringLiteral("The invigilator launches it"));
    }

    void packageMissing() {
        fs::remove(seat_.packageFile);
        expect(QStringLiteral("package"), QStringLiteral("The assessment package is missing."),
               seat_.packageFile, QStringLiteral("from the awarding body's delivery"));
    }

    void packageUnreadable() {
        fs::remove(seat_.packageFile);
        fs::create_directory(seat_.packageFile);
        expect(QStringLiteral("package"), QStringLiteral("The assessment package cannot be read."),
               seat_.packageFile, QStringLiteral("from the awarding body's delivery"));
    }

    void packageNotTheOneNamed() {
        // A sound package of the same awarding body, but not the one the assignment names.
        const auto awarding = crypto::generateSigningKeyPair();
        QVERIFY(
            crypto::saveSigningPublicKey(trust("awarding-body-signing.pub"), awarding.publicKey));
        auto package =
            exam::buildPackage(seat_.assessment, awarding, {{"C0451", seat_.centreBox.publicKey}});
        QVERIFY(package);
        QVERIFY(exam::writePackageFile(seat_.packageFile, package.value()));
        expect(QStringLiteral("package"),
               QStringLiteral("The assessment package is not the one this seat's assignment "
                              "names."),
               seat_.packageFile,
               QStringLiteral("Copy the package named in the assignment (%1)")
                   .arg(QString::fromStdString(seat_.assignment.assessmentId)));
    }

    void packageForAnotherCentre() {
        reissue("C0999", [](exam::SeatAssignment&) {});
        expect(QStringLiteral("package"),
               QStringLiteral("The assessment package is for another centre (not sealed to "
                              "centre C0451)."),
               seat_.packageFile,
               QStringLiteral("Ask the awarding body for this centre's package"));
    }

    void packageNotSignedByTheAwardingBody() {
        const auto impostor = crypto::generateSigningKeyPair();
        reissue(
            "C0451", [](exam::SeatAssignment&) {}, &impostor);
        expect(QStringLiteral("package"),
               QStringLiteral("The assessment package is not signed by the awarding body."),
               seat_.packageFile, QStringLiteral("from the awarding body's delivery"));
    }

    void notAPackage() {
        writeBytes(seat_.packageFile, "this is some other file");
        expect(QStringLiteral("package"), QStringLiteral("The file is not an assessment package."),
               seat_.packageFile, QStringLiteral("from the awarding body's delivery"));
    }

    void packageAltered() {
        flipMiddleByte(seat_.packageFile);
        expect(QStringLiteral("package"),
               QStringLiteral("The assessment package is damaged or was altered."),
               seat_.packageFile, QStringLiteral("from the awarding body's delivery"));
    }

    void practiceQuizDeliveredAsTheAssessment() {
        // Signed by the awarding body as a practice quiz: whatever assignment names it, this
        // seat never sits it as the invigilated assessment.
        seat_.assessment.metadata.kind = exam::PackageKind::Practice;
        reissue("C0451", [](exam::SeatAssignment&) {});
        expect(QStringLiteral("package"),
               QStringLiteral("This package is a practice quiz, not an invigilated assessment."),
               seat_.packageFile, QStringLiteral("can never be sat as an assessment"));
    }

    // ---- the way out: the same runtime starts once the file is put right
    void aRecheckStartsOnceTheFileIsBack() {
        const auto aside = fs::path(seat_.assignmentFile.string() + ".aside");
        fs::rename(seat_.assignmentFile, aside);
        KioskRuntime runtime(options_);
        QVERIFY(runtime.outOfService());
        QVERIFY(!runtime.recheck());
        fs::rename(aside, seat_.assignmentFile);
        QVERIFY(runtime.recheck());
        QVERIFY(!runtime.outOfService());
        QVERIFY(runtime.session());
    }
};

QTEST_MAIN(TestStartupFailures)
#include "tst_startup_failures.moc"
