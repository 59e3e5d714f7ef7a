#include "vigil/sync/command_ledger.h"

namespace vigil::sync {
namespace {

LedgerEntry entryFrom(const store::Statement& row) {
    LedgerEntry entry;
    entry.commandId = row.text(0);
    entry.kind = commandKindNamed(row.text(1)).value_or(CommandKind::Pause);
    entry.issuedAtMs = row.int64(2);
    entry.receivedAtMs = row.int64(3);
    if (!row.isNull(4)) {
        entry.result = CommandResult{entry.commandId, row.text(4) == "applied", row.text(5), false};
    }
    return entry;
}

constexpr const char* kColumns =
    "command_id, kind, issued_at_ms, received_at_ms, outcome, reason FROM link_command_ledger";

} // namespace

std::string_view CommandLedger::schemaSql() {
    return "CREATE TABLE link_command_ledger ("
           " command_id TEXT PRIMARY KEY NOT NULL,"
           " kind TEXT NOT NULL,"
           " issued_at_ms INTEGER NOT NULL,"
           " received_at_ms INTEGER NOT NULL,"
           " outcome TEXT CHECK (outcome IN ('applied', 'refused')),"
           " reason TEXT NOT NULL DEFAULT '');";
}

CommandLedger::CommandLedger(store::Database& db)
    : db_(db) {}

std::optional<LedgerEntry> CommandLedger::find(const std::string& commandId) {
    auto& query = db_.cached(std::string("SELECT ") + kColumns + " WHERE command_id = ?");
    query.bind(1, commandId);
    std::optional<LedgerEntry> found;
    if (query.step()) {
        found = entryFrom(query);
    }
    query.reset();
    return found;
}

bool CommandLedger::recordReceived(const ConsoleCommand& command, std::int64_t receivedAtMs) {
    bool inserted = false;
    db_.transaction([&] {
        db_.cached("INSERT OR IGNORE INTO link_command_ledger "
                   "(command_id, kind, issued_at_ms, received_at_ms) VALUES (?, ?, ?, ?)")
            .bind(1, command.commandId)
            .bind(2, nameOf(command.kind))
            .bind(3, command.issuedAtMs)
            .bind(4, receivedAtMs)
            .run();
        inserted = db_.changes() == 1;
    });
    return inserted;
}

void CommandLedger::recordResult(const CommandResult& result) {
    db_.transaction([&] {
        db_.cached("UPDATE link_command_ledger SET outcome = ?, reason = ? WHERE command_id = ?")
            .bind(1, result.applied ? "applied" : "refused")
            .bind(2, result.reason)
            .bind(3, result.commandId)
            .run();
    });
}

std::vector<LedgerEntry> CommandLedger::all() {
    std::vector<LedgerEntry> entries;
    auto query = db_.prepare(std::string("SELECT ") + kColumns + " ORDER BY received_at_ms");
    while (query.step()) {
        entries.push_back(entryFrom(query));
    }
    return entries;
}

} // namespace vigil::sync
