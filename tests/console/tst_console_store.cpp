// The console's one encrypted store holds every area's tables: the core's, the seating
// area's and the record area's, opened with one migration list, as the app will open it.
#include "core_fixture.h"
#include "vigil/console/incident_log.h"
#include "vigil/console/seating_store.h"

#include <set>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

namespace {

// The whole console's list: the core's table groups, then the other areas' after them.
std::vector<store::Migration> wholeConsole() {
    auto migrations = ConsoleStore::coreMigrations();
    const int next = static_cast<int>(migrations.size()) + 1;
    migrations.push_back({next, SeatingStore::schemaSql()});
    migrations.push_back({next + 1, IncidentLog::schemaSql()});
    return migrations;
}

std::set<std::string> tables(ConsoleStore& store) {
    auto select = store.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    std::set<std::string> names;
    while (select.step()) {
        names.insert(select.text(0));
    }
    return names;
}

} // namespace

class ConsoleStoreTest : public QObject {
    Q_OBJECT

private slots:
    void everyAreasTablesLiveInTheOneStore() {
        CoreFixture f;
        const auto migrations = wholeConsole();
        {
            auto store = valueOf(ConsoleStore::open(f.storeFile(), f.storeKey(), migrations));
            QCOMPARE(store.db().schemaVersion(), static_cast<int>(migrations.size()));
            const auto names = tables(store);
            for (const char* table :
                 {"console_centre", "console_users", "login_throttle", "console_admin_log",
                  "console_packages", "console_sessions", "link_kiosks", "replica_events",
                  "seating_candidates", "seating_assignments", "console_incidents"}) {
                QVERIFY2(names.count(table) == 1, table);
            }
            QVERIFY(Centre::create(store, f.setup(), f.clock()).ok());
        }
        auto again = valueOf(ConsoleStore::open(f.storeFile(), f.storeKey(), migrations));
        QCOMPARE(valueOf(Centre::load(again)).id(), kCentreId);
    }

    void aStoreOpenedWithOnlyPartOfTheListIsRefusedNotDowngraded() {
        CoreFixture f;
        {
            const auto migrations = wholeConsole();
            QVERIFY(ConsoleStore::open(f.storeFile(), f.storeKey(), migrations).ok());
        }
        const auto coreOnly = ConsoleStore::open(f.storeFile(), f.storeKey());
        QVERIFY(!coreOnly);
        QCOMPARE(coreOnly.error().error, ConsoleError::StoreUnavailable);
        QVERIFY(coreOnly.error().detail.find("has schema version 10, newer than this Vigil "
                                             "knows (8)") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(ConsoleStoreTest)
#include "tst_console_store.moc"
