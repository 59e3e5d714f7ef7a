#include "vigil/kiosk/data_dir.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <optional>
#include <sys/stat.h>

using vigil::kiosk::DataDir;
using vigil::kiosk::DataDirError;
using vigil::kiosk::DataDirFailure;

namespace {

void touch(const std::filesystem::path& file) {
    std::ofstream(file) << "bytes";
}

// The failure openStoreKey() reports, or nothing when it succeeds.
std::optional<DataDirFailure> failureOf(const DataDir& dir) {
    try {
        (void)dir.openStoreKey();
    } catch (const DataDirError& error) {
        return error.failure();
    }
    return std::nullopt;
}

} // namespace

class TestDataDir : public QObject {
    Q_OBJECT
private slots:
    void firstRunCreatesA0600KeyAndTheSameKeyIsReadAfter() {
        QTemporaryDir temp;
        DataDir dir(std::filesystem::path(temp.path().toStdString()) / "kiosk");
        struct stat info {};
        QCOMPARE(::stat(dir.root().c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0700u);
        const auto first = dir.loadOrCreateStoreKey();
        QCOMPARE(first.size(), std::size_t(32));
        QCOMPARE(::stat(dir.keyFile().c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        const auto again = dir.loadOrCreateStoreKey();
        QVERIFY(again.equals(first.span()));
    }

    void aKeyReadableByOthersIsRefused() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        (void)dir.loadOrCreateStoreKey();
        ::chmod(dir.keyFile().c_str(), 0644);
        QVERIFY_THROWS_EXCEPTION(DataDirError, (void)dir.loadOrCreateStoreKey());
    }

    void aDamagedKeyIsRefused() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        (void)dir.loadOrCreateStoreKey();
        std::ofstream(dir.keyFile(), std::ios::app) << "x";
        QVERIFY_THROWS_EXCEPTION(DataDirError, (void)dir.loadOrCreateStoreKey());
    }

    void aStoreWithoutItsKeyIsNeverGivenANewKey() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        std::ofstream(dir.storeFile()) << "encrypted bytes";
        try {
            (void)dir.loadOrCreateStoreKey();
            QFAIL("a new key was made for an existing store");
        } catch (const DataDirError& error) {
            QVERIFY(std::string(error.what()).find("restore the key") != std::string::npos);
        }
        QVERIFY(!std::filesystem::exists(dir.keyFile()));
    }

    void aFirstStartCreatesTheKeyForANewStore() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        const auto first = dir.openStoreKey();
        QVERIFY(!first.storeExists);
        touch(dir.storeFile()); // the store made with it
        const auto again = dir.openStoreKey();
        QVERIFY(again.storeExists);
        QVERIFY(again.key.equals(first.key.span()));
    }

    void aKeyWithoutItsStoreIsRefusedOnceTheKioskHasRun() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        (void)dir.openStoreKey();
        touch(dir.kioskSigningKeyFile());
        QVERIFY(failureOf(dir) == DataDirFailure::StoreMissing);
        QVERIFY(!std::filesystem::exists(dir.storeFile()));
    }

    void aKeyWithOnlyTheStoresLogIsRefused() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        (void)dir.openStoreKey();
        touch(dir.storeFile().string() + "-wal");
        QVERIFY(failureOf(dir) == DataDirFailure::StoreMissing);
    }

    // Written store.key, then stopped before kiosk.db existed: no sitting can have happened.
    void anInterruptedFirstStartGoesOn() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        const auto first = dir.openStoreKey();
        const auto again = dir.openStoreKey();
        QVERIFY(!again.storeExists);
        QVERIFY(again.key.equals(first.key.span()));
    }

    void storeAndKeyGoneFromAKioskThatHasRunAreRefused() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        touch(dir.kioskSigningKeyFile());
        QVERIFY(failureOf(dir) == DataDirFailure::StoreAndKeyMissing);
        QVERIFY(!std::filesystem::exists(dir.keyFile()));
    }

    void aSharedMemoryFileWithoutItsLogMeansTheLogWasDeleted() {
        QTemporaryDir temp;
        DataDir dir(temp.path().toStdString());
        (void)dir.openStoreKey();
        touch(dir.storeFile());
        touch(dir.storeFile().string() + "-shm");
        QVERIFY(failureOf(dir) == DataDirFailure::StoreLogMissing);
        touch(dir.storeFile().string() + "-wal"); // both, as a killed kiosk leaves them
        QVERIFY(!failureOf(dir));
    }
};

QTEST_GUILESS_MAIN(TestDataDir)
#include "tst_data_dir.moc"
