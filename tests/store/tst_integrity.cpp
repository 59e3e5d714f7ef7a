#include "store_test_support.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <string>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kSchema[] = {
    {1, "CREATE TABLE answer (id INTEGER PRIMARY KEY, item TEXT NOT NULL, response TEXT);"
        "CREATE INDEX answer_item ON answer (item)"},
};
constexpr qint64 kPageSize = 1024; // SQLCipher 3's default

// A store of a few dozen pages, checkpointed and closed so every page is in the main file.
fs::path writeStore(const fs::path& path, const vigil::crypto::SecureBuffer& key) {
    Database db = Database::open(path, key, kSchema);
    db.transaction([&] {
        for (int row = 0; row < 400; ++row) {
            db.cached("INSERT INTO answer (item, response) VALUES (?1, ?2)")
                .bind(1, "Q" + std::to_string(row))
                .bind(2, std::string(100, static_cast<char>('a' + row % 26)))
                .run();
        }
    });
    db.checkpoint();
    return path;
}

} // namespace

class IntegrityTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path file(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void anIntactStoreReportsNoProblem() {
        const auto key = randomKey();
        writeStore(file("intact.vigil"), key);
        Database db = Database::open(file("intact.vigil"), key, kSchema);
        const IntegrityReport report = db.checkIntegrity();
        QVERIFY(report.ok);
        QVERIFY(report.problems.empty());
    }

    void aFlippedBitInADataPageIsReported_data() {
        QTest::addColumn<int>("page");
        QTest::newRow("second page") << 2;
        QTest::newRow("a middle page") << -2; // counted from the end
        QTest::newRow("the last page") << -1;
    }

    void aFlippedBitInADataPageIsReported() {
        QFETCH(int, page);
        const auto key = randomKey();
        const fs::path path = writeStore(file(QTest::currentDataTag()), key);
        const qint64 pages = static_cast<qint64>(fs::file_size(path)) / kPageSize;
        QVERIFY(pages > 10);
        const qint64 pageNumber = page > 0 ? page : pages / (page == -2 ? 2 : 1);
        flipBit(path, (pageNumber - 1) * kPageSize + kPageSize / 2);

        Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
        const IntegrityReport report = db.checkIntegrity();
        QVERIFY(!report.ok);
        QVERIFY(!report.problems.empty());
        const std::string all = [&] {
            std::string joined;
            for (const auto& problem : report.problems) {
                joined += problem + "\n";
            }
            return joined;
        }();
        QVERIFY2(all.find("Page " + std::to_string(pageNumber)) != std::string::npos, all.c_str());
    }

    void readingADamagedPageIsACorruptError() {
        const auto key = randomKey();
        const fs::path path = writeStore(file("read-damaged.vigil"), key);
        const qint64 pages = static_cast<qint64>(fs::file_size(path)) / kPageSize;
        flipBit(path, (pages - 1) * kPageSize + 100);
        Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
        try {
            Statement all = db.prepare("SELECT count(*), max(length(response)) FROM answer");
            while (all.step()) {
            }
            QFAIL("a damaged page was read without complaint");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Corrupt);
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(QStringLiteral("damaged")), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(IntegrityTest)
#include "tst_integrity.moc"
