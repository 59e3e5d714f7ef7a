#include "vigil/kiosk/launch_keys.h"

namespace vigil::kiosk {

std::string_view LaunchKeys::schemaSql() {
    return "CREATE TABLE launched_content_keys ("
           " assignment_digest BLOB PRIMARY KEY NOT NULL,"
           " sealed_content_key BLOB NOT NULL,"
           " command_id TEXT NOT NULL,"
           " launched_at_ms INTEGER NOT NULL);";
}

LaunchKeys::LaunchKeys(store::Database& db)
    : db_(db) {}

void LaunchKeys::remember(const crypto::Digest& assignmentDigest,
                          const std::vector<std::uint8_t>& sealed, const std::string& commandId,
                          std::int64_t nowMs) {
    db_.transaction([&] {
        db_.cached("INSERT OR REPLACE INTO launched_content_keys "
                   "(assignment_digest, sealed_content_key, command_id, launched_at_ms) "
                   "VALUES (?, ?, ?, ?)")
            .bindBlob(1, assignmentDigest)
            .bindBlob(2, sealed)
            .bind(3, commandId)
            .bind(4, nowMs)
            .run();
    });
}

std::optional<std::vector<std::uint8_t>>
LaunchKeys::sealedFor(const crypto::Digest& assignmentDigest) {
    auto& query = db_.cached(
        "SELECT sealed_content_key FROM launched_content_keys WHERE assignment_digest = ?");
    query.bindBlob(1, assignmentDigest);
    std::optional<std::vector<std::uint8_t>> found;
    if (query.step()) {
        found = query.blob(0);
    }
    query.reset();
    return found;
}

void LaunchKeys::forget(const crypto::Digest& assignmentDigest) {
    db_.transaction([&] {
        db_.cached("DELETE FROM launched_content_keys WHERE assignment_digest = ?")
            .bindBlob(1, assignmentDigest)
            .run();
    });
}

void LaunchKeys::forgetAllBut(const crypto::Digest& assignmentDigest) {
    db_.transaction([&] {
        db_.cached("DELETE FROM launched_content_keys WHERE assignment_digest <> ?")
            .bindBlob(1, assignmentDigest)
            .run();
    });
}

std::size_t LaunchKeys::count() {
    auto& query = db_.cached("SELECT COUNT(*) FROM launched_content_keys");
    const bool row = query.step();
    const auto n = row ? std::size_t(query.int64(0)) : 0;
    query.reset();
    return n;
}

} // namespace vigil::kiosk
