// Reference documents travel inside the sealed content like the items: they round-trip through
// the canonical form and a sealed package, never appear in the package bytes in clear, and an
// assessment carrying them on a paper that does not allow reference material is refused.
#include "sample_assessment.h"
#include "vigil/exam/package.h"
#include "vigil/exam/serialization.h"

#include <QTest>
#include <algorithm>

using namespace vigil;
using namespace vigil::exam;

namespace {

const std::string kManualText = "%PDF-1.4 SECRET-MANUAL-TEXT tread depth 1.6 mm";

Assessment withManual() {
    Assessment assessment = sampleAssessment();
    assessment.referenceDocuments.push_back(
        {"mot-manual", "MOT inspection manual", ReferenceFormat::Pdf,
         std::vector<std::uint8_t>(kManualText.begin(), kManualText.end())});
    const std::string html = "<p>Tyres: <b>1.6 mm</b></p><img src=\"media/brake-circuit.svg\"/>";
    assessment.referenceDocuments.push_back({"tyre-notes", "Tyre notes", ReferenceFormat::Html,
                                             std::vector<std::uint8_t>(html.begin(), html.end())});
    return assessment;
}

} // namespace

class ReferenceDocumentsTest : public QObject {
    Q_OBJECT

private slots:
    void roundTripKeepsTheDocuments() {
        const auto bytes = serializeAssessment(withManual());
        QVERIFY2(bytes.ok(), bytes ? "" : bytes.error().c_str());
        const auto back = deserializeAssessment(bytes.value());
        QVERIFY2(back.ok(), back ? "" : back.error().c_str());
        const auto& documents = back.value().referenceDocuments;
        QCOMPARE(documents.size(), std::size_t{2});
        QCOMPARE(documents[0].id, std::string("mot-manual"));
        QCOMPARE(documents[0].title, std::string("MOT inspection manual"));
        QVERIFY(documents[0].format == ReferenceFormat::Pdf);
        QCOMPARE(std::string(documents[0].bytes.begin(), documents[0].bytes.end()), kManualText);
        QVERIFY(documents[1].format == ReferenceFormat::Html);
        QVERIFY(serializeAssessment(back.value()).value() == bytes.value());
    }

    void anAssessmentWithoutDocumentsKeepsFormatVersionOne() {
        const auto bytes = serializeAssessment(sampleAssessment()).value();
        QCOMPARE(bytes.at(0), std::uint8_t{1});
        QCOMPARE(bytes.at(1), std::uint8_t{0});
        QVERIFY(deserializeAssessment(bytes).value().referenceDocuments.empty());
    }

    void documentsOnAPaperThatDoesNotAllowThemAreRefused() {
        Assessment assessment = withManual();
        assessment.metadata.referenceMaterialAllowed = false;
        assessment.metadata.referenceMaterialNote.clear();
        const auto bytes = serializeAssessment(assessment);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error(), std::string("the assessment carries reference documents but does "
                                            "not allow reference material"));
    }

    void aPdfThatIsNotOneAndARepeatedIdAreRefused() {
        Assessment notPdf = withManual();
        notPdf.referenceDocuments[0].bytes = {'<', 'h', 't', 'm', 'l', '>'};
        QCOMPARE(serializeAssessment(notPdf).error(),
                 std::string("reference document \"mot-manual\" is not a PDF file"));
        Assessment repeated = withManual();
        repeated.referenceDocuments[1].id = "mot-manual";
        QCOMPARE(serializeAssessment(repeated).error(),
                 std::string("reference document id \"mot-manual\" is used twice"));
    }

    void aSealedPackageCarriesThemAndHidesThem() {
        const auto awardingBody = crypto::generateSigningKeyPair();
        const auto centre = crypto::generateBoxKeyPair();
        auto built = buildPackage(withManual(), awardingBody, {{"C-LEEDS-01", centre.publicKey}});
        QVERIFY2(built.ok(), built ? "" : describe(built.error()).c_str());
        const auto& package = built.value();
        const std::string needle = "SECRET-MANUAL-TEXT";
        QVERIFY(std::search(package.begin(), package.end(), needle.begin(), needle.end()) ==
                package.end());
        auto opened = openPackage(package, awardingBody.publicKey, "C-LEEDS-01", centre);
        QVERIFY2(opened.ok(), opened ? "" : describe(opened.error()).c_str());
        QCOMPARE(opened.value().referenceDocuments.size(), std::size_t{2});
        const auto& manual = opened.value().referenceDocuments[0].bytes;
        QCOMPARE(std::string(manual.begin(), manual.end()), kManualText);
    }

    void buildingADocumentOnAPaperWithoutReferenceMaterialIsRefused() {
        Assessment assessment = withManual();
        assessment.metadata.referenceMaterialAllowed = false;
        assessment.metadata.referenceMaterialNote.clear();
        const auto awardingBody = crypto::generateSigningKeyPair();
        const auto centre = crypto::generateBoxKeyPair();
        auto built = buildPackage(assessment, awardingBody, {{"C-LEEDS-01", centre.publicKey}});
        QVERIFY(!built.ok());
        QCOMPARE(built.error().error, PackageError::InvalidInput);
        QVERIFY(built.error().detail.find("does not allow reference material") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(ReferenceDocumentsTest)
#include "tst_reference_documents.moc"
