// A zipped package is read in memory, never extracted: entries that would escape the package,
// oversized entries and broken archives are refused before anything is trusted.
#include "exam/src/qti/in_memory_import.h"
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {
bool hasProblemContaining(const QtiImportResult& result, const std::string& fragment) {
    return std::any_of(result.problems.begin(), result.problems.end(), [&](const QtiProblem& p) {
        return p.file == "package.zip" && p.message.find(fragment) != std::string::npos;
    });
}
} // namespace

class QtiZipPackageTest : public QObject {
    Q_OBJECT

private slots:
    void entryClimbingOutOfThePackageIsRefused() {
        const FixturePackage package;
        const auto result = importQtiPackage(package.zip({}, {{"../evil.xml", "<x/>"}}));
        QVERIFY(!result.assessment);
        QVERIFY2(hasProblemContaining(result, "\"../evil.xml\" has an unsafe path"),
                 qPrintable(describe(result)));
    }

    void absoluteEntryIsRefused() {
        const FixturePackage package;
        const auto result = importQtiPackage(package.zip({}, {{"/etc/evil.xml", "<x/>"}}));
        QVERIFY(!result.assessment);
        QVERIFY2(hasProblemContaining(result, "unsafe path"), qPrintable(describe(result)));
    }

    void oversizedEntryIsRefusedWithoutReadingIt() {
        const FixturePackage package;
        package.remove("test.xml");
        const QByteArray huge(33 * 1024 * 1024, ' ');
        const auto result = importQtiPackage(package.zip({}, {{"test.xml", huge}}));
        QVERIFY(!result.assessment);
        const auto* problem = findProblem(result, "test.xml", 0, "");
        QVERIFY2(problem, qPrintable(describe(result)));
        QVERIFY(problem->message.find("larger than the 32 MiB") != std::string::npos);
    }

    void corruptArchiveIsRefused() {
        const FixturePackage package;
        package.write("broken.zip", "PK\x03\x04 this is not really a zip archive");
        const auto result = importQtiPackage(package.path() / "broken.zip");
        QVERIFY(!result.assessment);
        QCOMPARE(result.problems.size(), std::size_t(1));
        QCOMPARE(result.problems.front().file, std::string("broken.zip"));
        QVERIFY(result.problems.front().message.starts_with("not a readable zip archive"));
    }

    void truncatedArchiveIsRefused() {
        const FixturePackage package;
        const auto zipPath = package.zip();
        QFile zip(QString::fromStdString(zipPath.string()));
        QVERIFY(zip.open(QIODevice::ReadWrite));
        QVERIFY(zip.resize(zip.size() / 2));
        zip.close();
        const auto result = importQtiPackage(zipPath);
        QVERIFY(!result.assessment);
        QVERIFY(hasProblemContaining(result, "not a readable zip archive"));
    }

    // The QTI fuzz target reads its packages this way: the same importer, the same answers.
    void zipInMemoryImportsAsTheSameZipOnDisk() {
        const FixturePackage package;
        const auto zipPath = package.zip();
        QFile file(QString::fromStdString(zipPath.string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto fromDisk = importQtiPackage(zipPath);
        const auto fromMemory = qti::importQtiZip(bytes, "package.zip");
        QVERIFY2(fromDisk.assessment, qPrintable(describe(fromDisk)));
        QVERIFY2(fromMemory.assessment, qPrintable(describe(fromMemory)));
        QCOMPARE(fromMemory.assessment->metadata.id, fromDisk.assessment->metadata.id);
        QCOMPARE(fromMemory.assessment->items.size(), fromDisk.assessment->items.size());
        QCOMPARE(fromMemory.assessment->items.front().bodyHtml,
                 fromDisk.assessment->items.front().bodyHtml);
        QCOMPARE(fromMemory.assessment->media.size(), fromDisk.assessment->media.size());

        const auto truncated = qti::importQtiZip(bytes.left(bytes.size() / 2), "package.zip");
        QVERIFY(!truncated.assessment);
        QVERIFY2(hasProblemContaining(truncated, "not a readable zip archive"),
                 qPrintable(describe(truncated)));
    }

    void zipWithoutManifestIsRefused() {
        const FixturePackage package;
        package.remove("imsmanifest.xml");
        const auto result = importQtiPackage(package.zip());
        QVERIFY(findProblem(result, "imsmanifest.xml", 0, ""));
    }
};

QTEST_GUILESS_MAIN(QtiZipPackageTest)
#include "tst_qti_zip_package.moc"
