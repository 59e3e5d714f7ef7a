#include "vigil/console/admin_log.h"

namespace vigil::console {

std::string_view AdminLog::schemaSql() noexcept {
    return R"sql(
CREATE TABLE console_admin_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX console_admin_log_subject ON console_admin_log (subject);
)sql";
}

void AdminLog::append(const AdminLogEntry& entry) {
    db_.cached("INSERT INTO console_admin_log (at_ms, actor, action, subject, note) "
               "VALUES (?, ?, ?, ?, ?)")
        .bind(1, entry.atMs)
        .bind(2, entry.actor)
        .bind(3, entry.action)
        .bind(4, entry.subject)
        .bind(5, entry.note)
        .run();
}

std::vector<AdminLogEntry> AdminLog::entries(std::string_view subject) {
    auto& select = db_.cached("SELECT at_ms, actor, action, subject, note FROM console_admin_log "
                              "WHERE ?1 = '' OR subject = ?1 ORDER BY id");
    select.bind(1, subject);
    std::vector<AdminLogEntry> entries;
    while (select.step()) {
        entries.push_back(
            {select.int64(0), select.text(1), select.text(2), select.text(3), select.text(4)});
    }
    select.reset();
    return entries;
}

} // namespace vigil::console
