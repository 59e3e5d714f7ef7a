// The real vigil-pack binary on item banks as another engine exports them (TAO test packages
// in tests/exam/qti/data, as folders and as zips): build with --settings and --test, check's
// per-item report, and the conflicts; the export itself is never changed.
#include "../qti/fixture_package.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"
#include "vigil/exam/qti_import.h"
#include "vigil/exam/serialization.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace vigil;
using namespace vigil::exam::testing;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

const QString kQtiData = QStringLiteral(QT_TESTCASE_SOURCEDIR) + "/../qti/data/";
const QString kOneTest = kQtiData + "tao-one-test";
const QString kTwoTests = kQtiData + "tao-two-tests";
const QString kSettings = QDir::cleanPath(kQtiData + "tao-settings.json");
const QString kHeadlampItem = "items/i17144699542265122/qti.xml";
const QString kLightingTest = "tests/i17144716620088706/test.xml";

// Every file under `folder` (or the one file) with its bytes, to show nothing was changed.
std::map<QString, QByteArray> snapshot(const QString& path) {
    std::map<QString, QByteArray> files;
    if (QFileInfo(path).isFile()) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            files[path] = file.readAll();
        }
        return files;
    }
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly)) {
            files[file.fileName()] = file.readAll();
        }
    }
    return files;
}

std::vector<std::uint8_t> bytesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const auto data = file.readAll();
    return {data.begin(), data.end()};
}

} // namespace

class VigilPackExportsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString binary_;

    QString path(const QString& name) const { return dir_.filePath(name); }

    Run run(const QStringList& arguments) const {
        QProcess process;
        process.setWorkingDirectory(dir_.path());
        process.start(binary_, arguments);
        if (!process.waitForStarted(10'000)) {
            return {};
        }
        process.closeWriteChannel();
        process.waitForFinished(60'000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    Run build(const QString& source, const QStringList& extra, const QString& output) const {
        return run(QStringList{"build", source, "--signing-key", "ab.sk", "--centre",
                               "C-LEEDS-01=leeds.pub", "-o", output} +
                   extra);
    }

    // The package's content as the centre opens it.
    exam::Assessment open(const QString& output) const {
        const auto ab = crypto::loadSigningPublicKey(path("ab.pub").toStdString()).value();
        const auto leeds = crypto::loadBoxKeyPair(path("leeds.sk").toStdString()).value();
        auto opened = exam::openPackage(bytesOf(path(output)), ab, "C-LEEDS-01", leeds);
        if (!opened) {
            qFatal("%s", exam::describe(opened.error()).c_str());
        }
        return opened.value();
    }

    // A copy of the one-test export whose second item has an interaction Vigil cannot deliver.
    static void breakHeadlampItem(const FixturePackage& exported) {
        QFile item(exported.root() + "/" + kHeadlampItem);
        QVERIFY(item.open(QIODevice::ReadOnly));
        QByteArray xml = item.readAll();
        item.close();
        exported.write(kHeadlampItem, xml.replace("choiceInteraction", "sliderInteraction"));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        binary_ = qEnvironmentVariable("VIGIL_BUILD_DIR") + "/exam/vigil-pack";
        QVERIFY2(QFile::exists(binary_), qPrintable(binary_));
        QVERIFY(QFile::exists(kOneTest + "/imsmanifest.xml"));
        QCOMPARE(run({"keygen", "--signing", "ab"}).exitCode, 0);
        QCOMPARE(run({"keygen", "--box", "leeds"}).exitCode, 0);
    }

    void buildSealsAnExportUnchangedWithASettingsFile_data() {
        QTest::addColumn<bool>("zipped");
        QTest::newRow("folder") << false;
        QTest::newRow("zip") << true;
    }
    void buildSealsAnExportUnchangedWithASettingsFile() {
        QFETCH(bool, zipped);
        const FixturePackage exported(kOneTest);
        const QString source =
            zipped ? QString::fromStdString(exported.zip().string()) : exported.root();
        const auto before = snapshot(zipped ? source : exported.root());
        const auto folderBefore = snapshot(exported.root());

        const auto result = build(source, {"--settings", kSettings}, "roadside.vigil");
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.startsWith("sealed MOT-ROADSIDE-CHECKS version 2026.2 (3 items, 1 "
                                       "media files) for C-LEEDS-01"),
                 qPrintable(result.out));
        QVERIFY(result.out.contains("  settings: " + kSettings + "\n"));

        const auto sealed = open("roadside.vigil");
        QCOMPARE(sealed.metadata.durationSeconds, std::int64_t(40 * 60));
        QCOMPARE(sealed.metadata.passMarkPercent, 70.0);
        exam::QtiImportOptions options;
        options.settingsFile = kSettings.toStdString();
        const auto imported = exam::importQtiPackage(source.toStdString(), options);
        QVERIFY(imported.assessment);
        QVERIFY(exam::serializeAssessment(sealed).value() ==
                exam::serializeAssessment(*imported.assessment).value());

        QVERIFY(snapshot(zipped ? source : exported.root()) == before);
        QVERIFY(snapshot(exported.root()) == folderBefore);
    }

    void buildOfAnExportAsItIsSaysWhatItLacks() {
        const auto result = build(kOneTest, {}, "lacking.vigil");
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("vigil-assessment.json: missing from the package root") &&
                     result.err.contains("beside it (vigil-pack --settings)"),
                 qPrintable(result.err));
        QVERIFY(result.err.contains("tests/i17144701258537460/test.xml:2: <assessmentTest>: no "
                                    "time limit"));
        QVERIFY(result.err.contains("no package written"));
        QVERIFY(!QFile::exists(path("lacking.vigil")));
    }

    void settingsInTheExportAndAFileAreRefused_data() {
        buildSealsAnExportUnchangedWithASettingsFile_data();
    }
    void settingsInTheExportAndAFileAreRefused() {
        QFETCH(bool, zipped);
        const FixturePackage exported(kOneTest);
        exported.write("vigil-assessment.json",
                       readFixture(kQtiData + "base/vigil-assessment.json"));
        const QString source =
            zipped ? QString::fromStdString(exported.zip().string()) : exported.root();
        for (const QString& command : QStringList{"build", "check"}) {
            const auto result = command == "build"
                                    ? build(source, {"--settings", kSettings}, "twice.vigil")
                                    : run({"check", source, "--settings", kSettings});
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains(kSettings +
                                         ": the export holds its own vigil-assessment.json: "
                                         "settings come from one place") ||
                         result.out.contains(kSettings + ": the export holds its own"),
                     qPrintable(result.err + result.out));
        }
        QVERIFY(!QFile::exists(path("twice.vigil")));
    }

    void aDurationThatContradictsTimeLimitsIsRefusedNamingBoth() {
        const auto result = build(
            kTwoTests, {"--settings", kSettings, "--test", "MOT-TYRES-LIGHTING"}, "lighting.vigil");
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(kSettings + ":6: <durationMinutes>: durationMinutes 40 (in " +
                                     kSettings +
                                     ") conflicts with the test's time limit, timeLimits "
                                     "maxTime=\"2700\" (45 minutes, in " +
                                     kLightingTest + " line 3)"),
                 qPrintable(result.err));
        QVERIFY(!QFile::exists(path("lighting.vigil")));
    }

    void severalTestsAreListedUntilOneIsChosen_data() {
        buildSealsAnExportUnchangedWithASettingsFile_data();
    }
    void severalTestsAreListedUntilOneIsChosen() {
        QFETCH(bool, zipped);
        const FixturePackage exported(kTwoTests);
        const QString source =
            zipped ? QString::fromStdString(exported.zip().string()) : exported.root();
        const QString listing =
            "the export holds 2 tests; choose one with --test IDENTIFIER:\n"
            "  MOT-BRAKING         \"MOT tester: braking\", 2 items  "
            "tests/i17144715017720315/test.xml\n"
            "  MOT-TYRES-LIGHTING  \"MOT tester: tyres and lighting\", 2 items  " +
            kLightingTest + "\n";

        const auto none = build(source, {"--settings", kSettings}, "none.vigil");
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(listing), qPrintable(none.err));
        QVERIFY(!QFile::exists(path("none.vigil")));

        const auto unknown =
            build(source, {"--settings", kSettings, "--test", "MOT-BRAKES"}, "unknown.vigil");
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("no test \"MOT-BRAKES\" in the export; it holds: "
                                     "MOT-BRAKING"));
        QVERIFY2(unknown.err.contains(listing), qPrintable(unknown.err));
        QVERIFY(!QFile::exists(path("unknown.vigil")));

        const auto chosen =
            build(source, {"--settings", kSettings, "--test", "MOT-BRAKING"}, "braking.vigil");
        QVERIFY2(chosen.exitCode == 0, qPrintable(chosen.err));
        QVERIFY(chosen.out.startsWith("sealed MOT-BRAKING version 2026.2 (2 items, 0 media"));
        const auto sealed = open("braking.vigil");
        QCOMPARE(sealed.items.size(), std::size_t(2));
        QCOMPARE(sealed.items[1].title, std::string("Brake fluid condition"));
    }

    void checkReportsEachItemAndBuildsNothing_data() {
        buildSealsAnExportUnchangedWithASettingsFile_data();
    }
    void checkReportsEachItemAndBuildsNothing() {
        QFETCH(bool, zipped);
        const FixturePackage exported(kOneTest);
        breakHeadlampItem(exported);
        const QString source =
            zipped ? QString::fromStdString(exported.zip().string()) : exported.root();
        const auto workingDirBefore = QDir(dir_.path()).entryList(QDir::Files);
        const auto before = snapshot(source);

        const auto result = run({"check", source, "--settings", kSettings});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.startsWith(
                     "test MOT-ROADSIDE-CHECKS \"MOT tester: roadside checks\" "
                     "(tests/i17144701258537460/test.xml), 3 items, no time limit in the QTI "
                     "(durationMinutes in the settings gives it):\n"
                     "  item-1  items/i17144699015299381/qti.xml: delivered as is\n"
                     "  item-2  items/i17144699542265122/qti.xml: refused\n"
                     "      items/i17144699542265122/qti.xml:23: <sliderInteraction>: "
                     "sliderInteraction not supported"),
                 qPrintable(result.out));
        QVERIFY(result.out.contains("  item-3  items/i17144700109177353/qti.xml: delivered as "
                                    "is\n  settings: " +
                                    kSettings + "\n"));
        QVERIFY(result.out.endsWith("3 items: 2 delivered as is, 1 refused\n"));
        QVERIFY(result.err.contains("nothing was built"));
        QCOMPARE(QDir(dir_.path()).entryList(QDir::Files), workingDirBefore);
        QVERIFY(snapshot(source) == before);
    }

    // The content team checks before the settings exist: no keys, no settings, exit 0.
    void checkOfACleanExportNeedsNoSettingsOrKeys() {
        const FixturePackage exported(kOneTest);
        const auto result = run({"check", QString::fromStdString(exported.zip().string())});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains("  settings: none (the export holds no vigil-assessment.json)"
                                    "; build needs --settings FILE"));
        QVERIFY(result.out.endsWith("3 items: 3 delivered as is, 0 refused\n"));
        QVERIFY(result.err.isEmpty());
    }

    void checkOfSeveralTestsReportsEachOrTheChosenOne() {
        const auto every = run({"check", kTwoTests, "--settings", kSettings});
        QCOMPARE(every.exitCode, 1); // MOT-TYRES-LIGHTING's 45 minutes against 40
        QVERIFY2(every.out.contains("test MOT-BRAKING \"MOT tester: braking\" "
                                    "(tests/i17144715017720315/test.xml), 2 items, no time limit "
                                    "in the QTI") &&
                     every.out.contains("test MOT-TYRES-LIGHTING \"MOT tester: tyres and "
                                        "lighting\" (" +
                                        kLightingTest + "), 2 items, time limit 45 minutes:\n"),
                 qPrintable(every.out));
        QVERIFY(every.out.contains("  beyond the items, 1 problem:\n      " + kSettings +
                                   ":6: <durationMinutes>: durationMinutes 40"));
        QVERIFY(every.out.endsWith("4 items: 4 delivered as is, 0 refused; 1 other problem\n"));

        const auto chosen =
            run({"check", kTwoTests, "--settings", kSettings, "--test", "MOT-BRAKING"});
        QVERIFY2(chosen.exitCode == 0, qPrintable(chosen.out + chosen.err));
        QVERIFY(!chosen.out.contains("MOT-TYRES-LIGHTING"));
        QVERIFY(chosen.out.endsWith("2 items: 2 delivered as is, 0 refused\n"));

        const auto unknown = run({"check", kTwoTests, "--test", "MOT-BRAKES"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.out.contains("no test \"MOT-BRAKES\" in the export"));
        QVERIFY(unknown.err.contains("choose one with --test IDENTIFIER:\n  MOT-BRAKING "));
    }

    void checkOfAMissingExportSaysSoAndNothingElse() {
        const auto result = run({"check", path("absent.zip")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, "  beyond the items, 1 problem:\n      " + path("absent.zip") +
                                 ": no such folder or zip file\n0 items: 0 delivered as is, 0 "
                                 "refused; 1 other problem\n");
    }

    void checkWithoutAnExportIsAUsageError() {
        const auto result = run({"check"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("check: missing argument"));
        const auto help = run({"--help"});
        QVERIFY(help.out.contains("check <qti-folder-or-zip> [--settings <file.json>]"));
    }
};

QTEST_GUILESS_MAIN(VigilPackExportsTest)
#include "tst_vigil_pack_exports.moc"
