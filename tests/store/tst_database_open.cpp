#include "store_test_support.h"
#include "vigil/store/database.h"
#include "vigil/store/key_file.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <sqlite3.h>
#include <sys/stat.h>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kSchema[] = {
    {1, "CREATE TABLE answer (id INTEGER PRIMARY KEY, item TEXT NOT NULL, choice TEXT)"},
};

StoreErrorCode openErrorCode(const fs::path& file, const vigil::crypto::SecureBuffer& key,
                             OpenMode mode = OpenMode::CreateIfMissing,
                             QString* message = nullptr) {
    try {
        Database db = Database::open(file, key, kSchema, mode);
    } catch (const StoreError& error) {
        if (message) {
            *message = QString::fromUtf8(error.what());
        }
        return error.code();
    }
    qFatal("the open of %s was expected to fail", file.c_str());
}

// A real plaintext SQLite database, written by SQLCipher with no key.
void writePlaintextDatabase(const fs::path& file) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES ('plain')", nullptr,
                          nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
}

} // namespace

class DatabaseOpenTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path file(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void aNewStoreIsCreatedAndReopensWithItsRows() {
        const auto key = randomKey();
        const fs::path path = file("new.vigil");
        {
            Database db = Database::open(path, key, kSchema);
            QCOMPARE(db.schemaVersion(), 1);
            db.cached("INSERT INTO answer (item, choice) VALUES (?1, ?2)")
                .bind(1, "Q1")
                .bind(2, "B")
                .run();
            QCOMPARE(db.lastInsertRowId(), 1);
            QCOMPARE(db.changes(), 1);
            QCOMPARE(QString::fromStdString(db.cipherVersion()), QStringLiteral("3.4.1"));
        }
        QVERIFY(fileExists(path));
        QVERIFY(!fileExists(companion(path, "-wal"))); // the last close folds the WAL in
        Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
        Statement select = db.prepare("SELECT item, choice FROM answer");
        QVERIFY(select.step());
        QCOMPARE(select.text(0), std::string("Q1"));
        QCOMPARE(select.text(1), std::string("B"));
        QVERIFY(!select.step());
    }

    void pragmasAreWalFullSyncAndForeignKeys() {
        Database db = Database::open(file("pragmas.vigil"), randomKey(), kSchema);
        const auto answer = [&db](const char* pragma) {
            Statement statement = db.prepare(pragma);
            return statement.step() ? statement.text(0) : std::string();
        };
        QCOMPARE(answer("PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(answer("PRAGMA synchronous"), std::string("2"));
        QCOMPARE(answer("PRAGMA foreign_keys"), std::string("1"));
        QCOMPARE(answer("PRAGMA temp_store"), std::string("2"));
    }

    void mustExistRefusesAMissingFileAndCreatesNothing() {
        const fs::path path = file("absent.vigil");
        QString message;
        QCOMPARE(openErrorCode(path, randomKey(), OpenMode::MustExist, &message),
                 StoreErrorCode::Io);
        QVERIFY2(message.contains(QString::fromStdString(path.string())), qPrintable(message));
        QVERIFY(!fileExists(path));
    }

    void aWrongKeyIsRefusedAndTheFileIsUntouched() {
        const fs::path path = file("wrong-key.vigil");
        const auto key = randomKey();
        {
            Database db = Database::open(path, key, kSchema);
            db.exec("INSERT INTO answer (item, choice) VALUES ('Q1', 'A')");
        }
        const QByteArray before = fileBytes(path);
        QVERIFY(!before.isEmpty());

        QString message;
        QCOMPARE(openErrorCode(path, randomKey(), OpenMode::CreateIfMissing, &message),
                 StoreErrorCode::WrongKey);
        QVERIFY2(message.contains(QString::fromStdString(path.string())), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("key")), qPrintable(message));
        QCOMPARE(fileBytes(path), before); // byte for byte: no fresh store over the old one
        QVERIFY(!fileExists(companion(path, "-wal")));
        QVERIFY(!fileExists(companion(path, "-journal")));

        // And the right key still opens it, with the row.
        Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
        Statement count = db.prepare("SELECT count(*) FROM answer");
        QVERIFY(count.step());
        QCOMPARE(count.int64(0), 1);
    }

    void aKeyOfTheWrongSizeIsAProgrammingError() {
        const auto shortKey = vigil::crypto::SecureBuffer::random(16);
        QCOMPARE(openErrorCode(file("short-key.vigil"), shortKey), StoreErrorCode::Misuse);
        QVERIFY(!fileExists(file("short-key.vigil")));
    }

    void aPlaintextSqliteFileIsRefusedAndLeftAlone() {
        const fs::path path = file("plain.db");
        writePlaintextDatabase(path);
        const QByteArray before = fileBytes(path);
        QVERIFY(before.startsWith(QByteArray("SQLite format 3\0", 16)));
        QString message;
        QCOMPARE(openErrorCode(path, randomKey(), OpenMode::CreateIfMissing, &message),
                 StoreErrorCode::NotEncrypted);
        QVERIFY2(message.contains(QStringLiteral("unencrypted")), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(path.string())), qPrintable(message));
        QCOMPARE(fileBytes(path), before);
    }

    void aFileThatIsNotADatabaseIsRefusedAndLeftAlone() {
        const fs::path path = file("notes.txt");
        QFile text(QString::fromStdString(path.string()));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(QByteArray(4096, 'x'));
        text.close();
        QCOMPARE(openErrorCode(path, randomKey()), StoreErrorCode::WrongKey);
        QCOMPARE(fileBytes(path), QByteArray(4096, 'x'));
    }

    void aMissingFolderIsNamed() {
        const fs::path path = file("no-such-folder") / "store.vigil";
        QString message;
        QCOMPARE(openErrorCode(path, randomKey(), OpenMode::CreateIfMissing, &message),
                 StoreErrorCode::MissingDirectory);
        QVERIFY2(message.contains(QStringLiteral("no-such-folder")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("does not exist")), qPrintable(message));
        QVERIFY(!fileExists(path.parent_path()));
    }

    void aFolderInPlaceOfTheFileIsRefused() {
        const fs::path path = file("a-folder.vigil");
        fs::create_directory(path);
        QCOMPARE(openErrorCode(path, randomKey()), StoreErrorCode::Io);
    }

    void aReadOnlyLocationIsRefused() {
        const fs::path folder = file("read-only");
        fs::create_directory(folder);
        const fs::path existing = folder / "existing.vigil";
        const auto key = randomKey();

        if (runningAsRoot()) {
            // chmod does not bind root: make the file system itself read-only.
            if (const QString why = ScratchFileSystem::unavailableReason(); !why.isEmpty()) {
                QSKIP(qPrintable("running as root, and " + why));
            }
            ScratchFileSystem scratch(folder, 4 << 20);
            QVERIFY(scratch.mounted());
            { Database db = Database::open(existing, key, kSchema); }
            const QByteArray before = fileBytes(existing);
            QVERIFY(scratch.remount(4 << 20, /*readOnly=*/true));
            checkReadOnlyRefusals(existing, key, before);
            QVERIFY(scratch.remount(4 << 20, /*readOnly=*/false));
        } else {
            { Database db = Database::open(existing, key, kSchema); }
            const QByteArray before = fileBytes(existing);
            ::chmod(existing.c_str(), 0400);
            ::chmod(folder.c_str(), 0500);
            checkReadOnlyRefusals(existing, key, before);
            ::chmod(folder.c_str(), 0700);
            ::chmod(existing.c_str(), 0600);
        }
    }

    void aHexKeyFileLoadsAndBadOnesAreRefused() {
        const fs::path good = file("good.key");
        const fs::path bad = file("bad.key");
        QFile out(QString::fromStdString(good.string()));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF\n");
        out.close();
        const auto key = loadHexKeyFile(good);
        QCOMPARE(key.size(), Database::kKeyBytes);
        QCOMPARE(key.data()[0], std::uint8_t{0x00});
        QCOMPARE(key.data()[31], std::uint8_t{0xff});

        QFile shortFile(QString::fromStdString(bad.string()));
        QVERIFY(shortFile.open(QIODevice::WriteOnly));
        shortFile.write("0011223344");
        shortFile.close();
        try {
            static_cast<void>(loadHexKeyFile(bad));
            QFAIL("a short key file was accepted");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Misuse);
            QVERIFY(QString::fromUtf8(error.what()).contains(QStringLiteral("64 hexadecimal")));
        }
        try {
            static_cast<void>(loadHexKeyFile(file("missing.key")));
            QFAIL("a missing key file was accepted");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Io);
        }
    }

    void aMovedFromDatabaseCanBeDestroyedAndTheNewOwnerWorks() {
        Database first = Database::open(file("moved.vigil"), randomKey(), kSchema);
        Database second = std::move(first);
        second.exec("INSERT INTO answer (item) VALUES ('Q9')");
        QCOMPARE(second.lastInsertRowId(), 1);
    }

private:
    void checkReadOnlyRefusals(const fs::path& existing, const vigil::crypto::SecureBuffer& key,
                               const QByteArray& before) {
        QString message;
        QCOMPARE(openErrorCode(existing, key, OpenMode::MustExist, &message),
                 StoreErrorCode::ReadOnly);
        QVERIFY2(message.contains(QStringLiteral("read-only")), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(existing.string())), qPrintable(message));
        QCOMPARE(fileBytes(existing), before);

        const fs::path fresh = existing.parent_path() / "fresh.vigil";
        QCOMPARE(openErrorCode(fresh, key, OpenMode::CreateIfMissing, &message),
                 StoreErrorCode::ReadOnly);
        QVERIFY2(message.contains(QStringLiteral("read-only")), qPrintable(message));
        QVERIFY(!fileExists(fresh));
    }
};

QTEST_GUILESS_MAIN(DatabaseOpenTest)
#include "tst_database_open.moc"
