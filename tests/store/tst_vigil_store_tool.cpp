#include "store_test_support.h"
#include "vigil/crypto/hash.h"
#include "vigil/store/database.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exitCode = -1;
    QString output;
};

Run vigilStore(const QStringList& arguments) {
    const QString tool = qEnvironmentVariable("VIGIL_BUILD_DIR") + "/store/vigil-store";
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(tool, arguments);
    if (!process.waitForFinished(60000)) {
        qFatal("vigil-store did not finish: %s", qPrintable(process.errorString()));
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

std::string hexOf(const vigil::crypto::SecureBuffer& key) {
    return vigil::crypto::toHex(key.span());
}

} // namespace

class VigilStoreToolTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path file(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

    void writeKeyFile(const fs::path& path, const std::string& text) {
        QFile out(QString::fromStdString(path.string()));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text.c_str());
    }

private slots:
    void initTestCase() {
        QVERIFY2(qEnvironmentVariableIsSet("VIGIL_BUILD_DIR"), "run under CTest");
    }

    void selfCheckPassesOnThisMachine() {
        const Run run = vigilStore({QStringLiteral("self-check")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("result: passed")), qPrintable(run.output));
        QVERIFY2(!run.output.contains(QStringLiteral("FAIL")), qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("wrong key is refused")),
                 qPrintable(run.output));
    }

    void checkReportsAnIntactStoreThenADamagedOne() {
        const auto key = randomKey();
        const fs::path path = file("centre.vigil");
        const Migration schema[] = {
            {1, "CREATE TABLE incident (id INTEGER PRIMARY KEY, note TEXT)"}};
        {
            Database db = Database::open(path, key, schema);
            db.transaction([&] {
                for (int row = 0; row < 300; ++row) {
                    db.cached("INSERT INTO incident (note) VALUES (?1)")
                        .bind(1, "fire alarm at " + std::to_string(row))
                        .run();
                }
            });
        }
        const fs::path keyFile = file("centre.key");
        writeKeyFile(keyFile, hexOf(key) + "\n");
        const QStringList check = {QStringLiteral("check"), QString::fromStdString(path.string()),
                                   QStringLiteral("--key-file"),
                                   QString::fromStdString(keyFile.string())};

        Run run = vigilStore(check);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("intact")), qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("schema version 1")), qPrintable(run.output));

        flipBit(path, static_cast<qint64>(fs::file_size(path)) - 300);
        run = vigilStore(check);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("DAMAGED")), qPrintable(run.output));

        const fs::path wrongKey = file("wrong.key");
        writeKeyFile(wrongKey, hexOf(randomKey()));
        run = vigilStore({QStringLiteral("check"), QString::fromStdString(path.string()),
                          QStringLiteral("--key-file"), QString::fromStdString(wrongKey.string())});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("cannot be opened with this key")),
                 qPrintable(run.output));
    }

    void checkNeverCreatesAMissingStore() {
        const fs::path keyFile = file("any.key");
        writeKeyFile(keyFile, hexOf(randomKey()));
        const Run run = vigilStore(
            {QStringLiteral("check"), QString::fromStdString(file("absent.vigil").string()),
             QStringLiteral("--key-file"), QString::fromStdString(keyFile.string())});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("does not exist")), qPrintable(run.output));
        QVERIFY(!fileExists(file("absent.vigil")));
    }

    void badUsageExitsTwoWithTheUsage() {
        const Run run = vigilStore({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.output.contains(QStringLiteral("usage:")));
    }
};

QTEST_GUILESS_MAIN(VigilStoreToolTest)
#include "tst_vigil_store_tool.moc"
