#include "store_test_support.h"
#include "vigil/crypto/hash.h"
#include "vigil/store/database.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <sqlite3.h>
#include <string>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kSchema[] = {
    {1, "CREATE TABLE answer (id INTEGER PRIMARY KEY, item TEXT NOT NULL, response TEXT);"
        "CREATE INDEX answer_response ON answer (response)"},
};
const std::string kMarker = "VIGIL-PLAINTEXT-MARKER-candidate-said-torque-wrench";

// The marker must appear nowhere in the bytes of the database or its WAL companions, nor in
// what `strings` finds there.
void checkNoMarkerOnDisk(const fs::path& path, const char* when) {
    const QByteArray marker = QByteArray::fromStdString(kMarker);
    const QByteArray shortMarker = marker.left(12); // "VIGIL-PLAINT"
    const QString strings = QStandardPaths::findExecutable(QStringLiteral("strings"));
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const fs::path file = companion(path, suffix);
        if (!fileExists(file)) {
            continue;
        }
        const QByteArray bytes = fileBytes(file);
        QVERIFY2(!bytes.contains(shortMarker),
                 qPrintable(QStringLiteral("plaintext marker in %1 %2")
                                .arg(QString::fromStdString(file.string()), when)));
        QVERIFY2(!bytes.contains("SQLite format 3"), qPrintable(QString::fromStdString(file)));
        if (!strings.isEmpty()) {
            QProcess process;
            process.start(strings, {QStringLiteral("-a"), QString::fromStdString(file.string())});
            QVERIFY(process.waitForFinished(10000));
            QCOMPARE(process.exitCode(), 0);
            QVERIFY2(!process.readAllStandardOutput().contains(shortMarker),
                     qPrintable(QStringLiteral("strings finds the marker in %1 %2")
                                    .arg(QString::fromStdString(file.string()), when)));
        }
    }
}

std::string hexOf(const vigil::crypto::SecureBuffer& key) {
    return vigil::crypto::toHex(key.span());
}

} // namespace

class NoPlaintextTest : public QObject {
    Q_OBJECT

private slots:
    void aMarkerWrittenThroughTheStoreNeverReachesTheDiskInPlaintext() {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "answers.vigil";
        const auto key = randomKey();
        {
            Database db = Database::open(path, key, kSchema);
            for (int row = 0; row < 200; ++row) {
                db.cached("INSERT INTO answer (item, response) VALUES (?1, ?2)")
                    .bind(1, kMarker + "-item-" + std::to_string(row))
                    .bind(2, kMarker + "-response-" + std::to_string(row))
                    .run();
            }
            // A sort too large for a few pages: with temp_store=MEMORY it never spills to disk.
            Statement sorted = db.prepare("SELECT response FROM answer ORDER BY item DESC");
            while (sorted.step()) {
            }
            QVERIFY(fs::file_size(companion(path, "-wal")) > 0);
            checkNoMarkerOnDisk(path, "with the rows only in the WAL");
            db.checkpoint();
            checkNoMarkerOnDisk(path, "after a checkpoint");
            db.exec("DELETE FROM answer WHERE id % 2 = 0");
            checkNoMarkerOnDisk(path, "after deleting rows");
        }
        checkNoMarkerOnDisk(path, "after closing");
        QVERIFY(fs::file_size(path) > 32 * 1024); // the rows are really in there
        for (const fs::directory_entry& entry : fs::directory_iterator(path.parent_path())) {
            const std::string name = entry.path().filename().string();
            QVERIFY2(name.starts_with("answers.vigil"), name.c_str()); // no stray temp files
        }
    }

    // The store's key is SQLCipher's raw-key form: any SQLCipher tool with the hex key reads it,
    // and nothing without the key does.
    void theFileIsSqlCipherWithARawKey() {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "raw.vigil";
        const auto key = randomKey();
        {
            Database db = Database::open(path, key, kSchema);
            db.exec("INSERT INTO answer (item, response) VALUES ('Q1', 'B')");
        }
        sqlite3* bare = nullptr;
        QCOMPARE(sqlite3_open_v2(path.c_str(), &bare, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        QCOMPARE(
            sqlite3_exec(bare, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr),
            SQLITE_NOTADB);
        sqlite3_close(bare);

        QCOMPARE(sqlite3_open_v2(path.c_str(), &bare, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        const std::string pragma = "PRAGMA key = \"x'" + hexOf(key) + "'\"";
        QCOMPARE(sqlite3_exec(bare, pragma.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_stmt* select = nullptr;
        QCOMPARE(sqlite3_prepare_v2(bare, "SELECT response FROM answer", -1, &select, nullptr),
                 SQLITE_OK);
        QCOMPARE(sqlite3_step(select), SQLITE_ROW);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(select, 0))),
                 QByteArray("B"));
        sqlite3_finalize(select);
        sqlite3_close(bare);
    }
};

QTEST_GUILESS_MAIN(NoPlaintextTest)
#include "tst_no_plaintext.moc"
