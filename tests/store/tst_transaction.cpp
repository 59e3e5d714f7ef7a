#include "store_test_support.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <stdexcept>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kSchema[] = {
    {1, "CREATE TABLE sitting (id INTEGER PRIMARY KEY, seat TEXT NOT NULL UNIQUE);"
        "CREATE TABLE answer (id INTEGER PRIMARY KEY,"
        " sitting INTEGER NOT NULL REFERENCES sitting (id), item TEXT NOT NULL)"},
};

std::int64_t count(Database& db, const char* table) {
    Statement statement = db.prepare(std::string("SELECT count(*) FROM ") + table);
    return statement.step() ? statement.int64(0) : -1;
}

} // namespace

class TransactionTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::optional<Database> db_;

private slots:
    void init() {
        db_.emplace(
            Database::open(fs::path(dir_.path().toStdString()) / QTest::currentTestFunction(),
                           randomKey(), kSchema));
    }
    void cleanup() { db_.reset(); }

    void aTransactionCommitsEverything() {
        db_->transaction([&] {
            db_->exec("INSERT INTO sitting (id, seat) VALUES (1, 'PC-01')");
            db_->exec("INSERT INTO answer (sitting, item) VALUES (1, 'Q1')");
        });
        QCOMPARE(count(*db_, "sitting"), 1);
        QCOMPARE(count(*db_, "answer"), 1);
    }

    void anExceptionRollsBackAndIsRethrown() {
        try {
            db_->transaction([&] {
                db_->exec("INSERT INTO sitting (id, seat) VALUES (1, 'PC-01')");
                throw std::runtime_error("the candidate's PC lost power");
            });
            QFAIL("the exception was swallowed");
        } catch (const std::runtime_error& error) {
            QCOMPARE(QString::fromUtf8(error.what()),
                     QStringLiteral("the candidate's PC lost power"));
        }
        QCOMPARE(count(*db_, "sitting"), 0);
        // The connection is usable afterwards.
        db_->transaction([&] { db_->exec("INSERT INTO sitting (id, seat) VALUES (2, 'PC-02')"); });
        QCOMPARE(count(*db_, "sitting"), 1);
    }

    void aConstraintFailureRollsBackTheWholeTransaction() {
        db_->exec("INSERT INTO sitting (id, seat) VALUES (1, 'PC-01')");
        try {
            db_->transaction([&] {
                db_->exec("INSERT INTO sitting (id, seat) VALUES (2, 'PC-02')");
                db_->exec("INSERT INTO sitting (id, seat) VALUES (3, 'PC-01')");
            });
            QFAIL("a duplicate seat was accepted");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Constraint);
        }
        QCOMPARE(count(*db_, "sitting"), 1);
    }

    void foreignKeysAreEnforced() {
        try {
            db_->exec("INSERT INTO answer (sitting, item) VALUES (42, 'Q1')");
            QFAIL("an answer for a missing sitting was accepted");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Constraint);
        }
    }

    void aNestedFailureCaughtByTheBodyUndoesOnlyTheInnerPart() {
        db_->transaction([&] {
            db_->exec("INSERT INTO sitting (id, seat) VALUES (1, 'PC-01')");
            try {
                db_->transaction([&] {
                    db_->exec("INSERT INTO sitting (id, seat) VALUES (2, 'PC-02')");
                    throw std::runtime_error("inner");
                });
            } catch (const std::runtime_error&) {
            }
            db_->transaction(
                [&] { db_->exec("INSERT INTO sitting (id, seat) VALUES (3, 'PC-03')"); });
        });
        Statement seats = db_->prepare("SELECT group_concat(seat) FROM sitting ORDER BY id");
        QVERIFY(seats.step());
        QCOMPARE(seats.text(0), std::string("PC-01,PC-03"));
    }

    void badSqlIsAMisuseNamingTheFile() {
        try {
            static_cast<void>(db_->prepare("SELEC nonsense"));
            QFAIL("bad SQL was prepared");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Misuse);
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral(".vigil")) ||
                         QString::fromUtf8(error.what()).contains(QTest::currentTestFunction()),
                     error.what());
        }
    }

    void aCachedStatementComesBackResetAndUnbound() {
        Statement& insert = db_->cached("INSERT INTO sitting (seat) VALUES (?1)");
        insert.bind(1, "PC-07").run();
        Statement& again = db_->cached("INSERT INTO sitting (seat) VALUES (?1)");
        QCOMPARE(&again, &insert);
        try {
            again.run(); // the binding was cleared: seat is NULL, refused by NOT NULL
            QFAIL("the old binding survived");
        } catch (const StoreError& error) {
            QCOMPARE(error.code(), StoreErrorCode::Constraint);
        }
        Statement& select = db_->cached("SELECT seat FROM sitting");
        QVERIFY(select.step());
        // Half-read: the next cached() call must still hand it back ready to run.
        Statement& reread = db_->cached("SELECT seat FROM sitting");
        QVERIFY(reread.step());
        QCOMPARE(reread.text(0), std::string("PC-07"));
    }

    void blobsAndNullsRoundTrip() {
        db_->exec("CREATE TABLE bytes (b BLOB, n INTEGER)");
        const std::vector<std::uint8_t> payload{0, 1, 2, 255};
        db_->prepare("INSERT INTO bytes VALUES (?1, ?2)").bindBlob(1, payload).bindNull(2).run();
        db_->prepare("INSERT INTO bytes VALUES (?1, 5)").bindBlob(1, {}).run();
        Statement rows = db_->prepare("SELECT b, n, typeof(b) FROM bytes ORDER BY rowid");
        QVERIFY(rows.step());
        QCOMPARE(rows.blob(0), payload);
        QVERIFY(rows.isNull(1));
        QCOMPARE(rows.optionalInt64(1), std::optional<std::int64_t>());
        QVERIFY(rows.step());
        QCOMPARE(rows.text(2), std::string("blob")); // empty stays a blob, not NULL
        QCOMPARE(rows.optionalInt64(1), std::optional<std::int64_t>(5));
    }
};

QTEST_GUILESS_MAIN(TransactionTest)
#include "tst_transaction.moc"
