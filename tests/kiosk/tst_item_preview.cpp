// The real vigil-kiosk binary's item preview on an item bank's export as another engine wrote
// it (the TAO test package in tests/exam/qti/data, with its settings beside it): one PNG per
// item at each text size and theme, each the kiosk's full question screen and not blank, the
// sizes and themes each drawn differently; a usage error and an export that does not import
// said so.
#include "vigil/exam/qti_import.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {

const QString kQtiData = QStringLiteral(QT_TESTCASE_SOURCEDIR) + "/../exam/qti/data/";
const QString kExport = QDir::cleanPath(kQtiData + "tao-one-test");
const QString kSettings = QDir::cleanPath(kQtiData + "tao-settings.json");
const QStringList kSizes{"text1", "text2", "text3"};
const QStringList kThemes{"standard", "high-contrast"};

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runKiosk(const QStringList& arguments) {
    QProcess process;
    process.start(qEnvironmentVariable("VIGIL_KIOSK_BINARY"), arguments);
    if (!process.waitForStarted(10'000) || !process.waitForFinished(110'000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            colours.insert(image.pixel(x, y));
        }
    }
    return int(colours.size());
}

} // namespace

class ItemPreviewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("VIGIL_KIOSK_BINARY"),
                 "VIGIL_KIOSK_BINARY is not set (run through ctest)");
    }

    void everyItemAtEachTextSizeAndTheme() {
        exam::QtiImportOptions options;
        options.settingsFile = kSettings.toStdString();
        const auto imported = exam::importQtiPackage(kExport.toStdString(), options);
        QVERIFY(imported.assessment);
        QTemporaryDir out;
        const Run run = runKiosk(
            {"preview", kExport, "--settings", kSettings, "--out", out.filePath("pictures")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QDir pictures(out.filePath("pictures"));
        QCOMPARE(pictures.entryList({"*.png"}, QDir::Files).size(),
                 int(imported.assessment->items.size()) * 6);
        for (const auto& item : imported.assessment->items) {
            const QString id = QString::fromStdString(item.identifier);
            QVERIFY2(run.out.contains(id + ": 6 pictures"), qPrintable(run.out));
            QHash<QString, QImage> images;
            for (const auto& size : kSizes) {
                for (const auto& theme : kThemes) {
                    const QString file = pictures.filePath(id + "-" + size + "-" + theme + ".png");
                    const QImage image(file);
                    QVERIFY2(!image.isNull(), qPrintable(file));
                    QCOMPARE(image.size(), QSize(1280, 800));
                    QVERIFY2(distinctColours(image) > 24, qPrintable(file + " looks blank"));
                    images.insert(size + theme, image);
                }
            }
            QVERIFY2(images["text1standard"] != images["text3standard"],
                     qPrintable(id + ": the largest text size looks like the smallest"));
            QVERIFY2(images["text1standard"] != images["text2standard"], qPrintable(id));
            QVERIFY2(images["text1standard"] != images["text1high-contrast"], qPrintable(id));
        }
    }

    void aUsageErrorAndAnExportThatDoesNotImportAreSaid() {
        const Run usage = runKiosk({"preview", kExport});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains("--out DIR"), qPrintable(usage.err));
        QTemporaryDir out;
        // Without its settings the export has no duration: refused with the importer's words.
        const Run refused = runKiosk({"preview", kExport, "--out", out.path()});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("does not import"), qPrintable(refused.err));
        QVERIFY(QDir(out.path()).entryList({"*.png"}, QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(ItemPreviewTest)
#include "tst_item_preview.moc"
