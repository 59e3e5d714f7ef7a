#pragma once

#include "vigil/console/user_profile.h"
#include "vigil/store/database.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The console_users rows: each user's profile and the one Argon2id hash over their id, PIN and
// password together (exam::hashInvigilatorCredential, the hash a seat assignment carries).
namespace vigil::console::user_rows {

[[nodiscard]] std::string_view schemaSql() noexcept;

struct UserRow {
    UserProfile profile;
    std::string credentialHash;
};

void insert(store::Database& db, const UserRow& row);
void replaceCredentialHash(store::Database& db, const std::string& userId,
                           const std::string& credentialHash);
[[nodiscard]] std::optional<UserRow> find(store::Database& db, const std::string& userId);
[[nodiscard]] std::vector<UserProfile> all(store::Database& db);

} // namespace vigil::console::user_rows
