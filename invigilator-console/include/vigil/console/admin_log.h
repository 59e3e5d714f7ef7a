#pragma once

#include "vigil/store/database.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::console {

// What the coordinator and the console did to users, packages and sessions: who, when, to
// what, and why. Append-only: nothing in the core updates or deletes a row.
struct AdminLogEntry {
    std::int64_t atMs = 0;
    std::string actor;   // a user id, or "console" for the console's own decisions
    std::string action;  // "centre-created", "user-added", "account-unlocked", ...
    std::string subject; // the user, session or package concerned
    std::string note;    // the reason given, or what was refused
};

class AdminLog {
public:
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    explicit AdminLog(store::Database& db)
        : db_(db) {}

    void append(const AdminLogEntry& entry);
    // Oldest first; all entries when subject is empty.
    [[nodiscard]] std::vector<AdminLogEntry> entries(std::string_view subject = {});

private:
    store::Database& db_;
};

} // namespace vigil::console
