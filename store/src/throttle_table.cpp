#include "vigil/store/throttle_table.h"

namespace vigil::store {

std::string_view ThrottleTable::createTableSql() {
    return "CREATE TABLE login_throttle ("
           " subject TEXT PRIMARY KEY NOT NULL,"
           " failures INTEGER NOT NULL CHECK (failures >= 0),"
           " last_failure_ms INTEGER NOT NULL,"
           " locked INTEGER NOT NULL CHECK (locked IN (0, 1))"
           ") WITHOUT ROWID";
}

Migration throttleMigration(int version) {
    return {version, ThrottleTable::createTableSql()};
}

ThrottleTable::ThrottleTable(Database& db)
    : db_(db) {}

std::optional<crypto::ThrottleRecord> ThrottleTable::load(const std::string& subject) {
    Statement& select = db_.cached(
        "SELECT failures, last_failure_ms, locked FROM login_throttle WHERE subject = ?1");
    select.bind(1, subject);
    if (!select.step()) {
        return std::nullopt;
    }
    crypto::ThrottleRecord record;
    record.failures = static_cast<std::uint32_t>(select.int64(0));
    record.lastFailureMs = select.int64(1);
    record.locked = select.int64(2) != 0;
    select.reset();
    return record;
}

void ThrottleTable::save(const std::string& subject, const crypto::ThrottleRecord& record) {
    // No UPSERT in SQLCipher 3.4's SQLite; nothing references this table, so REPLACE is safe.
    Statement& upsert =
        db_.cached("INSERT OR REPLACE INTO login_throttle (subject, failures, last_failure_ms,"
                   " locked) VALUES (?1, ?2, ?3, ?4)");
    upsert.bind(1, subject)
        .bind(2, static_cast<std::int64_t>(record.failures))
        .bind(3, record.lastFailureMs)
        .bind(4, record.locked ? 1 : 0)
        .run();
}

void ThrottleTable::erase(const std::string& subject) {
    db_.cached("DELETE FROM login_throttle WHERE subject = ?1").bind(1, subject).run();
}

} // namespace vigil::store
