// Reference documents named in vigil-assessment.json: read from the package, checked (a PDF is
// one; HTML goes through the items' sanitiser, its images loaded as media), carried by the
// Assessment, and refused with the settings' line on a paper that does not allow them.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {

const QByteArray kPdf = "%PDF-1.4\n% a tiny stand-in; the importer checks the magic only\n";

QByteArray settings(bool allowed, const QByteArray& documents) {
    return R"({
  "format": "vigil-assessment/1",
  "qualificationCode": "601/8928/9",
  "version": "2026.1",
  "passMarkPercent": 80,
)" +
           QByteArray(allowed ? R"(  "referenceMaterialAllowed": true,
  "referenceMaterialNote": "The MOT inspection manual",
)"
                              : "") +
           R"(  "referenceDocuments": )" + documents + "\n}\n";
}

const QByteArray kManual = R"([{"id": "mot-manual", "title": "MOT inspection manual",
                                "file": "reference/manual.pdf"}])";

} // namespace

class QtiReferenceTest : public QObject {
    Q_OBJECT

private slots:
    void aPdfNamedInTheSettingsIsCarried() {
        const FixturePackage package;
        package.write("vigil-assessment.json", settings(true, kManual));
        package.write("reference/manual.pdf", kPdf);
        for (const auto& path : {package.path(), package.zip()}) {
            const auto result = importQtiPackage(path);
            VIGIL_IMPORT_OK(result);
            const auto& documents = result.assessment->referenceDocuments;
            QCOMPARE(documents.size(), std::size_t{1});
            QCOMPARE(documents[0].id, std::string("mot-manual"));
            QCOMPARE(documents[0].title, std::string("MOT inspection manual"));
            QVERIFY(documents[0].format == ReferenceFormat::Pdf);
            QCOMPARE(QByteArray(reinterpret_cast<const char*>(documents[0].bytes.data()),
                                static_cast<qsizetype>(documents[0].bytes.size())),
                     kPdf);
        }
    }

    void htmlIsSanitisedAndItsImagesLoaded() {
        const FixturePackage package;
        package.write("vigil-assessment.json",
                      settings(true, R"([{"id": "notes", "title": "Tyre notes",
                                          "file": "reference/notes.html"}])"));
        package.write("reference/notes.html",
                      R"(<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>)"
                      R"(<body><p class="x">Tread <b>1.6 mm</b></p>)"
                      R"(<img src="../media/circuit.svg" alt="circuit"/></body></html>)");
        package.useMedia("circuit.svg", "media/circuit.svg");
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        const auto& document = result.assessment->referenceDocuments.at(0);
        QVERIFY(document.format == ReferenceFormat::Html);
        const std::string html(document.bytes.begin(), document.bytes.end());
        QVERIFY2(html.find("<p>Tread <b>1.6 mm</b></p>") != std::string::npos, html.c_str());
        QVERIFY2(html.find("src=\"media/circuit.svg\"") != std::string::npos, html.c_str());
        QVERIFY(result.assessment->findMedia("media/circuit.svg") != nullptr);
    }

    void htmlOutsideTheSubsetIsRefusedWithItsLine() {
        const FixturePackage package;
        package.write("vigil-assessment.json", settings(true, R"([{"id": "notes", "title": "Notes",
                                          "file": "reference/notes.html"}])"));
        package.write("reference/notes.html", "<html><body><p>ok</p>\n<script>alert(1)</script>"
                                              "</body></html>");
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        QVERIFY2(describe(result).contains("reference/notes.html:2"), qPrintable(describe(result)));
    }

    void aDocumentOnAPaperWithoutReferenceMaterialIsRefused() {
        const FixturePackage package;
        package.write("vigil-assessment.json", settings(false, kManual));
        package.write("reference/manual.pdf", kPdf);
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, std::string("vigil-assessment.json"), 6, "referenceDocuments",
                             "this paper does not allow reference material");
    }

    void aFileThatIsNotAPdfOrIsMissingIsRefused() {
        const FixturePackage package;
        package.write("vigil-assessment.json", settings(true, kManual));
        package.write("reference/manual.pdf", "<html>not a pdf</html>");
        const auto notPdf = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(notPdf, std::string("vigil-assessment.json"), 8, "referenceDocuments",
                             "file is not a PDF document");
        package.remove("reference/manual.pdf");
        const auto missing = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(missing, std::string("vigil-assessment.json"), 8, "referenceDocuments",
                             "file missing from the package");
    }

    void aPathOutsideThePackageOrAnotherTypeIsRefused() {
        const FixturePackage package;
        package.write("vigil-assessment.json",
                      settings(true, R"([{"id": "a", "title": "A", "file": "../manual.pdf"},
                                          {"id": "b", "title": "B", "file": "manual.docx"}])"));
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        const QString problems = describe(result);
        QVERIFY2(problems.contains("inside the package"), qPrintable(problems));
        QVERIFY2(problems.contains("not a PDF or HTML file"), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(QtiReferenceTest)
#include "tst_qti_reference.moc"
