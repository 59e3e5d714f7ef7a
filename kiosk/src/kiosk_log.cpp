#include "vigil/kiosk/kiosk_log.h"

#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/invigilator_login.h"
#include "vigil/kiosk/launch_keys.h"
#include "vigil/kiosk/practice_progress.h"
#include "vigil/store/throttle_table.h"
#include "vigil/sync/command_ledger.h"
#include "vigil/sync/result_acks.h"

namespace vigil::kiosk {

KioskLog::KioskLog(store::Database& db)
    : db_(db) {}

std::string_view KioskLog::createTableSql() noexcept {
    return "CREATE TABLE kiosk_log ("
           " id INTEGER PRIMARY KEY,"
           " at_ms INTEGER NOT NULL,"
           " seat TEXT NOT NULL,"
           " kind TEXT NOT NULL,"
           " actor TEXT NOT NULL,"
           " detail TEXT NOT NULL);";
}

void KioskLog::append(const Entry& entry) {
    db_.prepare("INSERT INTO kiosk_log (at_ms, seat, kind, actor, detail) VALUES (?, ?, ?, ?, ?)")
        .bind(1, entry.atMs)
        .bind(2, entry.seat)
        .bind(3, entry.kind)
        .bind(4, entry.actor)
        .bind(5, entry.detail)
        .run();
}

std::vector<KioskLog::Entry> KioskLog::entries(std::string_view kind) {
    auto query =
        db_.prepare(kind.empty() ? "SELECT at_ms, seat, kind, actor, detail FROM kiosk_log "
                                   "ORDER BY id"
                                 : "SELECT at_ms, seat, kind, actor, detail FROM kiosk_log "
                                   "WHERE kind = ? ORDER BY id");
    if (!kind.empty()) {
        query.bind(1, kind);
    }
    std::vector<Entry> out;
    while (query.step()) {
        out.push_back({query.int64(0), query.text(1), query.text(2), query.text(3), query.text(4)});
    }
    return out;
}

std::vector<store::Migration> kioskMigrations() {
    return {{1, store::ThrottleTable::createTableSql()},
            {2, exam::sittingSchemaSql()},
            {3, KioskLog::createTableSql()},
            {4, exam::sittingHeadSchemaSql()},
            {5, InvigilatorLogin::createUsedUnlocksTableSql()},
            {6, sync::CommandLedger::schemaSql()},
            {7, LaunchKeys::schemaSql()},
            {8, PracticeProgress::schemaSql()},
            {9, sync::ResultAcks::schemaSql()}};
}

} // namespace vigil::kiosk
