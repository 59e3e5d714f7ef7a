// Every QTI construct Vigil delivers, each from a small hand-written fixture, imported through
// the public importQtiPackage as vigil-pack does.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

class QtiImportTest : public QObject {
    Q_OBJECT

private slots:
    void baseItemBecomesAnAssessmentWithMetadata() {
        const FixturePackage package;
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Assessment& assessment = *result.assessment;
        QCOMPARE(assessment.metadata.id, std::string("BASE-TEST"));
        QCOMPARE(assessment.metadata.title, std::string("Base test"));
        QCOMPARE(assessment.metadata.qualificationCode, std::string("601/8928/9"));
        QCOMPARE(assessment.metadata.version, std::string("2026.1"));
        QCOMPARE(assessment.metadata.passMarkPercent, 80.0);
        QCOMPARE(assessment.metadata.durationSeconds, std::int64_t(1800));
        QCOMPARE(assessment.metadata.itemCount, 1);
        QVERIFY(assessment.metadata.instantResult);
        QVERIFY(!assessment.metadata.calculatorAllowed);
        QVERIFY(!assessment.metadata.apprenticeshipStandard);
        QCOMPARE(assessment.navigation, NavigationMode::Nonlinear);
        QCOMPARE(assessment.submission, SubmissionMode::Simultaneous);

        QCOMPARE(assessment.items.size(), std::size_t(1));
        const Item& item = assessment.items.front();
        QCOMPARE(item.identifier, std::string("q1"));
        QCOMPARE(item.title, std::string("Tread depth"));
        QCOMPARE(item.bodyHtml,
                 std::string("<p>What is the minimum legal tread depth for a car tyre?</p>"));
        QCOMPARE(item.promptHtml, std::string("Choose one."));
        QCOMPARE(item.choices.size(), std::size_t(4));
        QCOMPARE(item.choices[1].identifier, std::string("B"));
        QCOMPARE(item.choices[1].contentHtml, std::string("1.6 mm"));
        QVERIFY(!item.choices[0].fixed);
        QVERIFY(item.choices[3].fixed);
        QVERIFY(item.shuffle);
        QCOMPARE(item.maxChoices, 1);
        QCOMPARE(item.cardinality, Cardinality::Single);
        QCOMPARE(item.correctResponse, std::vector<std::string>{"B"});
        QCOMPARE(item.processing, ResponseProcessing::MatchCorrect);
        QCOMPARE(item.maxScore, 1.0);
        QVERIFY(!item.mapping);
    }

    void settingsFileOverridesIdAndSetsEveryFlag() {
        const FixturePackage package;
        package.write("vigil-assessment.json", R"({
            "format": "vigil-assessment/1", "id": "MOT-BLT-2026A",
            "qualificationCode": "603/1465/5", "version": "2026.2", "passMarkPercent": 62.5,
            "calculatorAllowed": true, "referenceMaterialAllowed": true,
            "referenceMaterialNote": "MOT inspection manual", "instantResult": false,
            "apprenticeshipStandard": true })");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const AssessmentMetadata& metadata = result.assessment->metadata;
        QCOMPARE(metadata.id, std::string("MOT-BLT-2026A"));
        QCOMPARE(metadata.qualificationCode, std::string("603/1465/5"));
        QCOMPARE(metadata.passMarkPercent, 62.5);
        QVERIFY(metadata.calculatorAllowed);
        QVERIFY(metadata.referenceMaterialAllowed);
        QCOMPARE(metadata.referenceMaterialNote, std::string("MOT inspection manual"));
        QVERIFY(!metadata.instantResult);
        QVERIFY(metadata.apprenticeshipStandard);
    }

    void prefixedQti22ItemAndTestAreRead() {
        const FixturePackage package;
        package.useItem("prefixed_v2p2.xml");
        package.useTest("prefixed_v2p2.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->metadata.title, std::string("Prefixed test"));
        QCOMPARE(result.assessment->metadata.durationSeconds, std::int64_t(1200));
        const Item& item = result.assessment->items.front();
        QCOMPARE(item.bodyHtml, std::string("<p>Which lamp colour must a rear fog lamp show?</p>"));
        QCOMPARE(item.choices.size(), std::size_t(2));
        QCOMPARE(item.correctResponse, std::vector<std::string>{"A"});
        QVERIFY(!item.shuffle);
    }

    void cdataAndEntitiesBecomeEscapedText() {
        const FixturePackage package;
        package.useItem("cdata_entities.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Item& item = result.assessment->items.front();
        QCOMPARE(item.title, std::string("Text & entities"));
        QCOMPARE(item.bodyHtml, std::string("<p>Coolant at 90\u00b0C\u00a0is &lt;hot&gt; &amp; "
                                            "\"pressurised\" &lt;caution&gt;</p>"));
        QCOMPARE(item.choices[0].contentHtml, std::string("Let it cool \u2013 then open"));
        QCOMPARE(item.choices[1].contentHtml, std::string("Open it at once"));
    }

    void multipleResponseKeepsMappingAndBounds() {
        const FixturePackage package;
        package.useItem("multiple_response.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Item& item = result.assessment->items.front();
        QCOMPARE(item.cardinality, Cardinality::Multiple);
        QCOMPARE(item.maxChoices, 3);
        QCOMPARE(item.minChoices, 1);
        QCOMPARE(item.processing, ResponseProcessing::MapResponse);
        QCOMPARE(item.promptHtml,
                 std::string("Which of these are signs of a <b>failing</b> brake servo?"));
        QCOMPARE(item.correctResponse, (std::vector<std::string>{"A", "C", "D"}));
        QVERIFY(item.mapping);
        QCOMPARE(item.mapping->entries.size(), std::size_t(4));
        QCOMPARE(item.mapping->entries.at("B"), -1.0);
        QCOMPARE(item.mapping->lowerBound, std::optional<double>(0.0));
        QCOMPARE(item.mapping->upperBound, std::optional<double>(2.0));
        QCOMPARE(item.maxScore, 2.0); // three marks on offer, capped by upperBound
    }

    void maxScoreWithoutUpperBoundIsTheBestChoosableSum() {
        const FixturePackage package;
        package.useItem("mapping_no_upper_bound.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Item& item = result.assessment->items.front();
        QCOMPARE(item.mapping->defaultValue, -0.5);
        QVERIFY(!item.mapping->upperBound);
        QVERIFY(item.correctResponse.empty());
        QCOMPARE(item.maxScore, 3.5); // A (2) + B (1.5): only two may be chosen
    }

    void everyPublishedTemplateUriIsRecognised_data() {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("mapResponse");
        const QString v21 = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/";
        const QString v22 = "http://www.imsglobal.org/question/qti_v2p2/rptemplates/";
        const QString v30 = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/";
        for (const QString& base : {v21, v22, v30}) {
            for (const QString& suffix : {QString(), QString(".xml")}) {
                QTest::addRow("%s", qPrintable(base + "match_correct" + suffix))
                    << base + "match_correct" + suffix << false;
                QTest::addRow("%s", qPrintable(base + "map_response" + suffix))
                    << base + "map_response" + suffix << true;
            }
        }
        QTest::addRow("https v2p1") << "https://www.imsglobal.org/question/qti_v2p1/rptemplates/"
                                       "match_correct"
                                    << false;
    }
    void everyPublishedTemplateUriIsRecognised() {
        QFETCH(QString, uri);
        QFETCH(bool, mapResponse);
        const FixturePackage package;
        QByteArray item = readFixture("items/multiple_response.xml");
        item.replace("http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response",
                     uri.toUtf8() + "\" templateLocation=\"rptemplates/local.xml");
        package.write("items/q1.xml", item);
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Item& imported = result.assessment->items.front();
        QCOMPARE(imported.processing,
                 mapResponse ? ResponseProcessing::MapResponse : ResponseProcessing::MatchCorrect);
        QCOMPARE(imported.maxScore, mapResponse ? 2.0 : 1.0);
    }

    void linearIndividualTestWithNestedSections() {
        const FixturePackage package;
        package.useItem("table.xml", "items/q2.xml");
        package.useTest("linear_individual.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Assessment& assessment = *result.assessment;
        QCOMPARE(assessment.navigation, NavigationMode::Linear);
        QCOMPARE(assessment.submission, SubmissionMode::Individual);
        QCOMPARE(assessment.metadata.durationSeconds, std::int64_t(2700));
        QCOMPARE(assessment.metadata.title, std::string("Linear individual"));
        QCOMPARE(assessment.metadata.itemCount, 2);
        QCOMPARE(assessment.items[0].identifier, std::string("first"));
        QCOMPARE(assessment.items[1].identifier, std::string("second"));
        QCOMPARE(assessment.items[1].title, std::string("Table"));
    }

    void eachModeCombinationIsRead_data() {
        QTest::addColumn<QString>("navigation");
        QTest::addColumn<QString>("submission");
        QTest::newRow("linear individual") << "linear"
                                           << "individual";
        QTest::newRow("linear simultaneous") << "linear"
                                             << "simultaneous";
        QTest::newRow("nonlinear individual") << "nonlinear"
                                              << "individual";
        QTest::newRow("nonlinear simultaneous") << "nonlinear"
                                                << "simultaneous";
    }
    void eachModeCombinationIsRead() {
        QFETCH(QString, navigation);
        QFETCH(QString, submission);
        const FixturePackage package;
        QByteArray test = readFixture("base/test.xml");
        test.replace("navigationMode=\"nonlinear\"",
                     "navigationMode=\"" + navigation.toUtf8() + "\"");
        test.replace("submissionMode=\"simultaneous\"",
                     "submissionMode=\"" + submission.toUtf8() + "\"");
        package.write("test.xml", test);
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->navigation,
                 navigation == "linear" ? NavigationMode::Linear : NavigationMode::Nonlinear);
        QCOMPARE(result.assessment->submission, submission == "individual"
                                                    ? SubmissionMode::Individual
                                                    : SubmissionMode::Simultaneous);
    }

    void tableAndInlineMarkupAreKeptWithoutUnsafeAttributes() {
        const FixturePackage package;
        package.useItem("table.xml");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->items.front().bodyHtml,
                 std::string("<table border=\"1\"><thead><tr><th colspan=\"2\">Axle</th></tr>"
                             "</thead><tbody><tr><td rowspan=\"2\">Front</td><td>1.4 mm</td></tr>"
                             "<tr><td>1.8 mm</td></tr></tbody></table> <div><span>Readings</span> "
                             "in <i>mm</i>, H<sub>2</sub>O, m<sup>2</sup><br/></div> <ul><li>"
                             "<strong>One</strong></li></ul><ol><li><em>Two</em> <u>three</u>"
                             "</li></ol>"));
    }

    void imagesAndImageObjectsAreLoadedAndRewritten() {
        const FixturePackage package;
        package.useItem("images.xml");
        package.useMedia("circuit.svg", "media/circuit.svg");
        package.useMedia("dot small.png", "media/dot small.png");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const Assessment& assessment = *result.assessment;
        const Item& item = assessment.items.front();
        QCOMPARE(item.bodyHtml,
                 std::string("<p>Look at the diagram. <img src=\"media/circuit.svg\" "
                             "alt=\"Brake circuit\" width=\"320\" "
                             "height=\"200\"/></p>"));
        QCOMPARE(item.choices[0].contentHtml,
                 std::string("<img src=\"media/dot small.png\" alt=\"A red dot\" width=\"8\" "
                             "height=\"8\"/>"));
        QCOMPARE(item.choices[1].contentHtml,
                 std::string("<img src=\"media/circuit.svg\" alt=\"Same circuit\"/>"));
        QCOMPARE(assessment.media.size(), std::size_t(2)); // the SVG once, though used twice
        const Media* svg = assessment.findMedia("media/circuit.svg");
        QVERIFY(svg);
        QCOMPARE(svg->mimeType, std::string("image/svg+xml"));
        const QByteArray svgBytes = readFixture("media/circuit.svg");
        QCOMPARE(svg->bytes, std::vector<std::uint8_t>(svgBytes.begin(), svgBytes.end()));
        const Media* png = assessment.findMedia("media/dot small.png");
        QVERIFY(png);
        QCOMPARE(png->mimeType, std::string("image/png"));
        QCOMPARE(png->bytes.size(), std::size_t(readFixture("media/dot small.png").size()));
    }

    void zippedPackageImportsLikeTheFolder() {
        const FixturePackage package;
        package.useItem("images.xml");
        package.useMedia("circuit.svg", "media/circuit.svg");
        package.useMedia("dot small.png", "media/dot small.png");
        const auto fromFolder = importQtiPackage(package.path());
        const auto fromZip = importQtiPackage(package.zip());
        VIGIL_IMPORT_OK(fromFolder);
        VIGIL_IMPORT_OK(fromZip);
        QCOMPARE(fromZip.assessment->items.front().bodyHtml,
                 fromFolder.assessment->items.front().bodyHtml);
        QCOMPARE(fromZip.assessment->media.size(), std::size_t(2));
        QCOMPARE(fromZip.assessment->media[1].bytes, fromFolder.assessment->media[1].bytes);
    }

    void zipWithThePackageInOneTopFolderImports() {
        const FixturePackage package;
        const auto result = importQtiPackage(package.zip("mot-package/"));
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->metadata.id, std::string("BASE-TEST"));
    }

    void manifestMayListNonQtiResources() {
        const FixturePackage package;
        QByteArray manifest = readFixture("base/imsmanifest.xml");
        manifest.replace("</resources>", "<resource identifier=\"CSS\" type=\"webcontent\" "
                                         "href=\"style.css\"/></resources>");
        package.write("imsmanifest.xml", manifest);
        VIGIL_IMPORT_OK(importQtiPackage(package.path()));
    }

    void problemsAreFormattedForAuthors() {
        QCOMPARE(formatProblem({"items/q07.xml", 42, "sliderInteraction", "not supported"}),
                 std::string("items/q07.xml:42: <sliderInteraction>: not supported"));
        QCOMPARE(formatProblem({"vigil-assessment.json", 0, "", "missing"}),
                 std::string("vigil-assessment.json: missing"));
    }
};

QTEST_GUILESS_MAIN(QtiImportTest)
#include "tst_qti_import.moc"
