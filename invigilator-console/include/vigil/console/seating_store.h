#pragma once

#include "vigil/console/seating_plan.h"
#include "vigil/store/database.h"

#include <optional>
#include <string>
#include <string_view>

// Where the seating area keeps its data in the console's one encrypted store: each session's
// candidates (CandidateRoster), its room grid, PCs and seat assignments (this class). Sessions
// are the core area's: a session id here is its string id, taken as given.
namespace vigil::console {

class SeatingStore {
public:
    // SQL for the console's store migrations: every seating table (seating_candidates,
    // seating_rooms, seating_pcs, seating_assignments), the roster's included.
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    explicit SeatingStore(store::Database& db)
        : db_(db) {}

    // The session's plan as last saved, or none.
    [[nodiscard]] std::optional<SeatingPlan> load(std::string_view sessionId);
    // Replaces the session's saved plan, in one transaction.
    void save(std::string_view sessionId, const SeatingPlan& plan);

private:
    store::Database& db_;
};

} // namespace vigil::console
