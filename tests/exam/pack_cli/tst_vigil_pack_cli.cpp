// Drives the real vigil-pack binary the way an awarding body or centre administrator does,
// and checks what lands on disk with the library.
#include "vigil/crypto/hash.h"
#include "vigil/crypto/key_files.h"
#include "vigil/crypto/password_hash.h"
#include "vigil/exam/invigilator_unlock.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/qti_import.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/exam/serialization.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <sys/stat.h>

using namespace vigil;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

const std::filesystem::path kMotSample = std::filesystem::path(QT_TESTCASE_SOURCEDIR) /
                                         "../../../exam/samples/mot-braking-lighting-tyres";
const std::filesystem::path kPracticeSample = std::filesystem::path(QT_TESTCASE_SOURCEDIR) /
                                              "../../../exam/samples/mot-practice-brakes-tyres";

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

std::vector<std::uint8_t> bytesOf(const QString& path) {
    const auto data = readAll(path);
    return {data.begin(), data.end()};
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Text of rich-text HTML with the tags taken out, whitespace collapsed.
QString plainText(const std::string& html) {
    return QString::fromStdString(html).remove(QRegularExpression("<[^>]*>")).simplified();
}

} // namespace

class VigilPackCliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString binary_;

    QString path(const QString& name) const { return dir_.filePath(name); }

    Run run(const QStringList& arguments, const QMap<QString, QString>& environment = {},
            const QByteArray& input = {}) const {
        QProcess process;
        process.setWorkingDirectory(dir_.path());
        auto env = QProcessEnvironment::systemEnvironment();
        for (auto it = environment.begin(); it != environment.end(); ++it) {
            env.insert(it.key(), it.value());
        }
        process.setProcessEnvironment(env);
        process.start(binary_, arguments);
        if (!process.waitForStarted(10'000)) {
            return {};
        }
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60'000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QStringList assignArguments(const QString& output, const QString& centre = "C-LEEDS-01") const {
        return {"assign",
                "--signing-key",
                "centre.sk",
                "--package",
                "mot.vigil",
                "--ab-key",
                "ab.pub",
                "--kiosk-key",
                "kiosk07.pub",
                "--centre-key",
                "leeds.sk",
                "--session",
                "S-2026-03-02-AM",
                "--centre",
                centre,
                "--centre-name",
                "Leeds Motor Training",
                "--room",
                "Workshop 2",
                "--seat",
                "PC07",
                "--date",
                "2026-03-02",
                "--candidate",
                "Aoife Ní Bhriain",
                "--registration",
                "R1234567",
                "--invigilator",
                "INV-01:Sam Patel",
                "--invigilator",
                "INV-02:Jo Marsh:qualified",
                "--overlay",
                "cream",
                "--text-scale",
                "2",
                "--extra-time",
                "25",
                "-o",
                output};
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        binary_ = qEnvironmentVariable("VIGIL_BUILD_DIR") + "/exam/vigil-pack";
        QVERIFY2(QFile::exists(binary_), qPrintable(binary_));
        QVERIFY(std::filesystem::exists(kMotSample / "imsmanifest.xml"));
    }

    void keygenWritesOwnerOnlySecretsAndNeverOverwrites() {
        for (const auto& [kind, prefix] :
             {std::pair{"--signing", "ab"}, std::pair{"--signing", "centre"},
              std::pair{"--box", "leeds"}, std::pair{"--box", "york"},
              std::pair{"--signing", "kiosk07"}}) {
            const auto result = run({"keygen", kind, prefix});
            QCOMPARE(result.exitCode, 0);
            QVERIFY(result.out.contains(QString(prefix) + ".sk (owner only"));
            struct stat status {};
            QCOMPARE(::stat(path(QString(prefix) + ".sk").toLocal8Bit().constData(), &status), 0);
            QCOMPARE(status.st_mode & 0777, 0600u);
        }
        const auto before = readAll(path("ab.sk"));
        const auto again = run({"keygen", "--signing", "ab"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("already exists; not overwriting it"));
        QCOMPARE(readAll(path("ab.sk")), before);
        QVERIFY(crypto::loadSigningKeyPair(path("ab.sk").toStdString()).ok());
        QVERIFY(crypto::loadBoxPublicKey(path("leeds.pub").toStdString()).ok());
    }

    void buildSealsTheSampleExactlyAsImported() {
        const auto result = run({"build", QString::fromStdString(kMotSample.string()),
                                 "--signing-key", "ab.sk", "--centre", "C-LEEDS-01=leeds.pub",
                                 "--centre", "C-YORK-02=york.pub", "-o", "mot.vigil"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.startsWith("sealed MOT-BLT-2026A version 2026.1 (22 items"));
        QVERIFY(result.out.contains("for C-LEEDS-01 C-YORK-02"));

        const auto ab = crypto::loadSigningPublicKey(path("ab.pub").toStdString()).value();
        const auto york = crypto::loadBoxKeyPair(path("york.sk").toStdString()).value();
        const auto package = bytesOf(path("mot.vigil"));
        auto opened = exam::openPackage(package, ab, "C-YORK-02", york);
        QVERIFY2(opened.ok(), opened ? "" : exam::describe(opened.error()).c_str());
        const auto imported = exam::importQtiPackage(kMotSample);
        QVERIFY(imported.assessment.has_value());
        QVERIFY(exam::serializeAssessment(opened.value()).value() ==
                exam::serializeAssessment(*imported.assessment).value());
        QVERIFY(result.out.contains(
            QString::fromStdString(crypto::toHex(exam::packageDigest(package)))));
    }

    void buildPrintsEveryQtiProblemAndWritesNothing() {
        QVERIFY(QDir().mkpath(path("broken/items")));
        for (const auto& entry : std::filesystem::recursive_directory_iterator(kMotSample)) {
            const auto relative = std::filesystem::relative(entry.path(), kMotSample);
            const auto target = std::filesystem::path(path("broken").toStdString()) / relative;
            if (entry.is_directory()) {
                std::filesystem::create_directories(target);
            } else {
                std::filesystem::copy_file(entry.path(), target,
                                           std::filesystem::copy_options::overwrite_existing);
            }
        }
        QFile item(path("broken/items/brk01.xml"));
        QVERIFY(item.open(QIODevice::ReadOnly));
        auto xml = item.readAll();
        item.close();
        xml.replace("choiceInteraction", "sliderInteraction");
        QVERIFY(item.open(QIODevice::WriteOnly | QIODevice::Truncate));
        item.write(xml);
        item.close();

        const auto imported = exam::importQtiPackage(path("broken").toStdString());
        QVERIFY(!imported.problems.empty());
        const auto result = run({"build", "broken", "--signing-key", "ab.sk", "--centre",
                                 "C-LEEDS-01=leeds.pub", "-o", "broken.vigil"});
        QCOMPARE(result.exitCode, 1);
        for (const auto& problem : imported.problems) {
            QVERIFY2(
                result.err.contains(QString::fromStdString(exam::formatProblem(problem)) + "\n"),
                qPrintable(result.err));
        }
        QVERIFY(result.err.contains("no package written"));
        QVERIFY(!QFile::exists(path("broken.vigil")));
    }

    void infoShowsMetadataAndNeverContent() {
        const auto result = run({"info", "mot.vigil", "--ab-key", "ab.pub"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("assessment:         MOT-BLT-2026A\n"));
        QVERIFY(result.out.contains("qualification:      601/8928/9\n"));
        QVERIFY(result.out.contains("items:              22\n"));
        QVERIFY(result.out.contains("pass mark:          80%\n"));
        QVERIFY(result.out.contains(" C-LEEDS-01 (key "));
        const auto imported = exam::importQtiPackage(kMotSample);
        for (const auto& item : imported.assessment->items) {
            const auto stem = plainText(item.bodyHtml).left(40);
            QVERIFY(!stem.isEmpty());
            QVERIFY2(!result.out.contains(stem), qPrintable(stem));
            for (const auto& choice : item.choices) {
                const auto text = plainText(choice.contentHtml);
                if (text.size() >= 12) { // short ones ("16%") could appear by chance
                    QVERIFY2(!result.out.contains(text), qPrintable(text));
                }
            }
        }
        QVERIFY(!result.out.contains("media/"));
    }

    void verifyOpensForACentreAndRefusesTampering() {
        const auto ok = run({"verify", "mot.vigil", "--ab-key", "ab.pub", "--centre", "C-LEEDS-01",
                             "--centre-key", "leeds.sk"});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(ok.out.contains("content: opens for centre C-LEEDS-01, 22 items"));

        auto bytes = readAll(path("mot.vigil"));
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
        QFile tampered(path("tampered.vigil"));
        QVERIFY(tampered.open(QIODevice::WriteOnly));
        tampered.write(bytes);
        tampered.close();
        const auto altered = run({"verify", "tampered.vigil", "--ab-key", "ab.pub"});
        QCOMPARE(altered.exitCode, 1);
        QVERIFY(altered.err.contains("package signature is not valid"));

        const auto wrongKey = run({"verify", "mot.vigil", "--ab-key", "centre.pub"});
        QCOMPARE(wrongKey.exitCode, 1);
        QVERIFY(wrongKey.err.contains("signed by another key"));

        const auto wrongCentre = run({"verify", "mot.vigil", "--ab-key", "ab.pub", "--centre",
                                      "C-LEEDS-01", "--centre-key", "york.sk"});
        QCOMPARE(wrongCentre.exitCode, 1);
        QVERIFY(wrongCentre.err.contains("not the key this package was sealed to"));

        const auto notAPackage = run({"info", "ab.pub", "--ab-key", "ab.pub"});
        QCOMPARE(notAPackage.exitCode, 1);
        QVERIFY(notAPackage.err.contains("not a Vigil assessment package"));
        const auto missing = run({"info", "absent.vigil", "--ab-key", "ab.pub"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("cannot read the package file"));
    }

    void assignWritesASignedSeatWithOnlyHashes() {
        const QMap<QString, QString> secrets{{"VIGIL_PIN_INV_01", "482913"},
                                             {"VIGIL_PASSWORD_INV_01", "correct horse battery"},
                                             {"VIGIL_PIN_INV_02", "7351"},
                                             {"VIGIL_PASSWORD_INV_02", "tyre-tread-1.6mm"}};
        const auto result = run(assignArguments("pc07.seat"), secrets);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains("Aoife Ní Bhriain (R1234567) sits MOT-BLT-2026A"));

        const auto bytes = bytesOf(path("pc07.seat"));
        const QByteArray raw = readAll(path("pc07.seat"));
        for (const auto& secret : secrets) {
            QVERIFY(!raw.contains(secret.toUtf8()));
        }
        const auto centre = crypto::loadSigningPublicKey(path("centre.pub").toStdString()).value();
        const auto kiosk = crypto::loadSigningKeyPair(path("kiosk07.sk").toStdString()).value();
        auto opened = exam::openSeatAssignment(
            bytes, centre, exam::SeatIdentity{"C-LEEDS-01", "Workshop 2", "PC07"}, kiosk.publicKey,
            nowMs());
        QVERIFY2(opened.ok(), opened ? "" : exam::describe(opened.error()).c_str());
        const auto& a = opened.value();
        QVERIFY(exam::verifyInvigilatorCredential(a.invigilators[0], "482913",
                                                  "correct horse battery"));
        QVERIFY(exam::verifyInvigilatorCredential(a.invigilators[1], "7351", "tyre-tread-1.6mm"));
        QVERIFY(!crypto::verifyPassword(a.invigilators[0].credentialHash, "482913"));
        QVERIFY(!exam::verifyInvigilatorCredential(a.invigilators[1], "482913",
                                                   "correct horse battery"));
        QVERIFY(a.invigilators[1].holdsIndustryQualification);
        QCOMPARE(a.invigilators[1].name, std::string("Jo Marsh"));
        QCOMPARE(a.assessmentId, std::string("MOT-BLT-2026A"));
        QVERIFY(exam::checkPackageMatches(a, bytesOf(path("mot.vigil"))).ok());
        QCOMPARE(a.accessibility.overlayColour.value(), std::string("cream"));
        QCOMPARE(a.accessibility.textScale, 2);
        QVERIFY(a.validUntilMs - a.issuedAtMs == 12LL * 60 * 60 * 1000);
        auto elsewhere = exam::openSeatAssignment(
            bytes, centre, exam::SeatIdentity{"C-LEEDS-01", "Workshop 2", "PC08"}, kiosk.publicKey,
            nowMs());
        QCOMPARE(elsewhere.error().error, exam::SeatAssignmentError::WrongSeat);

        // Issue 11: the content key is sealed to PC07's own key; no centre key is needed to
        // open the package there, and another PC's key opens nothing.
        QVERIFY(result.out.contains("content key sealed to that PC"));
        const auto ab = crypto::loadSigningPublicKey(path("ab.pub").toStdString()).value();
        auto contentKey = exam::openContentKeySealedToKiosk(a.sealedContentKey, kiosk);
        QVERIFY(contentKey.ok());
        QVERIFY(exam::openPackageWithContentKey(bytesOf(path("mot.vigil")), ab, contentKey.value())
                    .ok());
        const auto ab07 = crypto::generateSigningKeyPair();
        QCOMPARE(exam::openContentKeySealedToKiosk(a.sealedContentKey, ab07).error().error,
                 exam::PackageError::OtherKiosk);
        auto swapped = exam::openSeatAssignment(
            bytes, centre, exam::SeatIdentity{"C-LEEDS-01", "Workshop 2", "PC07"}, ab07.publicKey,
            nowMs());
        QCOMPARE(swapped.error().error, exam::SeatAssignmentError::OtherKiosk);
    }

    void assignWithoutTheCentreKeyLeavesTheLaunchToTheConsole() {
        auto arguments = assignArguments("waiting.seat");
        const auto at = arguments.indexOf("--centre-key");
        arguments.remove(at, 2);
        const QMap<QString, QString> secrets{{"VIGIL_PIN_INV_01", "482913"},
                                             {"VIGIL_PASSWORD_INV_01", "correct horse battery"},
                                             {"VIGIL_PIN_INV_02", "7351"},
                                             {"VIGIL_PASSWORD_INV_02", "tyre-tread-1.6mm"}};
        const auto result = run(arguments, secrets);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(
            result.out.contains("no content key: the seat waits until the console launches it"));
        const auto centre = crypto::loadSigningPublicKey(path("centre.pub").toStdString()).value();
        auto read = exam::readSeatAssignment(bytesOf(path("waiting.seat")), centre);
        QVERIFY(read.ok());
        QVERIFY(read.value().sealedContentKey.empty());

        // A centre key that is not the centre's the package was sealed to: refused, no file.
        arguments = assignArguments("york-key.seat");
        arguments[arguments.indexOf("leeds.sk")] = "york.sk";
        const auto wrongKey = run(arguments, secrets);
        QCOMPARE(wrongKey.exitCode, 1);
        QVERIFY2(wrongKey.err.contains("not the key this package was sealed to"),
                 qPrintable(wrongKey.err));
        QVERIFY(!QFile::exists(path("york-key.seat")));
    }

    void assignReadsSecretsFromStdinAndRefusesWeakOrMissingOnes() {
        const QMap<QString, QString> firstOnly{{"VIGIL_PIN_INV_01", "482913"},
                                               {"VIGIL_PASSWORD_INV_01", "correct horse battery"}};
        const auto fromStdin =
            run(assignArguments("stdin.seat"), firstOnly, "7351\ntyre-tread-1.6mm\n");
        QVERIFY2(fromStdin.exitCode == 0, qPrintable(fromStdin.err));
        const auto centre = crypto::loadSigningPublicKey(path("centre.pub").toStdString()).value();
        auto read = exam::readSeatAssignment(bytesOf(path("stdin.seat")), centre);
        QVERIFY(read.ok());
        QVERIFY(exam::verifyInvigilatorCredential(read.value().invigilators[1], "7351",
                                                  "tyre-tread-1.6mm"));

        const auto missing = run(assignArguments("missing.seat"), firstOnly, "");
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("no PIN for invigilator INV-02: set VIGIL_PIN_INV_02"));
        QVERIFY(!QFile::exists(path("missing.seat")));

        const auto weak = run(assignArguments("weak.seat"), firstOnly, "73a1\nlong password\n");
        QCOMPARE(weak.exitCode, 1);
        QVERIFY(weak.err.contains("invigilator INV-02: a PIN is 4 to 12 digits"));
        QVERIFY(!QFile::exists(path("weak.seat")));
    }

    void assignRefusesACentreThePackageIsNotSealedTo() {
        const auto result = run(assignArguments("hull.seat", "C-HULL-03"));
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains("is not sealed to centre C-HULL-03"));
        QVERIFY(!QFile::exists(path("hull.seat")));
    }

    // A practice quiz is assigned to a PC with --practice (no candidate, no invigilator); an
    // assessment never is, and a practice quiz never without it.
    void assignPracticeHandsAPracticeQuizToAPc() {
        const auto built =
            run({"build", QString::fromStdString(kPracticeSample.string()), "--signing-key",
                 "ab.sk", "--centre", "C-LEEDS-01=leeds.pub", "-o", "practice.vigil"});
        QVERIFY2(built.exitCode == 0, qPrintable(built.err));
        const auto info = run({"info", "practice.vigil", "--ab-key", "ab.pub"});
        QVERIFY2(info.out.contains("kind:               practice\n"), qPrintable(info.out));
        QVERIFY(run({"info", "mot.vigil", "--ab-key", "ab.pub"})
                    .out.contains("kind:               assessment\n"));

        const QStringList practiceArguments{"assign",
                                            "--practice",
                                            "--signing-key",
                                            "centre.sk",
                                            "--package",
                                            "practice.vigil",
                                            "--ab-key",
                                            "ab.pub",
                                            "--kiosk-key",
                                            "kiosk07.pub",
                                            "--centre-key",
                                            "leeds.sk",
                                            "--centre",
                                            "C-LEEDS-01",
                                            "--centre-name",
                                            "Leeds Motor Training",
                                            "--room",
                                            "Training room",
                                            "--seat",
                                            "PC07",
                                            "--date",
                                            "2026-03-02",
                                            "-o",
                                            "practice.vseat"};
        const auto assigned = run(practiceArguments);
        QVERIFY2(assigned.exitCode == 0, qPrintable(assigned.err));
        QVERIFY2(assigned.out.contains("practice quiz MOT-PRACTICE-BT-01"),
                 qPrintable(assigned.out));
        const auto centre = crypto::loadSigningPublicKey(path("centre.pub").toStdString()).value();
        auto read = exam::readSeatAssignment(bytesOf(path("practice.vseat")), centre);
        QVERIFY(read.ok());
        QVERIFY(exam::isPracticeAssignment(read.value()));
        QVERIFY(!read.value().sealedContentKey.empty());

        auto assessmentAsPractice = practiceArguments;
        assessmentAsPractice[assessmentAsPractice.indexOf("practice.vigil")] = "mot.vigil";
        assessmentAsPractice[assessmentAsPractice.indexOf("practice.vseat")] = "refused.vseat";
        const auto refused = run(assessmentAsPractice);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("this package is an invigilated assessment: it can never be "
                                      "taken as practice"),
                 qPrintable(refused.err));
        QVERIFY(!QFile::exists(path("refused.vseat")));

        auto practiceAsAssessment = assignArguments("refused.seat");
        practiceAsAssessment[practiceAsAssessment.indexOf("mot.vigil")] = "practice.vigil";
        const QMap<QString, QString> secrets{{"VIGIL_PIN_INV_01", "482913"},
                                             {"VIGIL_PASSWORD_INV_01", "correct horse battery"},
                                             {"VIGIL_PIN_INV_02", "7351"},
                                             {"VIGIL_PASSWORD_INV_02", "tyre-tread-1.6mm"}};
        const auto asAssessment = run(practiceAsAssessment, secrets);
        QCOMPARE(asAssessment.exitCode, 1);
        QVERIFY2(asAssessment.err.contains("this package is a practice quiz: it can never be "
                                           "delivered as an invigilated assessment"),
                 qPrintable(asAssessment.err));
        QVERIFY(!QFile::exists(path("refused.seat")));

        auto withCandidate = practiceArguments;
        withCandidate << "--candidate"
                      << "Aoife Ní Bhriain";
        QCOMPARE(run(withCandidate).exitCode, 2);
    }

    void unlockWritesASignedOrderForOneInvigilator() {
        const auto result =
            run({"unlock", "--signing-key", "centre.sk", "--centre", "C-LEEDS-01", "--invigilator",
                 "INV-0042", "--seat", "PC07", "-o", "inv-0042.vunlock"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains("invigilator INV-0042 at centre C-LEEDS-01, seat PC07"));
        const auto bytes = bytesOf(path("inv-0042.vunlock"));
        QVERIFY(readAll(path("inv-0042.vunlock")).startsWith("vigil/unlock/v1"));
        const auto centre = crypto::loadSigningPublicKey(path("centre.pub").toStdString()).value();
        auto opened = exam::openInvigilatorUnlock(bytes, centre, "C-LEEDS-01", "PC07", nowMs());
        QVERIFY2(opened.ok(), opened ? "" : exam::describe(opened.error()).c_str());
        QCOMPARE(opened.value().invigilatorId, std::string("INV-0042"));
        QCOMPARE(opened.value().validUntilMs - opened.value().issuedAtMs, 24LL * 3600 * 1000);
        QVERIFY(result.out.contains(QString::fromStdString(crypto::toHex(opened.value().id))));
        QCOMPARE(
            exam::openInvigilatorUnlock(bytes, centre, "C-LEEDS-01", "PC08", nowMs()).error().error,
            exam::UnlockError::WrongSeat);
        const auto ab = crypto::loadSigningPublicKey(path("ab.pub").toStdString()).value();
        QCOMPARE(
            exam::openInvigilatorUnlock(bytes, ab, "C-LEEDS-01", "PC07", nowMs()).error().error,
            exam::UnlockError::SignedByAnotherKey);
        QCOMPARE(exam::openInvigilatorUnlock(bytes, centre, "C-LEEDS-01", "PC07",
                                             nowMs() + 25LL * 3600 * 1000)
                     .error()
                     .error,
                 exam::UnlockError::Expired);

        // Two unlocks for the same invigilator differ: each has its own random id.
        QCOMPARE(run({"unlock", "--signing-key", "centre.sk", "--centre", "C-LEEDS-01",
                      "--invigilator", "INV-0042", "-o", "again.vunlock"})
                     .exitCode,
                 0);
        QVERIFY(readAll(path("again.vunlock")) != readAll(path("inv-0042.vunlock")));

        const auto noCentre = run({"unlock", "--signing-key", "centre.sk", "--invigilator",
                                   "INV-0042", "-o", "x.vunlock"});
        QCOMPARE(noCentre.exitCode, 2);
        QVERIFY(noCentre.err.contains("--centre"));
        const auto tooLong =
            run({"unlock", "--signing-key", "centre.sk", "--centre", "C-LEEDS-01", "--invigilator",
                 "INV-0042", "--valid-hours", "500", "-o", "x.vunlock"});
        QCOMPARE(tooLong.exitCode, 2);
        QVERIFY(!QFile::exists(path("x.vunlock")));
    }

    void wrongUsageExitsTwoWithTheUsage() {
        const auto none = run({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains("usage: vigil-pack <command>"));
        const auto unknown = run({"info", "mot.vigil", "--ab-kye", "ab.pub"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("vigil-pack: info: unknown option --ab-kye"));
        const auto pinInArgv = run({"assign", "--pin", "1234"});
        QCOMPARE(pinInArgv.exitCode, 2);
        QVERIFY(pinInArgv.err.contains("unknown option --pin"));
        const auto badScale = run({"keygen"});
        QCOMPARE(badScale.exitCode, 2);
        const auto help = run({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Exit status: 0 done, 1 refused or failed"));
    }
};

QTEST_GUILESS_MAIN(VigilPackCliTest)
#include "tst_vigil_pack_cli.moc"
