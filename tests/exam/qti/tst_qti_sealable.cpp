// What the importer accepts, vigil-pack can seal: a refusal names its file, line and element
// here rather than coming later from the package builder without them. Found by the QTI fuzz
// target's check that every imported assessment passes validateAssessment.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

class QtiSealableTest : public QObject {
    Q_OBJECT

private slots:
    void mappedScoresAddingUpToInfinityAreRefusedAtTheMapping() {
        const FixturePackage package;
        package.write("items/q1.xml", readFixture("items/mapping_no_upper_bound.xml")
                                          .replace("mappedValue=\"2\"", "mappedValue=\"1e308\"")
                                          .replace("mappedValue=\"1.5\"", "mappedValue=\"1e308\""));
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, "items/q1.xml", 4, "mapping", "beyond any number");
    }

    void largeFiniteMappedScoresStillImport() {
        const FixturePackage package;
        package.write("items/q1.xml", readFixture("items/mapping_no_upper_bound.xml")
                                          .replace("mappedValue=\"2\"", "mappedValue=\"1e300\""));
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
    }
};

QTEST_GUILESS_MAIN(QtiSealableTest)
#include "tst_qti_sealable.moc"
