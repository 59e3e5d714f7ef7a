// The real vigil-kiosk binary's item preview on an item bank's export as another engine wrote
// it (the TAO test package in tests/exam/qti/data, with its settings beside it): one PNG per
// item at each text size in every look the kiosk offers a candidate (standard, high contrast and
// each coloured overlay), each the kiosk's full question screen and not blank, the sizes and
// looks each drawn differently, each overlay behind the screen in its own tint; a usage error
// and an export that does not import said so.
#include "vigil/exam/qti_import.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/accessibility_settings.h"

#include <QDir>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {

const QString kQtiData = QStringLiteral(QT_TESTCASE_SOURCEDIR) + "/../exam/qti/data/";
const QString kExport = QDir::cleanPath(kQtiData + "tao-one-test");
const QString kTwoTests = QDir::cleanPath(kQtiData + "tao-two-tests");
const QString kSettings = QDir::cleanPath(kQtiData + "tao-settings.json");
const QStringList kSizes{"text1", "text2", "text3"};

// Every look a candidate can have: the two themes and each overlay of exam::kOverlayColours.
QStringList allLooks() {
    QStringList looks{"standard", "high-contrast"};
    for (const auto overlay : exam::kOverlayColours) {
        looks << QStringLiteral("overlay-") + QString::fromLatin1(overlay.data(), overlay.size());
    }
    return looks;
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runKiosk(const QStringList& arguments) {
    QProcess process;
    process.start(qEnvironmentVariable("VIGIL_KIOSK_BINARY"), arguments);
    if (!process.waitForStarted(10'000) || !process.waitForFinished(540'000)) {
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

// The colour most of the picture is: the screen's background.
QRgb mostCommonColour(const QImage& image) {
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            ++counts[image.pixel(x, y) & 0xffffff];
        }
    }
    QRgb most = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > counts.value(most)) {
            most = it.key();
        }
    }
    return most;
}

} // namespace

class ItemPreviewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("VIGIL_KIOSK_BINARY"),
                 "VIGIL_KIOSK_BINARY is not set (run through ctest)");
    }

    void everyItemAtEachTextSizeInEveryLook() {
        exam::QtiImportOptions options;
        options.settingsFile = kSettings.toStdString();
        const auto imported = exam::importQtiPackage(kExport.toStdString(), options);
        QVERIFY(imported.assessment);
        QTemporaryDir out;
        const Run run = runKiosk(
            {"preview", kExport, "--settings", kSettings, "--out", out.filePath("pictures")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QDir pictures(out.filePath("pictures"));
        const QStringList looks = allLooks();
        const int perItem = int(kSizes.size() * looks.size()); // 3 sizes x 10 looks
        QCOMPARE(pictures.entryList({"*.png"}, QDir::Files).size(),
                 int(imported.assessment->items.size()) * perItem);
        for (const auto& item : imported.assessment->items) {
            const QString id = QString::fromStdString(item.identifier);
            QVERIFY2(run.out.contains(id + QStringLiteral(": %1 pictures").arg(perItem)),
                     qPrintable(run.out));
            QHash<QString, QImage> images;
            for (const auto& size : kSizes) {
                for (const auto& look : looks) {
                    const QString file = pictures.filePath(id + "-" + size + "-" + look + ".png");
                    const QImage image(file);
                    QVERIFY2(!image.isNull(), qPrintable(file));
                    QCOMPARE(image.size(), QSize(1280, 800));
                    QVERIFY2(distinctColours(image) > 24, qPrintable(file + " looks blank"));
                    images.insert(size + look, image);
                }
            }
            // Each overlay is drawn behind the question in its own tint, at every size.
            for (const auto overlay : exam::kOverlayColours) {
                const QString look = QStringLiteral("overlay-") +
                                     QString::fromLatin1(overlay.data(), overlay.size());
                for (const auto& size : kSizes) {
                    QCOMPARE(QColor(mostCommonColour(images[size + look])),
                             kiosk::overlayTint(overlay).value());
                }
            }
            QVERIFY2(images["text1standard"] != images["text3standard"],
                     qPrintable(id + ": the largest text size looks like the smallest"));
            QVERIFY2(images["text1standard"] != images["text2standard"], qPrintable(id));
            QVERIFY2(images["text1standard"] != images["text1high-contrast"], qPrintable(id));
            QVERIFY2(images["text1overlay-yellow"] != images["text1overlay-blue"], qPrintable(id));
        }
    }

    // An export holding several tests: the tests are listed until one is chosen with --test,
    // as vigil-pack build does, and only the chosen test's items are drawn.
    void severalTestsAreListedUntilOneIsChosen() {
        QTemporaryDir out;
        const Run none =
            runKiosk({"preview", kTwoTests, "--settings", kSettings, "--out", out.path()});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(
            none.err.contains("the export holds 2 tests and a package delivers one: choose it by "
                              "its identifier"),
            qPrintable(none.err));
        QVERIFY2(none.err.contains("MOT-TYRES-LIGHTING"), qPrintable(none.err));
        QVERIFY(QDir(out.path()).entryList({"*.png"}, QDir::Files).isEmpty());

        const Run chosen = runKiosk({"preview", kTwoTests, "--settings", kSettings, "--test",
                                     "MOT-BRAKING", "--out", out.path()});
        QVERIFY2(chosen.exitCode == 0, qPrintable(chosen.out + chosen.err));
        QCOMPARE(chosen.out.count(QStringLiteral(": 30 pictures\n")), 2);
        QCOMPARE(QDir(out.path()).entryList({"*.png"}, QDir::Files).size(), 2 * 30);
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
