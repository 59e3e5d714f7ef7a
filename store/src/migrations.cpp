#include "migrations.h"

#include <string>

namespace vigil::store {

namespace {

void checkVersionsRise(std::span<const Migration> migrations) {
    int previous = 0;
    for (const Migration& migration : migrations) {
        if (migration.version <= previous) {
            throw StoreError(StoreErrorCode::Misuse,
                             "Migration versions must start at 1 and rise; found " +
                                 std::to_string(migration.version) + " after " +
                                 std::to_string(previous));
        }
        previous = migration.version;
    }
}

} // namespace

void applyMigrations(Database& db, std::span<const Migration> migrations) {
    if (migrations.empty()) {
        return;
    }
    checkVersionsRise(migrations);
    const int current = db.schemaVersion();
    const int newest = migrations.back().version;
    if (current > newest) {
        throw StoreError(StoreErrorCode::NewerSchema,
                         db.path().string() + " has schema version " + std::to_string(current) +
                             ", newer than this Vigil knows (" + std::to_string(newest) +
                             "): it was written by a newer Vigil; update Vigil to open it");
    }
    for (const Migration& migration : migrations) {
        if (migration.version <= current) {
            continue;
        }
        try {
            db.transaction([&] {
                db.exec(migration.sql);
                db.exec("PRAGMA user_version = " + std::to_string(migration.version));
            });
        } catch (const StoreError& error) {
            throw StoreError(error.code(), "Schema migration " + std::to_string(migration.version) +
                                               " of " + db.path().string() +
                                               " failed: " + error.what());
        }
    }
}

} // namespace vigil::store
