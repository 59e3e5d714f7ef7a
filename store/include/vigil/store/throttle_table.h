#pragma once

#include "vigil/crypto/login_throttle.h"
#include "vigil/store/database.h"

namespace vigil::store {

// Persists LoginThrottle records in a store, so restarting an app never resets a lock-out.
// The table is created by throttleMigration(version), which an app adds to its own migration
// list.
class ThrottleTable final : public crypto::ThrottleStorage {
public:
    explicit ThrottleTable(Database& db);
    [[nodiscard]] std::optional<crypto::ThrottleRecord> load(const std::string& subject) override;
    void save(const std::string& subject, const crypto::ThrottleRecord& record) override;
    void erase(const std::string& subject) override;

    [[nodiscard]] static std::string_view createTableSql();

private:
    Database& db_;
};

// The migration that creates ThrottleTable's table, at the given step of an app's schema.
[[nodiscard]] Migration throttleMigration(int version);

} // namespace vigil::store
