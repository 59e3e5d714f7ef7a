#include "vigil/sync/result_acks.h"

namespace vigil::sync {

std::string_view ResultAcks::schemaSql() {
    return "CREATE TABLE link_result_acks ("
           " sitting_id TEXT PRIMARY KEY NOT NULL,"
           " item_id TEXT NOT NULL,"
           " acknowledged_at_ms INTEGER NOT NULL);";
}

ResultAcks::ResultAcks(store::Database& db)
    : db_(db) {}

void ResultAcks::record(const ResultAckRow& ack) {
    db_.transaction([&] {
        db_.cached("INSERT OR IGNORE INTO link_result_acks "
                   "(sitting_id, item_id, acknowledged_at_ms) VALUES (?, ?, ?)")
            .bind(1, ack.sittingId)
            .bind(2, ack.itemId)
            .bind(3, ack.acknowledgedAtMs)
            .run();
    });
}

std::set<std::string> ResultAcks::sittings() {
    std::set<std::string> out;
    auto query = db_.prepare("SELECT sitting_id FROM link_result_acks");
    while (query.step()) {
        out.insert(query.text(0));
    }
    return out;
}

std::optional<ResultAckRow> ResultAcks::find(const std::string& sittingId) {
    auto query = db_.prepare("SELECT sitting_id, item_id, acknowledged_at_ms FROM link_result_acks "
                             "WHERE sitting_id = ?");
    query.bind(1, sittingId);
    if (!query.step()) {
        return std::nullopt;
    }
    return ResultAckRow{query.text(0), query.text(1), query.int64(2)};
}

} // namespace vigil::sync
