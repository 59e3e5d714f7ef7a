#include "store_test_support.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <vector>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kVersion1[] = {
    {1, "CREATE TABLE candidate (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
};
constexpr Migration kVersion2[] = {
    {1, "CREATE TABLE candidate (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
    {2, "ALTER TABLE candidate ADD COLUMN registration TEXT;"
        "CREATE INDEX candidate_registration ON candidate (registration)"},
};

bool tableHasColumn(Database& db, const char* table, const char* column) {
    Statement info = db.prepare(std::string("PRAGMA table_info(") + table + ")");
    while (info.step()) {
        if (info.text(1) == column) {
            return true;
        }
    }
    return false;
}

} // namespace

class MigrationsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path file(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void migrationsRunInOrderAndRecordTheVersion() {
        const auto key = randomKey();
        const fs::path path = file("upgrade.vigil");
        {
            Database db = Database::open(path, key, kVersion1);
            QCOMPARE(db.schemaVersion(), 1);
            db.exec("INSERT INTO candidate (name) VALUES ('A. Learner')");
            QVERIFY(!tableHasColumn(db, "candidate", "registration"));
        }
        {
            Database db = Database::open(path, key, kVersion2);
            QCOMPARE(db.schemaVersion(), 2);
            QVERIFY(tableHasColumn(db, "candidate", "registration"));
            Statement name = db.prepare("SELECT name FROM candidate");
            QVERIFY(name.step());
            QCOMPARE(name.text(0), std::string("A. Learner"));
        }
        // Reopening at the same version runs nothing again (a second ALTER would fail).
        Database db = Database::open(path, key, kVersion2);
        QCOMPARE(db.schemaVersion(), 2);
    }

    void aNewerSchemaIsRefusedAndLeftAlone() {
        const auto key = randomKey();
        const fs::path path = file("newer.vigil");
        { Database db = Database::open(path, key, kVersion2); }
        const QByteArray before = fileBytes(path);
        try {
            Database db = Database::open(path, key, kVersion1);
            QFAIL("a store from a newer Vigil was opened");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::NewerSchema);
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(QStringLiteral("newer")), qPrintable(message));
            QVERIFY2(message.contains(QString::fromStdString(path.string())), qPrintable(message));
        }
        QCOMPARE(fileBytes(path), before);
    }

    void aFailingMigrationLeavesTheSchemaAtTheLastGoodVersion() {
        const auto key = randomKey();
        const fs::path path = file("failing.vigil");
        { Database db = Database::open(path, key, kVersion1); }
        const Migration broken[] = {
            kVersion1[0],
            {2, "CREATE TABLE session (id INTEGER PRIMARY KEY);"
                "INSERT INTO no_such_table VALUES (1)"},
        };
        try {
            Database db = Database::open(path, key, broken);
            QFAIL("a broken migration was applied");
        } catch (const StoreError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("migration 2")),
                     error.what());
        }
        Database db = Database::open(path, key, kVersion1);
        QCOMPARE(db.schemaVersion(), 1);
        Statement session = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'session'");
        QVERIFY(session.step());
        QCOMPARE(session.int64(0), 0); // the half of step 2 that worked was rolled back
    }

    void versionsMustRiseFromOne() {
        const Migration unordered[] = {{2, "SELECT 1"}, {1, "SELECT 1"}};
        try {
            Database db = Database::open(file("unordered.vigil"), randomKey(), unordered);
            QFAIL("unordered migrations were accepted");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Misuse);
        }
        QVERIFY(!fileExists(file("unordered.vigil")));
    }

    void anEmptyMigrationListOpensAnyVersionForInspection() {
        const auto key = randomKey();
        const fs::path path = file("inspect.vigil");
        { Database db = Database::open(path, key, kVersion2); }
        Database db = Database::open(path, key, {}, OpenMode::MustExist);
        QCOMPARE(db.schemaVersion(), 2);
    }
};

QTEST_GUILESS_MAIN(MigrationsTest)
#include "tst_migrations.moc"
