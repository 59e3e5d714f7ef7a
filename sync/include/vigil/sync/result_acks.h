#pragma once

#include "vigil/store/database.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

// The kiosk's record of the result records the console acknowledged (ResultAck: the record is
// in the centre's outbox), in its own encrypted store. The link sends a sitting's record until
// it is acknowledged; with the acknowledgement kept here, a kiosk restarted (or killed) after it
// sends nothing again.
namespace vigil::sync {

struct ResultAckRow {
    std::string sittingId;
    std::string itemId; // the console's outbox item holding the record
    std::int64_t acknowledgedAtMs = 0;
};

class ResultAcks {
public:
    // The table, for the kiosk's store migrations (kioskMigrations).
    [[nodiscard]] static std::string_view schemaSql();

    explicit ResultAcks(store::Database& db);

    // Durable before it returns; a sitting acknowledged again keeps its first row.
    void record(const ResultAckRow& ack);
    [[nodiscard]] std::set<std::string> sittings();
    [[nodiscard]] std::optional<ResultAckRow> find(const std::string& sittingId);

private:
    store::Database& db_;
};

} // namespace vigil::sync
