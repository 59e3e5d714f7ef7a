#include "user_table.h"

namespace vigil::console::user_rows {
namespace {

Role roleFrom(std::string_view text) {
    return text == "coordinator" ? Role::Coordinator : Role::Invigilator;
}

constexpr std::string_view kUserColumns = "user_id, name, role, industry_qualification, assessor, "
                                          "created_at_ms, created_by, credential_hash";

UserRow rowFrom(const store::Statement& select) {
    UserRow row;
    row.profile.userId = select.text(0);
    row.profile.name = select.text(1);
    row.profile.role = roleFrom(select.text(2));
    row.profile.industryQualification = select.text(3);
    row.profile.assessor = select.int64(4) != 0;
    row.profile.createdAtMs = select.int64(5);
    row.profile.createdBy = select.text(6);
    row.credentialHash = select.text(7);
    return row;
}

} // namespace

std::string_view schemaSql() noexcept {
    return R"sql(
CREATE TABLE console_users (
    user_id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'invigilator')),
    industry_qualification TEXT NOT NULL,
    assessor INTEGER NOT NULL CHECK (assessor IN (0, 1)),
    created_at_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    credential_hash TEXT NOT NULL
) WITHOUT ROWID;
)sql";
}

void insert(store::Database& db, const UserRow& row) {
    db.cached("INSERT INTO console_users (" + std::string(kUserColumns) +
              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, row.profile.userId)
        .bind(2, row.profile.name)
        .bind(3, roleName(row.profile.role))
        .bind(4, row.profile.industryQualification)
        .bind(5, row.profile.assessor ? 1 : 0)
        .bind(6, row.profile.createdAtMs)
        .bind(7, row.profile.createdBy)
        .bind(8, row.credentialHash)
        .run();
}

void replaceCredentialHash(store::Database& db, const std::string& userId,
                           const std::string& credentialHash) {
    db.cached("UPDATE console_users SET credential_hash = ? WHERE user_id = ?")
        .bind(1, credentialHash)
        .bind(2, userId)
        .run();
}

std::optional<UserRow> find(store::Database& db, const std::string& userId) {
    auto& select =
        db.cached("SELECT " + std::string(kUserColumns) + " FROM console_users WHERE user_id = ?");
    select.bind(1, userId);
    std::optional<UserRow> row;
    if (select.step()) {
        row = rowFrom(select);
    }
    select.reset();
    return row;
}

std::vector<UserProfile> all(store::Database& db) {
    auto& select = db.cached("SELECT " + std::string(kUserColumns) +
                             " FROM console_users ORDER BY role, name, user_id");
    std::vector<UserProfile> profiles;
    while (select.step()) {
        profiles.push_back(rowFrom(select).profile);
    }
    select.reset();
    return profiles;
}

} // namespace vigil::console::user_rows
