#include "store_test_support.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <signal.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kSchema[] = {
    {1, "CREATE TABLE answer (id INTEGER PRIMARY KEY, sitting INTEGER NOT NULL, payload BLOB)"},
};
constexpr int kRowsPerTransaction = 3;
constexpr int kCommittedBeforehand = 20;

void writeCommittedRows(Database& db) {
    db.transaction([&] {
        for (int row = 0; row < kCommittedBeforehand; ++row) {
            db.cached("INSERT INTO answer (sitting, payload) VALUES (0, ?1)")
                .bind(1, "answer " + std::to_string(row))
                .run();
        }
    });
}

struct FillResult {
    int committedTransactions = 0;
    StoreErrorCode code = StoreErrorCode::Misuse;
    std::string message;
    bool failed = false;
};

// Commits transactions of a few 8 KiB rows until the store refuses one.
FillResult fillUntilRefused(Database& db) {
    FillResult result;
    const std::vector<std::uint8_t> payload(8192, 0x5a);
    for (int transaction = 1; transaction <= 2000; ++transaction) {
        try {
            db.transaction([&] {
                for (int row = 0; row < kRowsPerTransaction; ++row) {
                    db.cached("INSERT INTO answer (sitting, payload) VALUES (?1, ?2)")
                        .bind(1, transaction)
                        .bindBlob(2, payload)
                        .run();
                }
            });
            ++result.committedTransactions;
        } catch (const StoreError& error) {
            result.failed = true;
            result.code = error.code();
            result.message = error.what();
            return result;
        }
    }
    return result;
}

// Every committed row is there, nothing of the refused transaction is, and the file is sound.
void checkNothingLostNothingHalfWritten(const fs::path& path,
                                        const vigil::crypto::SecureBuffer& key,
                                        int committedTransactions) {
    Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
    Statement before = db.prepare("SELECT count(*) FROM answer WHERE sitting = 0");
    QVERIFY(before.step());
    QCOMPARE(before.int64(0), kCommittedBeforehand);
    Statement filled = db.prepare("SELECT count(*), count(DISTINCT sitting), max(sitting) "
                                  "FROM answer WHERE sitting > 0");
    QVERIFY(filled.step());
    QCOMPARE(filled.int64(0), std::int64_t{committedTransactions} * kRowsPerTransaction);
    QCOMPARE(filled.int64(1), std::int64_t{committedTransactions});
    if (committedTransactions > 0) {
        QCOMPARE(filled.int64(2), std::int64_t{committedTransactions});
    }
    const IntegrityReport report = db.checkIntegrity();
    QVERIFY2(report.ok, report.ok ? "" : report.problems.front().c_str());
    // And the store takes writes again once there is room.
    db.exec("INSERT INTO answer (sitting, payload) VALUES (-1, 'after')");
}

} // namespace

class DiskFullTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    fs::path folder(const char* name) const {
        const fs::path path = fs::path(dir_.path().toStdString()) / name;
        fs::create_directories(path);
        return path;
    }

private slots:
    void aFullFileSystemRefusesTheWriteAndLosesNothing() {
        if (const QString why = ScratchFileSystem::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable("a full file system needs a scratch tmpfs: " + why +
                             " (aFileSizeLimit... covers the same path without root)"));
        }
        const fs::path mountPoint = folder("full");
        ScratchFileSystem scratch(mountPoint, 256 * 1024);
        QVERIFY(scratch.mounted());
        const fs::path path = mountPoint / "answers.vigil";
        const auto key = randomKey();

        FillResult result;
        {
            Database db = Database::open(path, key, kSchema);
            writeCommittedRows(db);
            result = fillUntilRefused(db);
            QVERIFY2(result.failed, "a 256 KiB file system never filled up");
            QVERIFY(result.committedTransactions > 0);
            QCOMPARE(result.code, StoreErrorCode::DiskFull);
            QVERIFY2(result.message.find("full") != std::string::npos, result.message.c_str());
            QVERIFY2(result.message.find(path.string()) != std::string::npos,
                     result.message.c_str());
            // Still readable on the same connection.
            Statement count = db.prepare("SELECT count(*) FROM answer");
            QVERIFY(count.step());
            QCOMPARE(count.int64(0),
                     kCommittedBeforehand + result.committedTransactions * kRowsPerTransaction);
        }
        // The operator frees space; the store opens with every committed row.
        QVERIFY(scratch.remount(16 << 20, /*readOnly=*/false));
        checkNothingLostNothingHalfWritten(path, key, result.committedTransactions);
    }

    void aFileSizeLimitIsReportedAsDiskFullAndLosesNothing() {
        const fs::path path = folder("limit") / "answers.vigil";
        const auto key = randomKey();
        {
            Database db = Database::open(path, key, kSchema);
            writeCommittedRows(db);
        }
        const auto limit = static_cast<rlim_t>(fs::file_size(path) + 64 * 1024);

        int channel[2];
        QCOMPARE(::pipe(channel), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(channel[0]);
            ::signal(SIGXFSZ, SIG_IGN); // a write past the limit then fails with EFBIG
            const rlimit fileSize{limit, limit};
            ::setrlimit(RLIMIT_FSIZE, &fileSize);
            int report[3] = {-1, -1, 0};
            try {
                Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
                const FillResult result = fillUntilRefused(db);
                report[0] = result.failed ? static_cast<int>(result.code) : -1;
                report[1] = result.committedTransactions;
                report[2] = result.message.find(path.string()) != std::string::npos ? 1 : 0;
            } catch (const StoreError& error) {
                report[0] = -2;
            }
            [[maybe_unused]] const auto written = ::write(channel[1], report, sizeof report);
            ::_exit(0);
        }
        ::close(channel[1]);
        int report[3] = {-3, -3, 0};
        const auto received = ::read(channel[0], report, sizeof report);
        ::close(channel[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QCOMPARE(received, static_cast<ssize_t>(sizeof report));
        QCOMPARE(report[0], static_cast<int>(StoreErrorCode::DiskFull));
        QCOMPARE(report[2], 1); // the message names the file
        QVERIFY(report[1] > 0);
        checkNothingLostNothingHalfWritten(path, key, report[1]);
    }
};

QTEST_GUILESS_MAIN(DiskFullTest)
#include "tst_disk_full.moc"
