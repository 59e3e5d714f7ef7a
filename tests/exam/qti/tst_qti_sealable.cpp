// What the importer accepts, vigil-pack can seal: a value beyond a limit of the package format
// is refused with its file, line and element here, not later by the package builder without
// them. Found with the QTI fuzz target's check that every imported assessment passes
// validateAssessment.
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

    // Each limit of the package format, broken where the importer reads the value. (No raw string
    // literals in this file: moc 6.4 loses the class after some of them.)
    void valueBeyondAPackageLimitIsRefusedWhereItIsRead_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("authored");
        QTest::addColumn<QByteArray>("changed");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("fragment");
        QByteArray choices;
        for (int i = 0; i < 70; ++i) {
            choices +=
                "<simpleChoice identifier=\"X" + QByteArray::number(i) + "\">x</simpleChoice>";
        }
        const QByteArray choiceD = "<simpleChoice identifier=\"D\" fixed=\"true\">";
        QTest::newRow("70 choices")
            << "items/q1.xml" << choiceD << choices + choiceD << 9 << "choiceInteraction"
            << "more than 64 simpleChoice";
        QTest::newRow("minChoices above the choices")
            << "items/q1.xml" << QByteArray("maxChoices=\"1\">")
            << QByteArray("maxChoices=\"0\" minChoices=\"5\">") << 9 << "choiceInteraction"
            << "minChoices is above the number of choices";
        QTest::newRow("maxChoices above 64")
            << "items/q1.xml" << QByteArray("maxChoices=\"1\">") << QByteArray("maxChoices=\"65\">")
            << 9 << "choiceInteraction"
            << "maxChoices is above 64";
        QTest::newRow("choice identifier")
            << "items/q1.xml" << choiceD
            << "<simpleChoice identifier=\"" + QByteArray(300, 'D') + "\" fixed=\"true\">" << 14
            << "simpleChoice"
            << "identifier is longer than 256 bytes";
        QTest::newRow("item title")
            << "items/q1.xml" << QByteArray("title=\"Tread depth\"")
            << "title=\"" + QByteArray(5000, 'T') + "\"" << 2 << "assessmentItem"
            << "title is longer than 4096 bytes";
        QTest::newRow("item body")
            << "items/q1.xml" << QByteArray("<p>What is the minimum")
            << "<p>" + QByteArray(1100 * 1024, 'x') + "What is the minimum" << 7 << "itemBody"
            << "item body is longer than 1048576 bytes";
        QTest::newRow("test identifier")
            << "test.xml" << QByteArray("identifier=\"BASE-TEST\"")
            << "identifier=\"" + QByteArray(300, 'B') + "\"" << 2 << "assessmentTest"
            << "identifier is longer than 256 bytes";
        QTest::newRow("test title")
            << "test.xml" << QByteArray("title=\"Base test\"")
            << "title=\"" + QByteArray(5000, 'B') + "\"" << 2 << "assessmentTest"
            << "title is longer than 4096 bytes";
        QTest::newRow("item ref identifier")
            << "test.xml" << QByteArray("<assessmentItemRef identifier=\"q1\"")
            << "<assessmentItemRef identifier=\"" + QByteArray(300, 'q') + "\"" << 7
            << "assessmentItemRef"
            << "identifier is longer than 256 bytes";
        QTest::newRow("settings version")
            << "vigil-assessment.json" << QByteArray("\"version\": \"2026.1\"")
            << "\"version\": \"" + QByteArray(300, '1') + "\"" << 4 << "version"
            << "longer than 256 bytes";
    }

    void valueBeyondAPackageLimitIsRefusedWhereItIsRead() {
        QFETCH(QString, file);
        QFETCH(QByteArray, authored);
        QFETCH(QByteArray, changed);
        QFETCH(int, line);
        QFETCH(QString, element);
        QFETCH(QString, fragment);
        const FixturePackage package;
        QByteArray bytes = readFixture("base/" + file);
        QVERIFY2(bytes.contains(authored), authored.constData());
        package.write(file, bytes.replace(authored, changed));
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, file.toStdString(), line, element.toStdString(),
                             fragment.toStdString());
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
