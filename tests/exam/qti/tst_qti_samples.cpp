// The sample packages in exam/samples are what authors copy: they must import whole, with the
// counts and metadata their README promises.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>
#include <algorithm>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {
std::filesystem::path samplePath(const char* name) {
    return std::filesystem::path(QT_TESTCASE_SOURCEDIR) / "../../../exam/samples" / name;
}

template <typename Predicate> long countItems(const Assessment& assessment, Predicate predicate) {
    return std::count_if(assessment.items.begin(), assessment.items.end(), predicate);
}

bool hasTable(const Item& item) {
    return item.bodyHtml.find("<table") != std::string::npos;
}
bool hasImage(const Item& item) {
    return item.bodyHtml.find("<img ") != std::string::npos;
}
bool isMultipleResponse(const Item& item) {
    return item.cardinality == Cardinality::Multiple &&
           item.processing == ResponseProcessing::MapResponse && item.maxChoices > 1;
}
} // namespace

class QtiSamplesTest : public QObject {
    Q_OBJECT

private slots:
    void motSampleImports() {
        const auto result = importQtiPackage(samplePath("mot-braking-lighting-tyres"));
        VIGIL_IMPORT_OK(result);
        const Assessment& assessment = *result.assessment;
        QCOMPARE(assessment.metadata.id, std::string("MOT-BLT-2026A"));
        QCOMPARE(assessment.metadata.title,
                 std::string("Light vehicle MOT tester: braking, lighting and tyres"));
        QCOMPARE(assessment.metadata.qualificationCode, std::string("601/8928/9"));
        QCOMPARE(assessment.metadata.version, std::string("2026.1"));
        QCOMPARE(assessment.metadata.passMarkPercent, 80.0);
        QCOMPARE(assessment.metadata.durationSeconds, std::int64_t(45 * 60));
        QVERIFY(assessment.metadata.referenceMaterialAllowed);
        QVERIFY(!assessment.metadata.referenceMaterialNote.empty());
        QVERIFY(assessment.metadata.instantResult);
        QCOMPARE(assessment.metadata.itemCount, 22);
        QCOMPARE(assessment.items.size(), std::size_t(22));
        QCOMPARE(assessment.navigation, NavigationMode::Nonlinear);
        QCOMPARE(assessment.submission, SubmissionMode::Simultaneous);
        QCOMPARE(countItems(assessment, isMultipleResponse), 3L);
        QCOMPARE(countItems(assessment, hasTable), 1L);
        QCOMPARE(countItems(assessment, hasImage), 3L);
        QCOMPARE(countItems(assessment, [](const Item& i) { return i.choices.size() == 4; }), 22L);
        QCOMPARE(countItems(assessment, [](const Item& i) { return i.shuffle; }), 22L);
        const Item* headlamp = assessment.findItem("lgt05");
        QVERIFY(headlamp);
        QVERIFY(headlamp->choices[3].fixed);
        QCOMPARE(headlamp->choices[3].contentHtml, std::string("All of the above"));
        const Item* tread = assessment.findItem("tyr01");
        QVERIFY(tread);
        QCOMPARE(tread->choices[1].contentHtml, std::string("1.6 mm"));
        QCOMPARE(tread->correctResponse, std::vector<std::string>{"B"});
        QCOMPARE(assessment.findItem("tyr03")->maxScore, 3.0); // no upperBound: three positives
        QCOMPARE(assessment.media.size(), std::size_t(3));
        QCOMPARE(assessment.findMedia("media/lamp-colour.png")->mimeType, std::string("image/png"));
        QCOMPARE(assessment.findMedia("media/tread-zones.svg")->mimeType,
                 std::string("image/svg+xml"));
        // The allowed manual ships inside the package (exam/samples/tools/ makes it), and a
        // guide in HTML whose diagram is the package's own image (loaded once, as media).
        QCOMPARE(assessment.referenceDocuments.size(), std::size_t(2));
        QCOMPARE(assessment.referenceDocuments[0].id, std::string("mot-inspection-manual"));
        QVERIFY(assessment.referenceDocuments[0].format == ReferenceFormat::Pdf);
        QVERIFY(assessment.referenceDocuments[0].bytes.size() > 1000);
        const auto& guide = assessment.referenceDocuments[1];
        QCOMPARE(guide.id, std::string("tyre-and-lamp-guide"));
        QVERIFY(guide.format == ReferenceFormat::Html);
        const std::string html(guide.bytes.begin(), guide.bytes.end());
        QVERIFY2(html.find("src=\"media/tread-zones.svg\"") != std::string::npos, html.c_str());
        QVERIFY2(html.find("<table>") != std::string::npos, html.c_str());
    }

    void electricVehicleSampleImports() {
        const auto result = importQtiPackage(samplePath("ev-hybrid-safe-working-l2"));
        VIGIL_IMPORT_OK(result);
        const Assessment& assessment = *result.assessment;
        QCOMPARE(assessment.metadata.id, std::string("EHV-L2-SW-2026A")); // overridden
        QCOMPARE(assessment.metadata.title,
                 std::string("Electric/hybrid vehicle safe working (level 2)"));
        QCOMPARE(assessment.metadata.qualificationCode, std::string("603/1465/5"));
        QCOMPARE(assessment.metadata.passMarkPercent, 70.0);
        QCOMPARE(assessment.metadata.durationSeconds, std::int64_t(60 * 60));
        QVERIFY(!assessment.metadata.referenceMaterialAllowed);
        QCOMPARE(assessment.metadata.itemCount, 24);
        QCOMPARE(countItems(assessment, isMultipleResponse), 3L);
        QCOMPARE(countItems(assessment, hasTable), 1L);
        QCOMPARE(countItems(assessment, hasImage), 3L);
        QCOMPARE(assessment.media.size(), std::size_t(3));
        const Item* inverter = assessment.findItem("ehv12");
        QVERIFY(inverter);
        QVERIFY(!inverter->shuffle); // its choices name the diagram's labels in order
        QCOMPARE(inverter->bodyHtml.find("src=\"media/drive-system.svg\"") != std::string::npos,
                 true);
        double total = 0;
        for (const auto& item : assessment.items) {
            total += item.maxScore;
        }
        QCOMPARE(total, 29.0); // 21 single-answer items + 3 + 3 + 2
    }

    void zippedSampleImportsTheSame() {
        FixturePackage package("../../../../exam/samples/ev-hybrid-safe-working-l2");
        const auto result = importQtiPackage(package.zip());
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->items.size(), std::size_t(24));
        QCOMPARE(result.assessment->media.size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(QtiSamplesTest)
#include "tst_qti_samples.moc"
