#pragma once

#include "vigil/store/database.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::kiosk {

// The kiosk's own log in its encrypted store, for what happens outside a sitting's journal or
// before one exists: every invigilator login attempt (who, when, which seat, outcome), wrong
// candidates, problems reported with a question, machine-check overrides. It never holds a
// credential or any item content.
class KioskLog {
public:
    struct Entry {
        std::int64_t atMs = 0;
        std::string seat;
        std::string kind;  // "login-failed", "login-succeeded", "question-problem", ...
        std::string actor; // invigilator id, "candidate", or "unknown"
        std::string detail;
    };

    explicit KioskLog(store::Database& db);
    void append(const Entry& entry);
    [[nodiscard]] std::vector<Entry> entries(std::string_view kind = {});

    [[nodiscard]] static std::string_view createTableSql() noexcept;

private:
    store::Database& db_;
};

// The kiosk store's schema, in order: login throttle, sitting journals, the kiosk log, the
// centre's unlocks the kiosk has applied.
[[nodiscard]] std::vector<store::Migration> kioskMigrations();

} // namespace vigil::kiosk
