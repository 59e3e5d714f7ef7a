#include "store_test_support.h"
#include "vigil/crypto/login_throttle.h"
#include "vigil/store/throttle_table.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

class ThrottleTableTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    const Migration schema_[1] = {throttleMigration(1)};
    fs::path file(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void aRecordIsSavedLoadedAndErased() {
        Database db = Database::open(file("records.vigil"), randomKey(), schema_);
        ThrottleTable table(db);
        QVERIFY(!table.load("pin:inv-7").has_value());

        table.save("pin:inv-7", {3, 1'700'000'000'123, false});
        auto loaded = table.load("pin:inv-7");
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->failures, 3u);
        QCOMPARE(loaded->lastFailureMs, std::int64_t{1'700'000'000'123});
        QVERIFY(!loaded->locked);

        table.save("pin:inv-7", {10, 1'700'000'100'000, true}); // replaces
        loaded = table.load("pin:inv-7");
        QCOMPARE(loaded->failures, 10u);
        QVERIFY(loaded->locked);
        QVERIFY(!table.load("device").has_value());

        table.erase("pin:inv-7");
        QVERIFY(!table.load("pin:inv-7").has_value());
    }

    void aLockOutSurvivesARestart() {
        const auto key = randomKey();
        const fs::path path = file("restart.vigil");
        const vigil::crypto::ThrottlePolicy policy;
        const std::int64_t now = 1'700'000'000'000;
        {
            Database db = Database::open(path, key, schema_);
            ThrottleTable table(db);
            vigil::crypto::LoginThrottle throttle(table, policy);
            for (std::uint32_t attempt = 0; attempt < policy.lockAfter; ++attempt) {
                throttle.recordFailure("pin:inv-7", now + attempt);
            }
            QVERIFY(throttle.check("pin:inv-7", now + 1'000'000).locked);
        }
        Database db = Database::open(path, key, schema_, OpenMode::MustExist);
        ThrottleTable table(db);
        vigil::crypto::LoginThrottle throttle(table, policy);
        const auto decision = throttle.check("pin:inv-7", now + 10'000'000);
        QVERIFY(decision.locked);
        QVERIFY(!decision.allowed);
        QVERIFY(throttle.check("pin:inv-8", now).allowed);
    }
};

QTEST_GUILESS_MAIN(ThrottleTableTest)
#include "tst_throttle_table.moc"
