// Item banks as another engine exports them (a TAO test package: a manifest, tests in tests/,
// items in items/, no vigil-assessment.json, no timeLimits), imported unchanged with a
// settings file beside them, as a folder and as a zip, with one test and with several.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QDirIterator>
#include <QTest>
#include <map>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {

const std::string kRoadsideTest = "tests/i17144701258537460/test.xml";
const std::string kLightingTest = "tests/i17144716620088706/test.xml";
const std::string kHeadlampItem = "items/i17144699542265122/qti.xml";

// Every file under `folder` by relative path, to show an import changed none.
std::map<QString, QByteArray> filesUnder(const QString& folder) {
    std::map<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            files[QDir(folder).relativeFilePath(path)] = file.readAll();
        }
    }
    return files;
}

QByteArray bytesOf(const std::filesystem::path& path) {
    QFile file(QString::fromStdString(path.string()));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool anyProblemContains(const QtiImportResult& result, const std::string& fragment) {
    return std::any_of(result.problems.begin(), result.problems.end(), [&](const QtiProblem& p) {
        return p.message.find(fragment) != std::string::npos;
    });
}

} // namespace

class QtiExportsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir settingsDir_;

    // A settings file beside the export, with `extra` JSON members after the usual ones.
    std::filesystem::path settingsWith(const QString& name, const QByteArray& extra) const {
        const QString path = settingsDir_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.write("{\n  \"format\": \"vigil-assessment/1\",\n  \"qualificationCode\": "
                   "\"601/8928/9\",\n  \"version\": \"2026.2\",\n  \"passMarkPercent\": 70" +
                   (extra.isEmpty() ? QByteArray() : ",\n  " + extra) + "\n}\n");
        return path.toStdString();
    }

    static std::filesystem::path shippedSettings() {
        return fixturePath("tao-settings.json").toStdString();
    }

private slots:
    void initTestCase() { QVERIFY(settingsDir_.isValid()); }

    void exportAsItIsIsRefusedNamingWhatIsMissing() {
        const FixturePackage exported("tao-one-test");
        const auto result = importQtiPackage(exported.path());
        QVERIFY(!result.assessment);
        VIGIL_EXPECT_PROBLEM(result, "vigil-assessment.json", 0, "", "--settings");
        VIGIL_EXPECT_PROBLEM(result, kRoadsideTest, 2, "assessmentTest",
                             "or durationMinutes in the settings");
        QCOMPARE(result.settingsSource, std::string());
    }

    void oneTestExportBuildsUnchangedWithASettingsFile_data() {
        QTest::addColumn<bool>("zipped");
        QTest::newRow("folder") << false;
        QTest::newRow("zip") << true;
    }
    void oneTestExportBuildsUnchangedWithASettingsFile() {
        QFETCH(bool, zipped);
        const FixturePackage exported("tao-one-test");
        const auto source = zipped ? exported.zip() : exported.path();
        const auto folderBefore = filesUnder(exported.root());
        const auto zipBefore = zipped ? bytesOf(source) : QByteArray();

        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        const auto result = importQtiPackage(source, options);
        VIGIL_IMPORT_OK(result);
        const auto& metadata = result.assessment->metadata;
        QCOMPARE(metadata.id, std::string("MOT-ROADSIDE-CHECKS"));
        QCOMPARE(metadata.title, std::string("MOT tester: roadside checks"));
        QCOMPARE(metadata.version, std::string("2026.2"));
        QCOMPARE(metadata.passMarkPercent, 70.0);
        QCOMPARE(metadata.durationSeconds, std::int64_t(40 * 60));
        QCOMPARE(metadata.itemCount, 3);
        QCOMPARE(result.assessment->navigation, NavigationMode::Linear);
        QCOMPARE(result.assessment->submission, SubmissionMode::Individual);
        QCOMPARE(result.assessment->items[0].identifier, std::string("item-1"));
        QCOMPARE(result.assessment->items[2].title, std::string("Tread depth reading"));
        QCOMPARE(result.assessment->media.size(), std::size_t(1));
        QCOMPARE(result.assessment->media[0].path,
                 std::string("items/i17144700109177353/assets/tread-gauge.svg"));
        QCOMPARE(result.settingsSource, shippedSettings().string());

        QCOMPARE(result.tests.size(), std::size_t(1));
        QCOMPARE(result.tests[0].identifier, std::string("MOT-ROADSIDE-CHECKS"));
        QCOMPARE(result.tests[0].itemCount, 3);
        QCOMPARE(result.items.size(), std::size_t(3));
        for (const auto& item : result.items) {
            QVERIFY(item.problems.empty());
        }
        QCOMPARE(result.items[1].file, kHeadlampItem);

        QVERIFY(filesUnder(exported.root()) == folderBefore);
        if (zipped) {
            QCOMPARE(bytesOf(source), zipBefore);
        }
    }

    void settingsInTheExportAndAFileAreAConflict_data() {
        oneTestExportBuildsUnchangedWithASettingsFile_data();
    }
    void settingsInTheExportAndAFileAreAConflict() {
        QFETCH(bool, zipped);
        const FixturePackage exported("tao-one-test");
        exported.write("vigil-assessment.json", readFixture("base/vigil-assessment.json"));
        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        const auto result = importQtiPackage(zipped ? exported.zip() : exported.path(), options);
        VIGIL_EXPECT_PROBLEM(result, shippedSettings().string(), 0, "",
                             "the export holds its own vigil-assessment.json: settings come from "
                             "one place");

        // Its own settings alone still need the duration the test does not give.
        const auto alone = importQtiPackage(exported.path());
        QCOMPARE(alone.settingsSource, std::string("vigil-assessment.json"));
        VIGIL_EXPECT_PROBLEM(alone, kRoadsideTest, 2, "assessmentTest", "no time limit");
    }

    void timeLimitsAndADifferentDurationAreAConflictNamingBoth() {
        const FixturePackage exported("tao-two-tests");
        QtiImportOptions options;
        options.testIdentifier = "MOT-TYRES-LIGHTING";
        options.settingsFile = shippedSettings(); // durationMinutes 40; the test says 2700 s
        const auto result = importQtiPackage(exported.path(), options);
        const std::string settings = shippedSettings().string();
        VIGIL_EXPECT_PROBLEM(result, settings, 6, "durationMinutes",
                             "durationMinutes 40 (in " + settings +
                                 ") conflicts with the test's time limit, timeLimits "
                                 "maxTime=\"2700\" (45 minutes, in " +
                                 kLightingTest + " line 3)");
        QCOMPARE(result.problems.size(), std::size_t(1));
    }

    void timeLimitsAndTheSameDurationOrNoneAgree_data() {
        QTest::addColumn<QByteArray>("duration");
        QTest::newRow("the same") << QByteArray("\"durationMinutes\": 45");
        QTest::newRow("none") << QByteArray();
    }
    void timeLimitsAndTheSameDurationOrNoneAgree() {
        QFETCH(QByteArray, duration);
        const FixturePackage exported("tao-two-tests");
        QtiImportOptions options;
        options.testIdentifier = "MOT-TYRES-LIGHTING";
        options.settingsFile = settingsWith("lighting.json", duration);
        const auto result = importQtiPackage(exported.zip(), options);
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->metadata.durationSeconds, std::int64_t(2700));
        QCOMPARE(result.assessment->metadata.itemCount, 2);
    }

    void badDurationsAreRefusedAtTheirLine_data() {
        QTest::addColumn<QByteArray>("duration");
        QTest::newRow("zero") << QByteArray("\"durationMinutes\": 0");
        QTest::newRow("over a day") << QByteArray("\"durationMinutes\": 1441");
        QTest::newRow("part of a minute") << QByteArray("\"durationMinutes\": 12.5");
        QTest::newRow("text") << QByteArray("\"durationMinutes\": \"40\"");
    }
    void badDurationsAreRefusedAtTheirLine() {
        QFETCH(QByteArray, duration);
        const FixturePackage exported("tao-one-test");
        QtiImportOptions options;
        options.settingsFile = settingsWith("bad.json", duration);
        const auto result = importQtiPackage(exported.path(), options);
        VIGIL_EXPECT_PROBLEM(result, options.settingsFile->string(), 6, "durationMinutes",
                             "whole number of minutes from 1 to 1440");
    }

    void aMissingSettingsFileIsRefused() {
        const FixturePackage exported("tao-one-test");
        QtiImportOptions options;
        options.settingsFile = settingsDir_.filePath("absent.json").toStdString();
        const auto result = importQtiPackage(exported.path(), options);
        VIGIL_EXPECT_PROBLEM(result, options.settingsFile->string(), 0, "",
                             "no such settings file");
    }

    void severalTestsAndNoneChosenListsThem() {
        const FixturePackage exported("tao-two-tests");
        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        const auto result = importQtiPackage(exported.zip(), options);
        VIGIL_EXPECT_PROBLEM(
            result, "imsmanifest.xml", 0, "manifest",
            "the export holds 2 tests and a package delivers one: choose it by its "
            "identifier (vigil-pack --test): MOT-BRAKING (\"MOT tester: "
            "braking\", 2 items); MOT-TYRES-LIGHTING (\"MOT tester: tyres and "
            "lighting\", 2 items)");
        QCOMPARE(result.tests.size(), std::size_t(2));
        QCOMPARE(result.tests[0].identifier, std::string("MOT-BRAKING"));
        QCOMPARE(result.tests[0].title, std::string("MOT tester: braking"));
        QCOMPARE(result.tests[0].itemCount, 2);
        QCOMPARE(result.tests[1].file, kLightingTest);
        QCOMPARE(result.tests[0].timeLimitSeconds, std::int64_t(0));
        QCOMPARE(result.tests[1].timeLimitSeconds, std::int64_t(2700));
        QVERIFY(result.items.empty());
    }

    void theChosenTestIsBuilt_data() { oneTestExportBuildsUnchangedWithASettingsFile_data(); }
    void theChosenTestIsBuilt() {
        QFETCH(bool, zipped);
        const FixturePackage exported("tao-two-tests");
        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        options.testIdentifier = "MOT-BRAKING";
        const auto result = importQtiPackage(zipped ? exported.zip() : exported.path(), options);
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->metadata.id, std::string("MOT-BRAKING"));
        QCOMPARE(result.assessment->metadata.durationSeconds, std::int64_t(40 * 60));
        QCOMPARE(result.assessment->items.size(), std::size_t(2));
        QCOMPARE(result.assessment->items[1].title, std::string("Brake fluid condition"));
        QVERIFY(result.assessment->media.empty()); // the other test's image is not carried
    }

    void anUnknownTestIsRefusedListingTheValidOnes() {
        const FixturePackage exported("tao-two-tests");
        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        options.testIdentifier = "MOT-BRAKES";
        const auto result = importQtiPackage(exported.path(), options);
        VIGIL_EXPECT_PROBLEM(result, "imsmanifest.xml", 0, "manifest",
                             "no test \"MOT-BRAKES\" in the export; it holds: MOT-BRAKING");
        QVERIFY(anyProblemContains(result, "MOT-TYRES-LIGHTING (\"MOT tester: tyres and "
                                           "lighting\", 2 items)"));

        // One test and another identifier is just as wrong.
        const FixturePackage single("tao-one-test");
        const auto alone = importQtiPackage(single.path(), options);
        VIGIL_EXPECT_PROBLEM(alone, "imsmanifest.xml", 0, "manifest",
                             "no test \"MOT-BRAKES\" in the export; it holds: "
                             "MOT-ROADSIDE-CHECKS");
    }

    void eachItemIsReportedWithItsOwnProblems() {
        const FixturePackage exported("tao-one-test");
        QFile item(exported.root() + "/" + QString::fromStdString(kHeadlampItem));
        QVERIFY(item.open(QIODevice::ReadOnly));
        QByteArray xml = item.readAll();
        item.close();
        exported.write(QString::fromStdString(kHeadlampItem),
                       xml.replace("choiceInteraction", "sliderInteraction"));
        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        const auto result = importQtiPackage(exported.zip(), options);
        QVERIFY(!result.assessment);
        QCOMPARE(result.items.size(), std::size_t(3));
        QVERIFY(result.items[0].problems.empty());
        QVERIFY(result.items[2].problems.empty());
        QCOMPARE(result.items[1].identifier, std::string("item-2"));
        QVERIFY(!result.items[1].problems.empty());
        const auto& problem = result.items[1].problems.front();
        QCOMPARE(problem.file, kHeadlampItem);
        QCOMPARE(problem.line, 23);
        QCOMPARE(problem.element, std::string("sliderInteraction"));
        QCOMPARE(result.problems.size(), result.items[1].problems.size());
    }

    // The image is read once, but each item using it is told it is refused.
    void aRefusedImageSharedByTwoItemsIsInBothReports() {
        const FixturePackage exported("tao-one-test");
        QFile item(exported.root() + "/" + QString::fromStdString(kHeadlampItem));
        QVERIFY(item.open(QIODevice::ReadOnly));
        QByteArray xml = item.readAll();
        item.close();
        exported.write(QString::fromStdString(kHeadlampItem),
                       xml.replace("<p>A dipped-beam headlamp",
                                   "<p><img src=\"../i17144700109177353/assets/tread-gauge.svg\" "
                                   "alt=\"Gauge\"/>A dipped-beam headlamp"));
        exported.useMedia("unsafe.svg", "items/i17144700109177353/assets/tread-gauge.svg");
        QtiImportOptions options;
        options.settingsFile = shippedSettings();
        const auto result = importQtiPackage(exported.path(), options);
        QVERIFY(result.items[0].problems.empty());
        for (const auto& report : {result.items[1], result.items[2]}) {
            QCOMPARE(report.problems.size(), std::size_t(1));
            QCOMPARE(report.problems.front().file, report.file);
            QCOMPARE(report.problems.front().element, std::string("img"));
            QVERIFY2(report.problems.front().message.find(
                         "image \"items/i17144700109177353/assets/tread-gauge.svg\"") == 0,
                     report.problems.front().message.c_str());
        }
    }

    void withoutSettingsContentIsStillCheckedWhenSettingsAreOptional() {
        const FixturePackage exported("tao-one-test");
        QtiImportOptions options;
        options.settingsOptional = true;
        const auto result = importQtiPackage(exported.zip(), options);
        QVERIFY2(result.problems.empty(), qPrintable(describe(result)));
        QVERIFY(!result.assessment); // no settings, no assessment
        QCOMPARE(result.items.size(), std::size_t(3));
        QCOMPARE(result.settingsSource, std::string());
    }
};

QTEST_GUILESS_MAIN(QtiExportsTest)
#include "tst_qti_exports.moc"
