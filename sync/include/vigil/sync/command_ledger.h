#pragma once

#include "vigil/store/database.h"
#include "vigil/sync/console_command.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The kiosk's record of every console command it has taken up, in its own encrypted store: what
// makes "applied at most once" hold across reconnects, restarts and a console that sends a
// command again because it never saw the answer. A command id is recorded as received before it
// is applied, and its outcome after: a replay is answered from here and never applied again, and
// one whose outcome never got written (the kiosk stopped mid-way) is answered as interrupted,
// never applied a second time.
namespace vigil::sync {

struct LedgerEntry {
    std::string commandId;
    CommandKind kind = CommandKind::Pause;
    std::int64_t issuedAtMs = 0;
    std::int64_t receivedAtMs = 0;
    std::optional<CommandResult> result; // none: received, its outcome never written
};

class CommandLedger {
public:
    // The table, for the kiosk's store migrations (kioskMigrations).
    [[nodiscard]] static std::string_view schemaSql();

    explicit CommandLedger(store::Database& db);

    [[nodiscard]] std::optional<LedgerEntry> find(const std::string& commandId);
    // Durable before it returns; false when the id is already recorded.
    bool recordReceived(const ConsoleCommand& command, std::int64_t receivedAtMs);
    void recordResult(const CommandResult& result);
    [[nodiscard]] std::vector<LedgerEntry> all();

private:
    store::Database& db_;
};

} // namespace vigil::sync
