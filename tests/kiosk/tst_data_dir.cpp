#include "vigil/kiosk/data_dir.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <sys/stat.h>

using vigil::kiosk::DataDir;
using vigil::kiosk::DataDirError;

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
};

QTEST_GUILESS_MAIN(TestDataDir)
#include "tst_data_dir.moc"
