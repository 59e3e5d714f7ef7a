// What a screen reader and the read-aloud say for item content (issue 16): every text a
// sighted candidate reads, in reading order, tables by row, diagrams by their alternative.
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/reading_text.h"

#include <QTest>

using vigil::kiosk::readingText;
using vigil::kiosk::spokenDuration;

class ReadingTextTest : public QObject {
    Q_OBJECT

private slots:
    void paragraphsBecomeLinesInOrderWithoutMarkup() {
        QCOMPARE(readingText(QStringLiteral("<p>The <b>service</b> brake.</p><p>Which is "
                                            "right?</p>")),
                 QStringLiteral("The service brake.\nWhich is right?"));
    }

    void aDiagramIsReadAsItsTextAlternativeNeverItsFileName() {
        const QString text = readingText(QStringLiteral(
            "<p>The diagram shows zones.</p><p><img src=\"image://vigil-item/media/tread.svg\" "
            "alt=\"Tyre tread divided into zones A, B and C\" width=\"300\"/></p>"));
        QCOMPARE(text, QStringLiteral("The diagram shows zones.\nDiagram: Tyre tread divided into "
                                      "zones A, B and C."));
        QVERIFY(!text.contains(QStringLiteral("tread.svg")));
        QCOMPARE(readingText(QStringLiteral("<p><img src=\"media/x.png\"/></p>")),
                 QStringLiteral("Diagram with no description."));
    }

    void aTableIsReadRowByRowWithItsColumnHeaders() {
        const QString text = readingText(QStringLiteral(
            "<p>The table shows the efforts.</p><table border=\"1\"><thead><tr><th>Axle</th>"
            "<th>Nearside</th><th>Offside</th></tr></thead><tbody><tr><td>Front</td><td>300 "
            "kgf</td><td>180 kgf</td></tr><tr><td>Rear</td><td></td><td>90 kgf</td></tr>"
            "</tbody></table><p>What is the result?</p>"));
        QCOMPARE(text, QStringLiteral("The table shows the efforts.\n"
                                      "Table with 3 columns: Axle, Nearside, Offside.\n"
                                      "Row 1: Axle: Front, Nearside: 300 kgf, Offside: 180 kgf.\n"
                                      "Row 2: Axle: Rear, Nearside: empty, Offside: 90 kgf.\n"
                                      "End of table.\n"
                                      "What is the result?"));
    }

    void aTableWithoutHeadersIsReadByRow() {
        QCOMPARE(readingText(QStringLiteral("<table><tr><td>a</td><td>b</td></tr></table>")),
                 QStringLiteral("Table.\nRow 1: a, b.\nEnd of table."));
    }

    void listsAreReadEntryByEntryNumberedWhenOrdered() {
        QCOMPARE(readingText(QStringLiteral("<ol><li>Check the lamp</li><li>Check the "
                                            "lens</li></ol><ul><li>one</li></ul>")),
                 QStringLiteral("1. Check the lamp\n2. Check the lens\none"));
    }

    void contentThatIsNotWellFormedStillGivesItsWords() {
        const QString text = readingText(QStringLiteral("<p>Brake&nbsp;fluid <b>level</p>"));
        QCOMPARE(QString(text).replace(QChar(0xa0), u' ').simplified(),
                 QStringLiteral("Brake fluid level"));
    }

    // The MOT sample as imported: every item's stem is read without markup, and the one item
    // with a table and the ones with diagrams are read with their cells and alternatives.
    void everyMotSampleItemReadsWithoutMarkup() {
        auto imported = vigil::exam::importQtiPackage(VIGIL_MOT_SAMPLE_DIR);
        QVERIFY(imported.assessment);
        int tables = 0;
        int diagrams = 0;
        for (const auto& item : imported.assessment->items) {
            const QString text =
                readingText(QString::fromStdString(item.bodyHtml + item.promptHtml));
            QVERIFY2(!text.contains(u'<') && !text.contains(u'>'), qPrintable(text));
            QVERIFY(!text.trimmed().isEmpty());
            tables += text.contains(QStringLiteral("Row 1: Axle: Front, Nearside: 300 kgf, "
                                                   "Offside: 180 kgf."))
                          ? 1
                          : 0;
            diagrams += text.contains(QStringLiteral("Diagram: ")) ? 1 : 0;
            QVERIFY(!text.contains(QStringLiteral("Diagram with no description")));
        }
        QCOMPARE(tables, 1);
        QCOMPARE(diagrams, 3);
    }

    void durationsAreSaidInWords() {
        QCOMPARE(spokenDuration(0), QStringLiteral("0 seconds"));
        QCOMPARE(spokenDuration(1), QStringLiteral("1 second"));
        QCOMPARE(spokenDuration(65), QStringLiteral("1 minute 5 seconds"));
        QCOMPARE(spokenDuration(12 * 60), QStringLiteral("12 minutes"));
        QCOMPARE(spokenDuration(3600 + 3 * 60 + 9), QStringLiteral("1 hour 3 minutes"));
        QCOMPARE(spokenDuration(-5), QStringLiteral("0 seconds"));
    }
};

QTEST_GUILESS_MAIN(ReadingTextTest)
#include "tst_reading_text.moc"
