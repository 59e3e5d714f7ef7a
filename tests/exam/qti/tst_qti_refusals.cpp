// Whatever Vigil cannot deliver as authored is refused with the file, line and element named,
// and every problem of a package is reported at once: nothing is silently dropped.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {
const std::string kItem = "items/q1.xml";
const std::string kTest = "test.xml";
const std::string kSettings = "vigil-assessment.json";

QtiImportResult importWithItem(const QString& fixture) {
    const FixturePackage package;
    package.useItem(fixture);
    return importQtiPackage(package.path());
}
} // namespace

class QtiRefusalTest : public QObject {
    Q_OBJECT

private slots:
    void otherInteractionIsRefusedAtItsLine() {
        const auto result = importWithItem("refuse_slider.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 6, "sliderInteraction", "not supported");
        QCOMPARE(formatProblem(*findProblem(result, kItem, 6, "sliderInteraction")),
                 std::string("items/q1.xml:6: <sliderInteraction>: sliderInteraction not "
                             "supported: only choiceInteraction (multiple choice and multiple "
                             "response) is"));
    }

    // TAO writes showHide="show" on every choice it exports: without a template variable it
    // changes nothing. A choice a template variable shows or hides is refused.
    void choicesShownByTemplateAreRefusedButShowHideAloneIsNot() {
        const FixturePackage package;
        QByteArray item = readFixture("base/items/q1.xml");
        item.replace("<simpleChoice identifier=\"A\">",
                     "<simpleChoice identifier=\"A\" showHide=\"show\">");
        package.write(QString::fromStdString(kItem), item);
        VIGIL_IMPORT_OK(importQtiPackage(package.path()));

        item.replace("<simpleChoice identifier=\"B\">",
                     "<simpleChoice identifier=\"B\" templateIdentifier=\"T\" showHide=\"hide\">");
        item.replace("<simpleChoice identifier=\"C\">",
                     "<simpleChoice identifier=\"C\" showHide=\"maybe\">");
        package.write(QString::fromStdString(kItem), item);
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kItem, 12, "simpleChoice", "template variables");
        VIGIL_EXPECT_PROBLEM(result, kItem, 13, "simpleChoice", "showHide must be show or hide");
    }

    void everyProblemOfAnItemIsReported() {
        const auto result = importWithItem("refuse_many.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 2, "assessmentItem", "adaptive");
        VIGIL_EXPECT_PROBLEM(result, kItem, 6, "templateDeclaration", "template");
        VIGIL_EXPECT_PROBLEM(result, kItem, 8, "h2", "element not supported");
        VIGIL_EXPECT_PROBLEM(result, kItem, 9, "a", "element not supported");
        VIGIL_EXPECT_PROBLEM(result, kItem, 11, "feedbackInline", "feedback");
        VIGIL_EXPECT_PROBLEM(result, kItem, 14, "textEntryInteraction", "second interaction");
        VIGIL_EXPECT_PROBLEM(result, kItem, 17, "modalFeedback", "feedback");
        QCOMPARE(result.problems.size(), std::size_t(7));
    }

    void customResponseProcessingIsRefused() {
        const auto result = importWithItem("refuse_custom_processing.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 12, "responseProcessing",
                             "custom response processing not supported");
    }

    void unknownTemplateIsRefused() {
        const auto result = importWithItem("refuse_unknown_template.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 12, "responseProcessing", "map_response_point");
    }

    void itemWithoutInteractionIsRefused() {
        const auto result = importWithItem("refuse_no_interaction.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 4, "itemBody", "no interaction");
    }

    void itemWithTwoInteractionsIsRefused() {
        const auto result = importWithItem("refuse_two_interactions.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 11, "choiceInteraction", "second interaction");
    }

    void missingRemoteAndNonImageMediaAreRefused() {
        const auto result = importWithItem("refuse_missing_image.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 7, "img", "file missing from the package");
        VIGIL_EXPECT_PROBLEM(result, kItem, 8, "img", "inside the package");
        VIGIL_EXPECT_PROBLEM(result, kItem, 9, "object", "video/mp4");
    }

    void imageWhoseBytesAreNotItsTypeIsRefused() {
        const FixturePackage package;
        package.useItem("images.xml");
        package.useMedia("circuit.svg", "media/circuit.svg");
        package.useMedia("fake.png", "media/dot small.png");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kItem, 9, "object", "not a PNG");
    }

    void svgReachingOutsideIsRefused() {
        const FixturePackage package;
        package.useItem("images.xml");
        package.useMedia("unsafe.svg", "media/circuit.svg");
        package.useMedia("dot small.png", "media/dot small.png");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kItem, 7, "img", "http://example.com/track.png");
    }

    void inconsistentResponseIsRefused() {
        const auto result = importWithItem("refuse_inconsistent.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 8, "choiceInteraction", "maxChoices must be 1");
        VIGIL_EXPECT_PROBLEM(result, kItem, 4, "correctResponse", "\"Z\" is not a choice");
        VIGIL_EXPECT_PROBLEM(result, kItem, 5, "mapEntry", "\"Y\" is not a choice");
    }

    void notWellFormedXmlIsRefusedAtItsLine() {
        const auto result = importWithItem("refuse_not_wellformed.xml");
        VIGIL_EXPECT_PROBLEM(result, kItem, 4, "", "unknownentity");
    }

    void testWithoutTimeLimitIsRefused() {
        const FixturePackage package;
        package.write("test.xml",
                      "<?xml version=\"1.0\"?>\n"
                      "<assessmentTest xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\"\n"
                      "    identifier=\"UNTIMED\" title=\"Untimed\">\n"
                      "  <testPart identifier=\"P\" navigationMode=\"nonlinear\"\n"
                      "      submissionMode=\"simultaneous\">\n"
                      "    <assessmentSection identifier=\"S\" title=\"S\" visible=\"true\">\n"
                      "      <assessmentItemRef identifier=\"q1\" href=\"items/q1.xml\"/>\n"
                      "    </assessmentSection>\n"
                      "  </testPart>\n"
                      "</assessmentTest>\n");
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        // The reader names the line where the start tag ends.
        VIGIL_EXPECT_PROBLEM(result, kTest, 3, "assessmentTest", "no time limit");
    }

    void unsupportedTestStructureIsRefused() {
        const FixturePackage package;
        package.useTest("refuse_structure.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kTest, 3, "timeLimits", "maxTime");
        VIGIL_EXPECT_PROBLEM(result, kTest, 5, "itemSessionControl", "showFeedback");
        VIGIL_EXPECT_PROBLEM(result, kTest, 5, "itemSessionControl", "showFeedback");
        VIGIL_EXPECT_PROBLEM(result, kTest, 7, "selection", "selection not supported");
        VIGIL_EXPECT_PROBLEM(result, kTest, 8, "rubricBlock", "rubricBlock");
        VIGIL_EXPECT_PROBLEM(result, kTest, 9, "weight", "weights");
        VIGIL_EXPECT_PROBLEM(result, kTest, 10, "assessmentItemRef", "used twice");
        VIGIL_EXPECT_PROBLEM(result, kTest, 13, "testPart", "different navigation");
        VIGIL_EXPECT_PROBLEM(result, kTest, 15, "assessmentItemRef", "inside the package");
        VIGIL_EXPECT_PROBLEM(result, kTest, 18, "outcomeProcessing", "outcome processing");
        VIGIL_EXPECT_PROBLEM(result, kTest, 21, "testFeedback", "feedback");
        const bool solutionReported =
            std::any_of(result.problems.begin(), result.problems.end(), [](const QtiProblem& p) {
                return p.line == 5 && p.message.find("showSolution") != std::string::npos;
            });
        QVERIFY(solutionReported);
    }

    void problemsInSeveralFilesAreAllReported() {
        const FixturePackage package;
        package.useTest("linear_individual.xml");
        package.useItem("refuse_slider.xml");
        package.useItem("refuse_custom_processing.xml", "items/q2.xml");
        package.write(QString::fromStdString(kSettings), "{\"format\": \"vigil-assessment/1\"}");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kItem, 6, "sliderInteraction", "not supported");
        VIGIL_EXPECT_PROBLEM(result, "items/q2.xml", 12, "responseProcessing", "custom");
        VIGIL_EXPECT_PROBLEM(result, kSettings, 0, "qualificationCode", "missing");
        VIGIL_EXPECT_PROBLEM(result, kSettings, 0, "passMarkPercent", "missing");
    }

    void itemFileMissingIsReportedAtItsReference() {
        const FixturePackage package;
        package.remove("items/q1.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kTest, 7, "assessmentItemRef", "missing from the package");
    }

    void qti3ResourceIsRefused() {
        const FixturePackage package;
        package.useManifest("qti3_resource.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, "imsmanifest.xml", 5, "resource", "imsqti_item_xmlv3p0");
    }

    void packageWithoutTestIsRefused() {
        const FixturePackage package;
        package.useManifest("no_test.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, "imsmanifest.xml", 0, "manifest", "needs an assessmentTest");
    }

    void packageWithoutManifestIsRefused() {
        const FixturePackage package;
        package.remove("imsmanifest.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, "imsmanifest.xml", 0, "", "missing from the package");
    }

    void badSettingsAreEachReported_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("fragment");
        const QByteArray valid = "\"format\": \"vigil-assessment/1\", \"version\": \"1\",\n"
                                 "\"qualificationCode\": \"601/8928/9\", \"passMarkPercent\": 70";
        QTest::newRow("not json") << QByteArray("{\n\"format\": ,\n}") << 2 << ""
                                  << "not valid JSON";
        QTest::newRow("array") << QByteArray("[]") << 1 << ""
                               << "one JSON object";
        QTest::newRow("unknown key") << "{" + valid + ",\n\"passmark\": 3}" << 3 << "passmark"
                                     << "unknown setting";
        QTest::newRow("bad code") << QByteArray("{\"format\": \"vigil-assessment/1\", \"version\": "
                                                "\"1\", \"passMarkPercent\": 70,\n"
                                                "\"qualificationCode\": \"6018928\"}")
                                  << 2 << "qualificationCode"
                                  << "601/8928/9";
        QTest::newRow("pass mark range") << QByteArray("{\"format\": \"vigil-assessment/1\", "
                                                       "\"version\": \"1\", \"qualificationCode\": "
                                                       "\"601/8928/9\",\n\"passMarkPercent\": 120}")
                                         << 2 << "passMarkPercent"
                                         << "at most 100";
        QTest::newRow("flag type")
            << "{" + valid + ",\n\"calculatorAllowed\": \"yes\"}" << 3 << "calculatorAllowed"
            << "true or false";
        QTest::newRow("note without flag")
            << "{" + valid + ",\n\"referenceMaterialNote\": \"manual\"}" << 3
            << "referenceMaterialNote"
            << "needs referenceMaterialAllowed";
        QTest::newRow("flag without note") << "{" + valid + ",\n\"referenceMaterialAllowed\": true}"
                                           << 3 << "referenceMaterialAllowed"
                                           << "which material";
        QTest::newRow("format") << QByteArray("{\"format\": \"vigil-assessment/2\", \"version\": "
                                              "\"1\", \"qualificationCode\": \"601/8928/9\", "
                                              "\"passMarkPercent\": 70}")
                                << 1 << "format"
                                << "vigil-assessment/1";
    }
    void badSettingsAreEachReported() {
        QFETCH(QByteArray, json);
        QFETCH(int, line);
        QFETCH(QString, key);
        QFETCH(QString, fragment);
        const FixturePackage package;
        package.write(QString::fromStdString(kSettings), json);
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kSettings, line, key.toStdString(), fragment.toStdString());
    }

    void missingSettingsFileIsRefused() {
        const FixturePackage package;
        package.remove(QString::fromStdString(kSettings));
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, kSettings, 0, "", "missing from the package root");
    }

    void nonexistentPathIsRefused() {
        const auto result = importQtiPackage("/nonexistent/vigil/package.zip");
        QCOMPARE(result.problems.size(), std::size_t(1));
        QVERIFY(!result.assessment);
        QCOMPARE(result.problems.front().message, std::string("no such folder or zip file"));
    }
};

QTEST_GUILESS_MAIN(QtiRefusalTest)
#include "tst_qti_refusals.moc"
